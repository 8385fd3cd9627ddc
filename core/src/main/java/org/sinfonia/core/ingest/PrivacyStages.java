package org.sinfonia.core.ingest;

import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.privacy.Deidentifier;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.SiteKey;

/** Makes the {@link PrivacyStage} of one file under a policy, with the site's key. */
public final class PrivacyStages {

  private final SiteKey key;
  private final DicomParserOptions options;
  private final long maxLookahead;

  /**
   * @param maxLookahead how many bytes of a header are held at most before de-identification has
   *     read the Patient ID
   */
  public PrivacyStages(SiteKey key, DicomParserOptions options, long maxLookahead) {
    this.key = key;
    this.options = options;
    this.maxLookahead = maxLookahead;
  }

  /** The stage for one file, or null under {@code accept} (no stage, no cost). */
  public PrivacyStage forFile(PrivacyPolicy policy) {
    if (policy == null || policy.kind() == PrivacyPolicy.Kind.ACCEPT) {
      return null;
    }
    Deidentifier deidentifier =
        policy.kind() == PrivacyPolicy.Kind.DEIDENTIFY
            ? new Deidentifier(policy.options(), key)
            : null;
    return new PrivacyStage(policy, deidentifier, options, maxLookahead);
  }
}
