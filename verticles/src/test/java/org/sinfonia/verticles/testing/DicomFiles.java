package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates DICOM test files with dcmtk's {@code dump2dcm} from text dumps (dcmtk is the test
 * referee).
 */
public final class DicomFiles {

  private DicomFiles() {}

  /** A small CT instance with the given UIDs and patient, 8x8 16-bit pixels. */
  public static Path ct(
      Path dir,
      String studyUid,
      String seriesUid,
      String sopUid,
      String patientName,
      String patientId,
      String modality)
      throws IOException, InterruptedException {
    return ct(
        dir, studyUid, seriesUid, sopUid, patientName, patientId, modality, java.util.Map.of());
  }

  /**
   * As above, with some elements replaced or added: {@code "(0008,0020)" -> "DA [20240215]"} (the
   * rest of the dump line after the tag).
   */
  public static Path ct(
      Path dir,
      String studyUid,
      String seriesUid,
      String sopUid,
      String patientName,
      String patientId,
      String modality,
      java.util.Map<String, String> overrides)
      throws IOException, InterruptedException {
    StringBuilder pixels = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      pixels.append(i == 0 ? "" : "\\").append(String.format("%04x", i * 16));
    }
    String dump =
        String.join(
            "\n",
            "(0008,0005) CS [ISO_IR 192]",
            "(0008,0016) UI =CTImageStorage",
            "(0008,0018) UI [" + sopUid + "]",
            "(0008,0020) DA [20240131]",
            "(0008,0030) TM [101500]",
            "(0008,0050) SH [ACC" + Math.abs(sopUid.hashCode() % 1000) + "]",
            "(0008,0060) CS [" + modality + "]",
            "(0008,0090) PN []",
            "(0008,1030) LO [Staging]",
            "(0010,0010) PN [" + patientName + "]",
            "(0010,0020) LO [" + patientId + "]",
            "(0010,0030) DA [19700101]",
            "(0010,0040) CS [F]",
            "(0020,000d) UI [" + studyUid + "]",
            "(0020,000e) UI [" + seriesUid + "]",
            "(0020,0011) IS [1]",
            "(0020,0013) IS [1]",
            "(0028,0002) US 1",
            "(0028,0004) CS [MONOCHROME2]",
            "(0028,0010) US 8",
            "(0028,0011) US 8",
            "(0028,0100) US 16",
            "(0028,0101) US 12",
            "(0028,0102) US 11",
            "(0028,0103) US 0",
            "(7fe0,0010) OW " + pixels,
            "");
    java.util.List<String> lines =
        new java.util.ArrayList<>(java.util.Arrays.asList(dump.split("\n")));
    overrides.forEach(
        (tag, rest) -> {
          lines.removeIf(l -> l.toLowerCase().startsWith(tag.toLowerCase()));
          lines.add(lines.size() - 1, tag + " " + rest);
        });
    dump = String.join("\n", lines) + "\n";
    Path text = dir.resolve(sopUid + ".dump");
    Files.writeString(text, dump);
    Path out = dir.resolve(sopUid + ".dcm");
    run(List.of("dump2dcm", "+te", "+E", text.toString(), out.toString()));
    return out;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          command + " failed (dcmtk installed? apt-get install -y dcmtk): " + output);
    }
  }
}
