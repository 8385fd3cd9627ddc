package org.sinfonia.core.dicom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Generates the DICOM test corpus with dcmtk (dump2dcm, dcmconv, dcmcrle, dcmcjpeg, dcmcjpls,
 * img2dcm, dcmodify) into a directory: nothing binary is committed. Every transfer syntax the codec
 * reads, files without preamble or meta, undefined lengths, character sets, multi-frame
 * encapsulated images and RT objects. The unit tests share one small corpus per JVM; the benchmark
 * generates a larger one.
 */
public final class DicomTestCorpus {

  /** One generated file. */
  public record Entry(String name, Path file) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Entry> shared;

  private final Path dir;
  private final CorpusTemplates.Scale scale;
  private final List<Entry> entries = new ArrayList<>();
  private final Random random = new Random(20240101);

  private DicomTestCorpus(Path dir, CorpusTemplates.Scale scale) {
    this.dir = dir;
    this.scale = scale;
  }

  /** The unit tests' corpus, generated once per JVM into a temporary directory removed at exit. */
  public static synchronized List<Entry> shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("sinfonia-dicom-corpus");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        shared = generate(dir, CorpusTemplates.Scale.TEST);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  static List<Entry> generate(Path dir, CorpusTemplates.Scale scale) {
    DicomTestCorpus corpus = new DicomTestCorpus(dir, scale);
    try {
      corpus.generateAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return List.copyOf(corpus.entries);
  }

  private void generateAll() throws IOException {
    int side = scale.imageSide();
    writePixels(side * side * 2);
    byte[] ct = CorpusTemplates.ct(side).toBytes();
    dump("ct-explicit-le", ct);
    dump("ct-explicit-le-undefined", ct, "-e");
    dump("ct-implicit-le", ct, "+ti");
    dump("ct-implicit-le-undefined", ct, "+ti", "-e");
    dump("ct-explicit-be", ct, "+tb");
    dump("ct-deflated", ct, "+td");
    dump("ct-deflated-undefined", ct, "+td", "-e");
    dump("ct-group-lengths", ct, "+g", "-e");
    dump("ct-dataset-implicit", ct, "-F", "+ti");
    dump("ct-dataset-explicit", ct, "-F", "+te", "-e");
    dump("ct-dataset-explicit-be", ct, "-F", "+tb");

    writePixels(side * side * 2 * scale.frames());
    dump("mf16-explicit-le", CorpusTemplates.multiFrame(side, scale.frames(), 16).toBytes());
    tool("mf16-rle", "dcmcrle", "mf16-explicit-le");
    tool("mf16-jpeg-lossless", "dcmcjpeg", "mf16-explicit-le");
    tool("mf16-jpegls", "dcmcjpls", "mf16-explicit-le");
    tool("mf16-explicit-be", "dcmconv", "+tb", "mf16-explicit-le");
    writePixels(side * side * scale.frames());
    dump("mf8-explicit-le", CorpusTemplates.multiFrame(side, scale.frames(), 8).toBytes());
    tool("mf8-jpeg-baseline", "dcmcjpeg", "+eb", "mf8-explicit-le");
    imageToDicom();

    for (CharsetSamples.Sample sample : CharsetSamples.all()) {
      dump("charset-" + sample.name(), charsetDump(sample).toBytes());
    }

    writePixels(side * side * 4 * scale.frames());
    dump("rtdose", CorpusTemplates.rtDose(side, scale.frames()).toBytes());
    dump("rtplan", CorpusTemplates.rtPlan(4, 12).toBytes(), "-e");
    dump("rtstruct", CorpusTemplates.rtStructureSet(scale).toBytes());
    tool("rtstruct-implicit", "dcmconv", "+ti", "-e", "rtstruct");
    tool("rtstruct-deflated", "dcmconv", "+td", "rtstruct");
  }

  private static DumpBuilder charsetDump(CharsetSamples.Sample sample) {
    return new DumpBuilder()
        .text("(0008,0005)", "CS", sample.specificCharacterSet())
        .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.7")
        .text("(0008,0018)", "UI", "2.25.800001")
        .bytes("(0008,0081)", "ST", sample.text())
        .bytes("(0008,0119)", "UC", sample.text())
        .bytes("(0008,1010)", "SH", sample.shortText())
        .bytes("(0008,1030)", "LO", sample.text())
        .bytes("(0010,0010)", "PN", sample.personName())
        .bytes("(0010,21b0)", "LT", sample.text())
        .sequence(
            "(0040,a730)",
            item ->
                item.text("(0040,a010)", "CS", "CONTAINS")
                    .bytes("(0040,a160)", "UT", sample.text()));
  }

  /** An encapsulated JPEG from img2dcm, then a private creator and a name added by dcmodify. */
  private void imageToDicom() throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, x * 4 << 16 | y * 5 << 8 | (x + y) * 2);
      }
    }
    ImageIO.write(image, "jpg", dir.resolve("image.jpg").toFile());
    Dcmtk.run(dir, List.of("img2dcm", "-q", "-i", "JPEG", "image.jpg", "sc-img2dcm.dcm"));
    // dcmodify cannot give a private element without a dictionary entry a VR: a creator only
    Dcmtk.run(
        dir,
        List.of(
            "dcmodify",
            "-q",
            "-nb",
            "-i",
            "(0010,0010)=Image^Patient",
            "-i",
            "(0009,0010)=SINFONIA",
            "-i",
            "(0008,1030)=Converted image",
            "sc-img2dcm.dcm"));
    entries.add(new Entry("sc-img2dcm", dir.resolve("sc-img2dcm.dcm")));
  }

  private void dump(String name, byte[] dumpText, String... options) throws IOException {
    Path text = dir.resolve(name + ".txt");
    Files.write(text, dumpText);
    List<String> command = new ArrayList<>(List.of("dump2dcm", "-q", "+l", "4000000"));
    command.addAll(List.of(options));
    command.addAll(List.of(text.getFileName().toString(), name + ".dcm"));
    Dcmtk.run(dir, command);
    entries.add(new Entry(name, dir.resolve(name + ".dcm")));
  }

  /** Runs a dcmtk converter: tool [options] source.dcm name.dcm. */
  private void tool(String name, String tool, String... optionsThenSource) {
    List<String> command = new ArrayList<>(List.of(tool, "-q"));
    for (int i = 0; i < optionsThenSource.length - 1; i++) {
      command.add(optionsThenSource[i]);
    }
    command.add(optionsThenSource[optionsThenSource.length - 1] + ".dcm");
    command.add(name + ".dcm");
    Dcmtk.run(dir, command);
    entries.add(new Entry(name, dir.resolve(name + ".dcm")));
  }

  /** Smooth noise-free gradients compress like images do; a little noise keeps JPEG honest. */
  private void writePixels(int bytes) throws IOException {
    byte[] pixels = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      pixels[i] = (byte) ((i % 251) / 2 + random.nextInt(4));
    }
    Files.write(dir.resolve("pixels.raw"), pixels);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
