package org.sinfonia.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.SiteKey;

/**
 * One file through the ingest privacy stage under a {@code deidentify} policy, as the ingest
 * service runs it: the received bytes streamed in chunks, the stored bytes out. For tests outside
 * this package (the stage's rewrite calls are package-private).
 */
public final class DeidentifyingPass {

  private DeidentifyingPass() {}

  /** The bytes Sinfonia would store for {@code input}; fails if the stage did not de-identify. */
  public static byte[] run(PrivacyPolicy policy, SiteKey key, byte[] input, int chunk)
      throws IOException {
    PrivacyStage stage =
        new PrivacyStages(key, DicomParserOptions.defaults(), 1 << 20).forFile(policy);
    if (stage == null || !stage.rewrites()) {
      throw new IllegalArgumentException("not a deidentify policy: " + policy);
    }
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    for (int at = 0; at < input.length; at += chunk) {
      ByteBuffer b = ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)).slice();
      stage.accept(b.asReadOnlyBuffer());
      stage.rewrite(b, stored);
    }
    stage.endRewrite(stored);
    stage.end();
    stage.check();
    if (!stage.deidentified()) {
      throw new IllegalStateException("not de-identified: " + stage.summary());
    }
    return stored.toByteArray();
  }
}
