package org.sinfonia.core.jobs;

/** Where a job is in its life. QUEUED and RUNNING are unfinished: start-up announces them again. */
public enum JobState {
  QUEUED,
  RUNNING,
  DONE,
  FAILED,
  CANCELLED;

  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  public String wire() {
    return name().toLowerCase();
  }

  public static JobState ofWire(String s) {
    return valueOf(s.toUpperCase());
  }
}
