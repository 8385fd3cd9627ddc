package org.sinfonia.core.dicomweb;

/**
 * Thrown while an instance is stored to refuse it with a STOW-RS failure reason; the blob being
 * written is discarded, so nothing of a refused instance is kept.
 */
public final class StowRefusal extends RuntimeException {

  private final StowReason reason;
  private final String sopClassUid;
  private final String sopInstanceUid;

  public StowRefusal(StowReason reason, String sopClassUid, String sopInstanceUid, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.sopClassUid = sopClassUid;
    this.sopInstanceUid = sopInstanceUid;
  }

  public StowReason reason() {
    return reason;
  }

  public String sopClassUid() {
    return sopClassUid;
  }

  public String sopInstanceUid() {
    return sopInstanceUid;
  }
}
