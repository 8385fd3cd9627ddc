package org.sinfonia.core.rt;

/**
 * An RT object lacks what its summary needs (a dose grid without pixel data, say), or its file
 * cannot be read.
 */
public final class RtObjectException extends Exception {

  private static final long serialVersionUID = 1L;

  public RtObjectException(String message) {
    super(message);
  }

  public RtObjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
