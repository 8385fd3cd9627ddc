package org.sinfonia.core.render;

/**
 * A rendering step met input it cannot render. {@link DicomRenderer} turns it into a placeholder
 * image with the same {@link RenderFailure}; it never reaches the renderer's callers.
 */
public final class RenderException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient RenderFailure failure;

  public RenderException(RenderFailure.Code code, String message) {
    super(code + ": " + message);
    this.failure = new RenderFailure(code, message);
  }

  public RenderException(RenderFailure.Code code, String message, Throwable cause) {
    super(code + ": " + message, cause);
    this.failure = new RenderFailure(code, message);
  }

  public RenderFailure failure() {
    return failure;
  }
}
