package org.sinfonia.verticles.mongo;

/** MongoDB collection names, in one place. */
public final class Collections {

  public static final String USERS = "users";
  public static final String SESSIONS = "sessions";
  public static final String LOGIN_FAILURES = "login_failures";

  private Collections() {
  }
}
