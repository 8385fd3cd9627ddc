package org.sinfonia.web.models;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a submitted model is: being checked, refused by the checks or a reviewer, waiting for a
 * reviewer, or approved (runnable by those it is visible to).
 */
public enum ModelStatus {
  VALIDATING("validating"),
  PENDING_REVIEW("pending-review"),
  REJECTED("rejected"),
  APPROVED("approved");

  private final String wire;

  ModelStatus(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<ModelStatus> fromWire(String s) {
    return Arrays.stream(values()).filter(v -> v.wire.equals(s)).findFirst();
  }
}
