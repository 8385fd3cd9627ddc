package org.sinfonia.core.model;

/**
 * One problem in a submitted model card: a stable machine code, the field's path (e.g. {@code
 * inputs[0].preprocessing.window.width}) and a message for people.
 */
public record CardError(Code code, String path, String message) {
  public enum Code {
    /** A required field is absent or empty. */
    MISSING_FIELD,
    /** A field the card format does not define (usually a typo). */
    UNKNOWN_FIELD,
    /** A field has the wrong JSON type (string where a number belongs, ...). */
    WRONG_TYPE,
    /** A field has the right type but a value outside what is allowed. */
    INVALID_VALUE,
    /** Two inputs or two outputs share a name. */
    DUPLICATE_NAME,
    /**
     * Two fields that exclude each other are both present (window and clip, targetSize and
     * spacing).
     */
    CONFLICT
  }

  @Override
  public String toString() {
    return code + " at " + path + ": " + message;
  }
}
