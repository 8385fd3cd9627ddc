package org.sinfonia.verticles.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The portal in a real headless Chromium (the system's, driven by playwright-core from web/ui/e2e):
 * alice signs in, uploads a 50-file tree with a 200 MB file resumed after a reload, previews a CT
 * series, a PDF and a CSV, extracts a zip, searches by metadata and shares a folder with bob, who
 * sees it and nothing else of hers. Screenshots of the main screens go to target/ui-screenshots/.
 */
class PortalBrowserTest {

  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() {
    node = TestNode.start(Map.of());
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    walk.close();
    node.close();
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void aliceAndBobWorkThroughThePortal(WalkBrowser browser) throws Exception {
    Path data = PortalWalk.dataDir();
    String bigSha = makeTree(data.resolve("tree"));
    Files.writeString(data.resolve("big.sha256"), bigSha);
    walk.run(browser, "portal.e2e.mjs", data, Duration.ofMinutes(6));
  }

  /**
   * 50 files: 5 CT slices, a PDF, a CSV, a zip, the XSS-named text, 40 notes in two levels, a 200
   * MB file.
   */
  private static String makeTree(Path tree) throws IOException, InterruptedException, Exception {
    Path ct = Files.createDirectories(tree.resolve("ct"));
    Path scratch = Files.createDirectories(tree.getParent().resolve("scratch"));
    for (int s = 1; s <= 5; s++) {
      StringBuilder pixels = new StringBuilder();
      for (int i = 0; i < 64; i++) {
        // stored 0..1400 with intercept -1024: air to bone in HU, a different pattern per slice
        pixels.append(i == 0 ? "" : "\\").append(String.format("%04x", (i * 20 + s * 170) % 1400));
      }
      Path dcm =
          DicomFiles.ct(
              scratch,
              "1.2.826.0.1.3680043.10.77.1",
              "1.2.826.0.1.3680043.10.77.1.1",
              "1.2.826.0.1.3680043.10.77.1.1." + s,
              "Lung^Test",
              "LUNG-1",
              "CT",
              Map.of(
                  "(0020,0013)",
                  "IS [" + s + "]",
                  "(0020,0032)",
                  "DS [0\\0\\" + (s * 2.5) + "]",
                  "(0028,1050)",
                  "DS [40]",
                  "(0028,1051)",
                  "DS [400]",
                  "(0028,1052)",
                  "DS [-1024]",
                  "(0028,1053)",
                  "DS [1]",
                  "(7fe0,0010)",
                  "OW " + pixels));
      Files.move(dcm, ct.resolve(String.format("slice-%02d.dcm", s)));
    }
    Files.write(tree.resolve("report.pdf"), minimalPdf());
    Files.writeString(
        tree.resolve("measurements.csv"),
        "patient,volume_ml,note\nLUNG-1,412.5,\"left, upper\"\nLUNG-2,388,ok\n");
    Files.writeString(
        tree.resolve("<img src=x onerror=alert(1)>.txt"),
        "<script>alert(2)</script> is just text\n");
    try (ZipOutputStream zip =
        new ZipOutputStream(Files.newOutputStream(tree.resolve("archive.zip")))) {
      for (String name : new String[] {"extracted/a.txt", "extracted/deeper/b.txt", "c.txt"}) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    Path notes = Files.createDirectories(tree.resolve("notes").resolve("older"));
    for (int i = 1; i <= 40; i++) {
      Path dir = i <= 20 ? notes.getParent() : notes;
      Files.writeString(dir.resolve(String.format("note-%02d.txt", i)), "note " + i + "\n");
    }
    Path big = Files.createDirectories(tree.resolve("big")).resolve("big.bin");
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(16);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(big)) {
      for (int i = 0; i < 200; i++) {
        random.nextBytes(block);
        sha.update(block);
        out.write(block);
      }
    }
    deleteTree(scratch);
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static byte[] minimalPdf() {
    String[] objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      null,
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    };
    String stream = "BT /F1 18 Tf 20 70 Td (Dose report LUNG-1) Tj ET";
    objects[3] = "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream";
    StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
    int[] offsets = new int[objects.length];
    for (int i = 0; i < objects.length; i++) {
      offsets[i] = pdf.length();
      pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
    }
    int xref = pdf.length();
    pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
    for (int offset : offsets) {
      pdf.append(String.format("%010d 00000 n \n", offset));
    }
    pdf.append("trailer\n<< /Size ")
        .append(objects.length + 1)
        .append(" /Root 1 0 R >>\nstartxref\n")
        .append(xref)
        .append("\n%%EOF\n");
    return pdf.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
