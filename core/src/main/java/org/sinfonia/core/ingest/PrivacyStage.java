package org.sinfonia.core.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.write.DicomStreamRewriter;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.Decision;
import org.sinfonia.core.privacy.Deidentifier;
import org.sinfonia.core.privacy.Finding;
import org.sinfonia.core.privacy.Findings;
import org.sinfonia.core.privacy.FindingsCollector;
import org.sinfonia.core.privacy.PrivacyGate;
import org.sinfonia.core.privacy.PrivacyPolicy;

/**
 * The privacy policy of the destination folder, applied inside the byte pass of one file. It is a
 * tap on the bytes as received: the detector ({@link FindingsCollector}) sees the header as it
 * streams. Under {@code deidentify} it also rewrites: the received bytes go through {@link
 * DicomStreamRewriter} with an editor driven by {@link Deidentifier}, and only what it writes
 * reaches the blob (and the taps that see what is stored, the DICOM header tap among them). Under
 * {@code accept} there is no stage at all.
 *
 * <p>De-identification needs the original Patient ID before the first date, which comes earlier in
 * the file; the received bytes are therefore held until the header is past Patient's Birth Date
 * (0010,0030), at most {@code maxLookahead} bytes, then fed to the rewriter. From then on nothing
 * is held but the rewriter's own bounded state: memory is flat with the file size.
 *
 * <p>What a file that is not DICOM (no {@code DICM} at offset 128) gets: stored as is under {@code
 * flag} and {@code reject} (there is no DICOM header to check), refused under {@code deidentify}
 * (nothing can be de-identified in it, and the original is never stored). A DICOM file that cannot
 * be parsed to its end is refused under {@code reject} and {@code deidentify} (its header could not
 * be checked), stored flagged under {@code flag}.
 *
 * <p>Blocking, on the ingest worker; one per file, fed in order.
 */
public final class PrivacyStage implements IngestTap {

  private static final int PREFIX = 132;

  private final PrivacyPolicy policy;
  private final Deidentifier deidentifier;
  private final long maxLookahead;
  private final FindingsCollector collector = new FindingsCollector();
  private final FindingsListener listener = new FindingsListener(collector);
  private final DicomStreamParser parser;
  private final byte[] prefix = new byte[PREFIX];
  private int prefixLength;
  private Boolean dicom;
  private String unreadable;
  private boolean ended;

  private ByteArrayOutputStream held = new ByteArrayOutputStream();
  private DicomStreamRewriter rewriter;
  private Deidentifier.Instance instance;
  private String notRewritten;
  private byte[] copy = new byte[0];

  /**
   * @param deidentifier the de-identifier for the policy's options (only used under {@code
   *     deidentify})
   */
  PrivacyStage(
      PrivacyPolicy policy,
      Deidentifier deidentifier,
      DicomParserOptions options,
      long maxLookahead) {
    this.policy = policy;
    this.deidentifier = deidentifier;
    this.maxLookahead = maxLookahead;
    this.parser = new DicomStreamParser(listener, options);
  }

  public PrivacyPolicy policy() {
    return policy;
  }

  /** True under {@code deidentify}: the stored bytes are the rewriter's, not the received ones. */
  public boolean rewrites() {
    return policy.kind() == PrivacyPolicy.Kind.DEIDENTIFY;
  }

  // ---- the received bytes (a tap: never throws)

  @Override
  public void accept(ByteBuffer chunk) {
    if (ended) {
      return;
    }
    if (dicom == null) {
      int n = Math.min(chunk.remaining(), PREFIX - prefixLength);
      chunk.duplicate().get(prefix, prefixLength, n);
      prefixLength += n;
      if (prefixLength == PREFIX) {
        dicom =
            prefix[128] == 'D' && prefix[129] == 'I' && prefix[130] == 'C' && prefix[131] == 'M';
      }
    }
    if (Boolean.FALSE.equals(dicom) || unreadable != null) {
      return;
    }
    try {
      parser.feed(chunk);
    } catch (DicomParseException e) {
      unreadable = e.getMessage();
    }
  }

