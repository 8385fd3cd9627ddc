package org.sinfonia.verticles.bus;

/** Every event-bus address, in one place. */
public final class Addresses {

  private static final String JOBS = "sinfonia.jobs.";

  private Addresses() {}

  /** Where jobs of one kind are announced; the workers of that kind consume it. */
  public static String jobs(String kind) {
    return JOBS + kind;
  }
}
