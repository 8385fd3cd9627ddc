package org.sinfonia.core.privacy;

/**
 * A privacy policy document that cannot be accepted: a stable machine code ({@code
 * POLICY_UNKNOWN_KEY}, {@code POLICY_WRONG_TYPE}, {@code POLICY_UNKNOWN_KIND}, {@code
 * POLICY_MISSING}, {@code POLICY_INVALID}) and a message naming the key. The web layer maps it to
 * 400.
 */
public final class PrivacyPolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public PrivacyPolicyException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
