package org.sinfonia.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomDatasetCollector;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.DicomTestCorpus;
import org.sinfonia.core.dicom.HostileInputMutator;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.privacy.SiteKey;

/**
 * The DICOM core's hostile inputs (seeded mutations of the test corpus) through the privacy stage
 * under {@code deidentify}, chunked as a door would feed them: each file is either refused with one
 * of the stage's reasons (an {@code UNPROCESSABLE} error, which every door turns into its own clear
 * answer) or de-identified into a file our parser reads to its end, that says Patient Identity
 * Removed = YES and holds neither the patient's name nor the patient's ID it came with. Anything
 * else thrown would be a 500 at a door. {@code sinfonia.fuzz.cases} sets the number of cases (500
 * by default), {@code sinfonia.fuzz.seed} the first seed.
 */
class HostileDeidentifyTest {

  private static final Set<String> REFUSALS =
      Set.of("NOT_DEIDENTIFIABLE", "BURNED_IN_ANNOTATION", "IDENTIFYING_DATA");
  private static final int PATIENT_NAME = 0x00100010;
  private static final int PATIENT_ID = 0x00100020;
  private static final int PATIENT_IDENTITY_REMOVED = 0x00120062;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void refusedWithAReasonOrDeidentifiedValidly() {
    assumeTrue(Dcmtk.available(), "dcmtk is not installed (apt-get install dcmtk)");
    PrivacyPolicy policy = PrivacyPolicy.fromMap(Map.of("policy", "deidentify"));
    SiteKey key =
        new SiteKey("a site key of 32 bytes, not secret".getBytes(StandardCharsets.US_ASCII));
    List<byte[]> seeds = seedFiles();
    int cases = Integer.getInteger("sinfonia.fuzz.cases", 500);
    long first = Long.getLong("sinfonia.fuzz.seed", 0);
    Map<String, Integer> outcomes = new TreeMap<>();
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      byte[] input = HostileInputMutator.mutate(seeds.get(random.nextInt(seeds.size())), random);
      String outcome;
      try {
        outcome = deidentifiedOrRefused(policy, key, input, random);
      } catch (Throwable unexpected) {
        throw new AssertionError(
            "seed " + seed + " (replay: -Dsinfonia.fuzz.seed=" + seed + " -Dsinfonia.fuzz.cases=1)",
            unexpected);
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    assertTrue(outcomes.containsKey("deidentified"), "some survive the mutations: " + outcomes);
    assertTrue(outcomes.keySet().size() > 1, "some are refused: " + outcomes);
  }

  /** "deidentified", or the code of the refusal; throws on anything that is neither. */
  private static String deidentifiedOrRefused(
      PrivacyPolicy policy, SiteKey key, byte[] input, Random random) throws IOException {
    Identity sent = identity(input);
    PrivacyStage stage =
        new PrivacyStages(key, DicomParserOptions.defaults(), 1 << 20).forFile(policy);
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    try {
      for (int at = 0; at < input.length; ) {
        int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 7 : 70_000));
        ByteBuffer chunk = ByteBuffer.wrap(input, at, n).slice();
        stage.accept(chunk.asReadOnlyBuffer());
        stage.rewrite(chunk, stored);
        at += n;
      }
      stage.endRewrite(stored);
      stage.end();
      stage.check();
    } catch (ApiError refused) {
      assertEquals(ApiError.Kind.UNPROCESSABLE, refused.kind(), refused.getMessage());
      assertTrue(REFUSALS.contains(refused.code()), refused.code() + ": " + refused.getMessage());
      return refused.code();
    }
    assertTrue(stage.deidentified(), "stored only if de-identified: " + stage.summary());
    byte[] out = stored.toByteArray();
    DicomDataset dataset;
    try {
      dataset = parseToTheEnd(out);
    } catch (DicomParseException e) {
      throw new AssertionError("the stored file does not parse: " + e.getMessage(), e);
    }
    assertEquals("YES", dataset.string(PATIENT_IDENTITY_REMOVED).trim());
    String text = new String(out, StandardCharsets.ISO_8859_1);
    for (String value : sent.values()) {
      assertFalse(text.contains(value), "the stored file still holds " + value);
    }
    return "deidentified";
  }

  /** The patient's name and ID as sent, where they can be read and are long enough to search. */
  private record Identity(List<String> values) {}

  private static Identity identity(byte[] input) {
    List<String> values = new ArrayList<>();
    try {
      DicomDataset sent = parseToTheEnd(input);
      for (int tag : new int[] {PATIENT_NAME, PATIENT_ID}) {
        String v = sent.contains(tag) ? sent.string(tag) : null;
        if (v != null && v.trim().length() >= 4) {
          values.add(v.trim());
        }
      }
    } catch (DicomParseException | RuntimeException unreadable) {
      // a header the parser refuses cannot be de-identified either: the stage must refuse it
    }
    return new Identity(values);
  }

  private static DicomDataset parseToTheEnd(byte[] bytes) throws DicomParseException {
    DicomDatasetCollector collector = new DicomDatasetCollector();
    DicomStreamParser parser = new DicomStreamParser(collector, DicomParserOptions.defaults());
    parser.feed(bytes, 0, bytes.length);
    parser.end();
    return collector.dataset();
  }

  private static List<byte[]> seedFiles() {
    List<byte[]> seeds = new ArrayList<>();
    for (DicomTestCorpus.Entry entry : DicomTestCorpus.shared()) {
      try {
        byte[] bytes = Files.readAllBytes(entry.file());
        if (bytes.length <= 64 * 1024) {
          seeds.add(bytes);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return seeds;
  }
}