  @Override
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (dicom == null) {
      dicom = false; // shorter than a Part 10 preamble
    }
    if (dicom && unreadable == null) {
      try {
        parser.end();
      } catch (DicomParseException e) {
        unreadable = e.getMessage();
      }
    }
  }

  // ---- the stored bytes under deidentify

  /**
   * Rewrites one received chunk (after {@link #accept} has seen it) into {@code stored}. A file
   * that cannot be rewritten is noted, and refused by {@link #check}; only a failure of {@code
   * stored} itself is thrown.
   */
  void rewrite(ByteBuffer chunk, OutputStream stored) throws IOException {
    if (notRewritable()) {
      held = null;
      return;
    }
    int n = chunk.remaining();
    byte[] bytes;
    int offset;
    if (chunk.hasArray()) {
      bytes = chunk.array();
      offset = chunk.arrayOffset() + chunk.position();
    } else {
      if (copy.length < n) {
        copy = new byte[n];
      }
      chunk.duplicate().get(copy, 0, n);
      bytes = copy;
      offset = 0;
    }
    if (rewriter == null) {
      held.write(bytes, offset, n);
      if (listener.identityRead()) {
        startRewriting(stored);
      } else if (held.size() > maxLookahead) {
        notRewritten = "no Patient ID within the first " + maxLookahead + " bytes of the header";
        held = null;
      }
      return;
    }
    feed(bytes, offset, n);
  }

  /** The last received byte was rewritten: ends the rewrite (flushing into {@code stored}). */
  void endRewrite(OutputStream stored) throws IOException {
    end();
    if (notRewritable()) {
      return;
    }
    if (rewriter == null) {
      startRewriting(stored); // a file whose header ends before Patient's Birth Date
    }
    if (notRewritten != null) {
      return;
    }
    try {
      rewriter.end();
    } catch (DicomParseException e) {
      notRewritten = e.getMessage();
    } catch (IllegalArgumentException | IllegalStateException e) {
      notRewritten = "cannot rewrite: " + e.getMessage();
    }
  }

  private boolean notRewritable() {
    return notRewritten != null || Boolean.FALSE.equals(dicom) || unreadable != null;
  }

  private void startRewriting(OutputStream stored) throws IOException {
    instance = deidentifier.forInstance(listener.patientId(), listener.identifyingValues());
    rewriter = new DicomStreamRewriter(stored, new DeidentifyingEditor(instance));
    byte[] first = held.toByteArray();
    held = null;
    feed(first, 0, first.length);
  }

  private void feed(byte[] bytes, int offset, int length) throws IOException {
    try {
      rewriter.feed(bytes, offset, length);
    } catch (DicomParseException e) {
      notRewritten = e.getMessage();
    } catch (IllegalArgumentException | IllegalStateException e) {
      notRewritten = "cannot rewrite: " + e.getMessage(); // a value the writer cannot encode
    }
  }

  // ---- the verdict

  /** True when the stored bytes are a de-identified version of the received ones. */
  public boolean deidentified() {
    return rewrites() && instance != null && notRewritten == null;
  }

  /** What the detector found in the received header (empty for a file that is not DICOM). */
  public Findings findings() {
    return collector.result();
  }

  /** True when the received bytes were DICOM Part 10 (the {@code DICM} prefix). */
  public boolean dicom() {
    return Boolean.TRUE.equals(dicom);
  }

  /**
   * The Study Instance UID as received (under {@code deidentify} the stored one is its mapping):
   * what a sender's own request names. Null if the header has none.
   */
  public String receivedStudyInstanceUid() {
    return listener.studyInstanceUid();
  }

  /**
   * Called once every byte is seen (after {@link #end}): throws the refusal (an {@link ApiError} of
   * kind {@code UNPROCESSABLE}, code {@code IDENTIFYING_DATA}, {@code BURNED_IN_ANNOTATION}, {@code
   * UNCHECKABLE_DICOM} or {@code NOT_DEIDENTIFIABLE}) or returns.
   */
  public void check() {
    PrivacyPolicy.Kind kind = policy.kind();
    if (kind == PrivacyPolicy.Kind.ACCEPT) {
      return;
    }
    if (!dicom()) {
      if (kind == PrivacyPolicy.Kind.DEIDENTIFY) {
        throw refusal(
            "NOT_DEIDENTIFIABLE", List.of(), "the file is not DICOM and cannot be de-identified");
      }
      return;
    }
    if (unreadable != null) {
      if (kind == PrivacyPolicy.Kind.FLAG) {
        return;
      }
      throw refusal(
          kind == PrivacyPolicy.Kind.REJECT ? "UNCHECKABLE_DICOM" : "NOT_DEIDENTIFIABLE",
          List.of(),
          "the DICOM header cannot be read to its end: " + unreadable);
    }
    Findings found = collector.result();
    PrivacyGate.Outcome outcome = PrivacyGate.decide(policy, found);
    switch (outcome.verdict()) {
      case REFUSE_IDENTIFYING, REFUSE_BURNED_IN -> {
        List<Finding> named =
            "BURNED_IN_ANNOTATION".equals(outcome.reason())
                ? found.all().stream()
                    .filter(f -> f.kind() == Finding.Kind.BURNED_IN_ANNOTATION)
                    .toList()
                : found.blocking();
        throw refusal(outcome.reason(), named, describe(outcome.reason(), named));
      }
      case DEIDENTIFY -> {
        if (notRewritten != null) {
          throw refusal(
              "NOT_DEIDENTIFIABLE", List.of(), "the file cannot be de-identified: " + notRewritten);
        }
      }
      default -> {}
    }
  }

  /**
   * What a stored file's record keeps: {@code {policy, findings, actions}} (findings as tags and
   * locations, never values; actions: counts per de-identification action), or null when there is
   * nothing to say (not DICOM, or a clean file under {@code reject}).
   */
  public Map<String, Object> summary() {
    if (!dicom() || policy.kind() == PrivacyPolicy.Kind.ACCEPT) {
      return null;
    }
    Findings found = collector.result();
    if (policy.kind() == PrivacyPolicy.Kind.REJECT && found.all().isEmpty()) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", policy.kind().json());
    m.put("findings", found.toMap());
    if (unreadable != null) {
      m.put("incomplete", "the header could not be read to its end; findings are partial");
    }
    if (deidentified()) {
      Map<String, Object> actions = new LinkedHashMap<>();
      for (Map.Entry<Decision.Action, Integer> e : instance.report().counts().entrySet()) {
        actions.put(e.getKey().name(), e.getValue());
      }
      m.put("actions", actions);
      m.put(
          "options",
          new ArrayList<>(deidentifier.activeOptions().stream().map(o -> o.codeValue()).toList()));
      m.put("invalidDates", instance.report().invalidDates());
    }
    return m;
  }

  private ApiError refusal(String code, List<Finding> named, String message) {
    List<Object> attributes = new ArrayList<>();
    for (Finding f : named) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("tag", f.tag());
      a.put("keyword", f.keyword());
      a.put("location", f.location());
      attributes.add(a);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("policy", policy.kind().json());
    // The sender's own identifiers of what was refused (STOW-RS lists them in its failed entry).
    if (listener.sopClassUid() != null) {
      details.put("sopClassUid", listener.sopClassUid());
    }
    if (listener.sopInstanceUid() != null) {
      details.put("sopInstanceUid", listener.sopInstanceUid());
    }
    details.put("attributes", attributes);
    return ApiError.unprocessable(
        code, details, "refused under privacy policy %s: %s", policy.kind().json(), message);
  }

  private static String describe(String reason, List<Finding> named) {
    if ("BURNED_IN_ANNOTATION".equals(reason)) {
      return "Burned In Annotation is YES (pixels are not scrubbed)";
    }
    StringBuilder b = new StringBuilder("identifying attributes ");
    int shown = 0;
    for (Finding f : named) {
      if (shown == 10) {
        b.append(", and ").append(named.size() - shown).append(" more");
        break;
      }
      b.append(shown == 0 ? "" : ", ")
          .append(f.keyword() == null || f.keyword().isEmpty() ? f.tag() : f.keyword())
          .append(" ")
          .append(f.location());
      shown++;
    }
    return b.toString();
  }
}
