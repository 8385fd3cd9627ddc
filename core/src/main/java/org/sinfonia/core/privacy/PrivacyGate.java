package org.sinfonia.core.privacy;

/**
 * What a door does with a file under a policy, given the findings: the verdict and a machine
 * reason. The findings must come from the whole header (the detector runs before the file is
 * committed).
 */
public final class PrivacyGate {

  private PrivacyGate() {}

  /** The outcome for one file. */
  public enum Verdict {
    /** Store as received. */
    STORE,
    /** Store as received and show the findings as a warning. */
    STORE_FLAGGED,
    /** Store the de-identified version only. */
    DEIDENTIFY,
    /** Refuse: identifying content under {@code reject}. */
    REFUSE_IDENTIFYING,
    /** Refuse: burned-in annotation under {@code deidentify} without {@code allowBurnedIn}. */
    REFUSE_BURNED_IN
  }

  /** Verdict and reason code ({@code IDENTIFYING_DATA}, {@code BURNED_IN_ANNOTATION} or null). */
  public record Outcome(Verdict verdict, String reason) {}

  public static Outcome decide(PrivacyPolicy policy, Findings findings) {
    return switch (policy.kind()) {
      case ACCEPT -> new Outcome(Verdict.STORE, null);
      case FLAG ->
          findings.all().isEmpty()
              ? new Outcome(Verdict.STORE, null)
              : new Outcome(Verdict.STORE_FLAGGED, null);
      case REJECT ->
          findings.identifying() || findings.burnedIn()
              ? new Outcome(
                  Verdict.REFUSE_IDENTIFYING,
                  findings.identifying() ? "IDENTIFYING_DATA" : "BURNED_IN_ANNOTATION")
              : new Outcome(Verdict.STORE, null);
      case DEIDENTIFY ->
          findings.burnedIn() && !policy.options().allowBurnedIn()
              ? new Outcome(Verdict.REFUSE_BURNED_IN, "BURNED_IN_ANNOTATION")
              : new Outcome(Verdict.DEIDENTIFY, null);
    };
  }
}
