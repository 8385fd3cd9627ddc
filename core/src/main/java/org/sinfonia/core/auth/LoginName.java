package org.sinfonia.core.auth;

import java.util.regex.Pattern;
import org.sinfonia.core.error.ApiError;

/**
 * A user name that is safe to put into an LDAP DN or search filter without escaping: letters,
 * digits and {@code . _ -}, starting with a letter or digit. Everything else (LDAP metacharacters
 * such as {@code * ( ) \ , = +}, NUL, spaces) is refused before any directory is contacted.
 */
public final class LoginName {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  private LoginName() {}

  public static boolean isValid(String login) {
    return login != null && VALID.matcher(login).matches();
  }

  /** Returns the name unchanged, or throws a 400 that never echoes the hostile input back. */
  public static String require(String login) {
    if (!isValid(login)) {
      throw ApiError.badRequest(
          "INVALID_USERNAME",
          "user names are 1-64 characters of letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return login;
  }
}
