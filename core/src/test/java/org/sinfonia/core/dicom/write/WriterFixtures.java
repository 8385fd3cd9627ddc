package org.sinfonia.core.dicom.write;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomStreamListener;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.DumpBuilder;
import org.sinfonia.core.dicom.ElementHeader;

/** Test files made with dcmtk, dcmdump runs with their error output, and rewrite helpers. */
final class WriterFixtures {

  private WriterFixtures() {}

  /** dcmdump's output and error output. */
  record Run(String out, String err, int exit) {}

  static Run run(Path dir, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
      process.getOutputStream().close();
      byte[][] streams = new byte[2][];
      Thread errors = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
      errors.start();
      streams[0] = readAll(process.getInputStream());
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      errors.join();
      return new Run(
          new String(streams[0], StandardCharsets.ISO_8859_1),
          new String(streams[1], StandardCharsets.UTF_8),
          process.exitValue());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** A dump2dcm file: the dump's elements under a CT-like header, sequences as {@code options}. */
  static Path dump2dcm(Path dir, String name, DumpBuilder dump, String... options)
      throws IOException {
    Path dumpFile = dir.resolve(name + ".dump");
    Files.write(dumpFile, dump.toBytes());
    List<String> command = new ArrayList<>(List.of("dump2dcm"));
    command.addAll(List.of(options));
    command.addAll(List.of(dumpFile.toString(), dir.resolve(name + ".dcm").toString()));
    Run run = run(dir, command);
    if (run.exit() != 0) {
      throw new IllegalStateException("dump2dcm failed: " + run.err());
    }
    return dir.resolve(name + ".dcm");
  }

  /** Nested sequences, private tags, odd-length values and native pixel data of 8x8 16-bit. */
  static DumpBuilder nestedDump(Path dir) throws IOException {
    byte[] pixels = new byte[8 * 8 * 2];
    new Random(7).nextBytes(pixels);
    Files.write(dir.resolve("pixels.raw"), pixels);
    return new DumpBuilder()
        .text("(0002,0002)", "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text("(0002,0003)", "UI", "1.2.3.4.5.6.7")
        .text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text("(0008,0018)", "UI", "1.2.3.4.5.6.7")
        .text("(0008,0060)", "CS", "OT")
        .sequence(
            "(0008,1115)",
            item ->
                item.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                    .text("(0008,1155)", "UI", "1.2.3.99.1")
                    .sequence(
                        "(0008,114a)",
                        inner ->
                            inner
                                .text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.4")
                                .text("(0008,1155)", "UI", "1.2.3.99.2.1")),
            item ->
                item.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                    .text("(0008,1155)", "UI", "1.2.3.99.3"))
        .text("(0009,0010)", "LO", "SINFONIA TEST")
        .text("(0009,1001)", "LO", "private value")
        .raw("(0009,1002)", "UL", "42")
        .text("(0010,0010)", "PN", "Doe^Jon")
        .text("(0010,0020)", "LO", "ABC")
        .raw("(0018,0050)", "DS", "[1.5]")
        .text("(0020,000d)", "UI", "1.2.3.4.10")
        .text("(0020,000e)", "UI", "1.2.3.4.11")
        .raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", "8")
        .raw("(0028,0011)", "US", "8")
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "16")
        .raw("(0028,0102)", "US", "15")
        .raw("(0028,0103)", "US", "0")
        .raw("(7fe0,0010)", "OW", "=" + dir.resolve("pixels.raw"));
  }

  /** A JPEG secondary capture made by img2dcm: encapsulated pixel data. */
  static Path jpegFile(Path dir) throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(3);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        image.setRGB(x, y, random.nextInt(0xFFFFFF));
      }
    }
    Path jpeg = dir.resolve("image.jpg");
    ImageIO.write(image, "jpg", jpeg.toFile());
    Path out = dir.resolve("jpeg.dcm");
    Run run = run(dir, List.of("img2dcm", jpeg.toString(), out.toString()));
    if (run.exit() != 0) {
      throw new IllegalStateException("img2dcm failed: " + run.err());
    }
    return out;
  }

  /** Rewrites {@code input} fed in chunks of {@code chunk} bytes (0: random sizes from seed). */
  static byte[] rewrite(byte[] input, DicomEditor editor, int chunk, long seed)
      throws DicomParseException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DicomStreamRewriter rewriter = new DicomStreamRewriter(out, editor);
    Random random = new Random(seed);
    for (int at = 0; at < input.length; ) {
      int n = chunk > 0 ? chunk : 1 + random.nextInt(random.nextBoolean() ? 7 : 5000);
      n = Math.min(n, input.length - at);
      rewriter.feed(input, at, n);
      at += n;
    }
    rewriter.end();
    return out.toByteArray();
  }

  /** dcmdump with lengths, group lengths and sequence length notation taken out. */
  static List<String> normalizedDump(Path dir, Path file) {
    Run run = run(dir, List.of("dcmdump", "-dc", file.toString()));
    if (run.exit() != 0
        || !run.err().isEmpty()
        || run.out().contains("W: ")
        || run.out().contains("E: ")) {
      throw new AssertionError(
          "dcmdump " + file + ": exit " + run.exit() + " " + run.err() + run.out());
    }
    List<String> lines = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      String trimmed = line.replaceAll("#.*$", "").strip();
      if (trimmed.isEmpty()
          || trimmed.matches("\\([0-9a-f]{4},0000\\).*")
          || trimmed.startsWith("(fffe,e00d)")
          || trimmed.startsWith("(fffe,e0dd)")
          || trimmed.startsWith("(0002,0000)")) {
        continue;
      }
      lines.add(
          line.replaceAll("#.*$", "")
              .stripTrailing()
              .replaceAll("\\((Sequence|Item) with (explicit|undefined) length", "($1"));
    }
    return lines;
  }

  /** SHA-256 of each bulk value and fragment of a file, as our parser locates them. */
  static List<String> bulkHashes(byte[] file) throws DicomParseException {
    List<long[]> ranges = new ArrayList<>();
    DicomStreamListener listener =
        new DicomStreamListener() {
          @Override
          public void bulkDataSkipped(ElementHeader header, long offset, long length) {
            ranges.add(new long[] {offset, length});
          }

          @Override
          public void fragment(int index, long offset, long length) {
            ranges.add(new long[] {offset, length});
          }

          @Override
          public void offsetTable(long offset, long length, byte[] table) {
            ranges.add(new long[] {offset, length});
          }
        };
    DicomStreamParser parser = new DicomStreamParser(listener);
    parser.feed(file, 0, file.length);
    parser.end();
    List<String> hashes = new ArrayList<>();
    for (long[] range : ranges) {
      try {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(file, (int) range[0], (int) range[1]);
        hashes.add(range[1] + ":" + java.util.HexFormat.of().formatHex(digest.digest()));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
    return hashes;
  }
}
