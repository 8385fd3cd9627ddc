package org.sinfonia.core.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * Test images generated with dcmtk (dump2dcm from text dumps and raw pixel files written here, then
 * dcmconv, dcmcrle, dcmcjpeg, dcmcjpls): nothing binary is committed. Each comparison case says how
 * dcmtk must be asked to render it (the VOI option matching the renderer's choice).
 */
public final class RenderCorpus {

  /**
   * One image compared with dcmj2pnm.
   *
   * @param name file name without .dcm
   * @param frame frame number from 1, or 0 for the renderer's default (the middle frame)
   * @param voi dcmj2pnm's VOI options: {@code +Wi 1} (file window), {@code +Wm} (min-max), none for
   *     colour
   * @param tolerance how close the two renderings must be
   */
  record Case(String name, int frame, List<String> voi, Tolerance tolerance) {
    @Override
    public String toString() {
      return name + (frame > 0 ? " frame " + frame : "");
    }
  }

  /** How close a rendering must be to dcmtk's; see {@link DcmtkComparisonTest}. */
  enum Tolerance {
    EXACT,
    YBR_EQUATIONS,
    LOSSY
  }

  private static final List<String> FILE_WINDOW = List.of("+Wi", "1");
  private static final List<String> MIN_MAX = List.of("+Wm");
  private static final List<String> FILE_LUT = List.of("+Wl", "1");
  private static final List<String> COLOUR = List.of();
  private static RenderCorpus shared;

  private final Path dir;
  private final Map<String, Path> files = new LinkedHashMap<>();
  private final List<Case> cases = new ArrayList<>();

  private RenderCorpus(Path dir) {
    this.dir = dir;
  }

  public static synchronized RenderCorpus shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("sinfonia-render-corpus");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        shared = new RenderCorpus(dir);
        shared.generate();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  Path dir() {
    return dir;
  }

  public Path file(String name) {
    Path file = files.get(name);
    if (file == null) {
      throw new IllegalArgumentException("no corpus file " + name);
    }
    return file;
  }

  List<Case> comparisons() {
    return List.copyOf(cases);
  }

  private void generate() throws IOException {
    greyscale();
    colour();
    multiFrame();
    large();
    transcoded();
    broken();
  }

  /** A CT-sized image for thumbnails: 512 x 384, 12 bits, with a file window. */
  private void large() throws IOException {
    dump(
        "ct-512x384",
        image(512, 384, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(512, 384, 1, 0, 4095, 16))
            .text("(0028,1050)", "DS", "1500")
            .text("(0028,1051)", "DS", "2500"));
  }

  /** Headers that do not fit their pixel data, or that describe what the renderer cannot draw. */
  private void broken() throws IOException {
    dump(
        "small",
        image(32, 32, 1, "MONOCHROME2", 8, 8, 7, 0, TestPixels.grey(32, 32, 1, 0, 255, 17)));
    modified("rows-too-many", "small", "(0028,0010)=64");
    modified("bits-allocated-12", "small", "(0028,0100)=12");
    modified("photometric-hsv", "small", "(0028,0004)=HSV");
    modified("huge-frame", "small", "(0028,0010)=65535", "(0028,0011)=65535");
    dump(
        "no-pixel-data",
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.88.11")
            .text("(0008,0018)", "UI", "2.25.920001")
            .text("(0008,0060)", "CS", "SR"));
  }

  private void greyscale() throws IOException {
    dump(
        "mono2-8",
        image(64, 48, 1, "MONOCHROME2", 8, 8, 7, 0, TestPixels.grey(64, 48, 1, 0, 255, 1)));
    compare("mono2-8", MIN_MAX);
    dump(
        "ct-12",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 2))
            .text("(0028,1050)", "DS", "40\\400")
            .text("(0028,1051)", "DS", "400\\1500")
            .text("(0028,1052)", "DS", "-1024")
            .text("(0028,1053)", "DS", "1"));
    compare("ct-12", FILE_WINDOW);
    int[] shifted = TestPixels.grey(64, 64, 1, 0, 4095, 3);
    for (int i = 0; i < shifted.length; i++) {
      shifted[i] = shifted[i] << 4 | i % 16; // stored bits 15..4, garbage below the stored bits
    }
    dump(
        "ct-12-high-bit-15",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 15, 0, shifted)
            .text("(0028,1050)", "DS", "2000")
            .text("(0028,1051)", "DS", "3000"));
    compare("ct-12-high-bit-15", FILE_WINDOW);
    dump(
        "mono2-16",
        image(60, 40, 1, "MONOCHROME2", 16, 16, 15, 0, TestPixels.grey(60, 40, 1, 0, 65535, 4)));
    compare("mono2-16", MIN_MAX);
    int[] signed = TestPixels.grey(64, 64, 1, -2000, 3000, 5);
    dump(
        "mono2-s16",
        image(64, 64, 1, "MONOCHROME2", 16, 16, 15, 1, signed)
            .text("(0028,1050)", "DS", "100")
            .text("(0028,1051)", "DS", "1500")
            .text("(0028,1052)", "DS", "-1024")
            .text("(0028,1053)", "DS", "2"));
    compare("mono2-s16", FILE_WINDOW);
    int[] signed12 = TestPixels.grey(64, 64, 1, -2048, 2047, 6);
    for (int i = 0; i < signed12.length; i++) {
      signed12[i] &= 0x0FFF; // two's complement in 12 bits, nothing above the high bit
    }
    dump("mono2-s12", image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 1, signed12));
    compare("mono2-s12", MIN_MAX);
    dump(
        "mono1-12",
        image(64, 64, 1, "MONOCHROME1", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 7))
            .text("(0028,1050)", "DS", "2048")
            .text("(0028,1051)", "DS", "4096"));
    compare("mono1-12", FILE_WINDOW);
    dump(
        "mono2-1bit",
        image(64, 48, 1, "MONOCHROME2", 1, 1, 0, 0, TestPixels.grey(64, 48, 1, 0, 1, 8)));
    compare("mono2-1bit", MIN_MAX);
    dump(
        "mono2-32",
        image(
            32, 32, 1, "MONOCHROME2", 32, 32, 31, 0, TestPixels.grey(32, 32, 1, 0, 1_000_000, 9)));
    compare("mono2-32", MIN_MAX);
    dump(
        "sigmoid",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 10))
            .text("(0028,1050)", "DS", "1800")
            .text("(0028,1051)", "DS", "1200")
            .text("(0028,1056)", "CS", "SIGMOID"));
    compare("sigmoid", FILE_WINDOW);
    modalityLut();
    voiLut();
  }

  /**
   * VOI LUT Sequences (no window in the file): a square-root curve over 12 bits, unsigned and
   * signed input.
   */
  private void voiLut() throws IOException {
    int[] lut = new int[4096];
    for (int i = 0; i < lut.length; i++) {
      lut[i] = (int) Math.round(Math.sqrt(i / 4095.0) * 4095);
    }
    Files.write(dir.resolve("voi-lut.raw"), TestPixels.bytes(lut, 16));
    dump(
        "voi-lut",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 18))
            .sequence(
                "(0028,3010)",
                item ->
                    item.raw("(0028,3002)", "US", "4096\\0\\12")
                        .raw("(0028,3006)", "OW", "=voi-lut.raw")));
    compare("voi-lut", FILE_LUT);
    dump(
        "voi-lut-signed",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 19))
            .text("(0028,1052)", "DS", "-1024")
            .text("(0028,1053)", "DS", "1")
            .sequence(
                "(0028,3010)",
                item ->
                    item.raw("(0028,3002)", "SS", "4096\\-1024\\12")
                        .raw("(0028,3006)", "OW", "=voi-lut.raw")));
    compare("voi-lut-signed", FILE_LUT);
  }

  /** A Modality LUT Sequence mapping 12-bit stored values through a curve (square root). */
  private void modalityLut() throws IOException {
    int[] lut = new int[4096];
    for (int i = 0; i < lut.length; i++) {
      lut[i] = (int) Math.round(Math.sqrt(i / 4095.0) * 60000);
    }
    Files.write(dir.resolve("modality-lut.raw"), TestPixels.bytes(lut, 16));
    dump(
        "modality-lut",
        image(64, 64, 1, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(64, 64, 1, 0, 4095, 11))
            .sequence(
                "(0028,3000)",
                item ->
                    item.raw("(0028,3002)", "US", "4096\\0\\16")
                        .text("(0028,3004)", "LO", "US")
                        .raw("(0028,3006)", "OW", "=modality-lut.raw")));
    compare("modality-lut", MIN_MAX);
  }

  private void colour() throws IOException {
    int[] rgb = TestPixels.colour(64, 48, 12);
    dump("rgb", image(64, 48, 1, "RGB", 8, 8, 7, 0, rgb).raw("(0028,0006)", "US", "0"));
    compare("rgb", COLOUR);
    dump(
        "rgb-planar",
        image(64, 48, 1, "RGB", 8, 8, 7, 0, TestPixels.planar(rgb)).raw("(0028,0006)", "US", "1"));
    compare("rgb-planar", COLOUR);
    dump(
        "ybr-full",
        image(64, 48, 1, "YBR_FULL", 8, 8, 7, 0, ybr(rgb)).raw("(0028,0006)", "US", "0"));
    compare("ybr-full", COLOUR);
    dump(
        "ybr-full-422",
        image(64, 48, 1, "YBR_FULL_422", 8, 8, 7, 0, chroma422(ybr(rgb)))
            .raw("(0028,0006)", "US", "0"));
    compare("ybr-full-422", COLOUR);
    palette();
  }

  private void palette() throws IOException {
    int[] red = new int[256];
    int[] green = new int[256];
    int[] blue = new int[256];
    for (int i = 0; i < 256; i++) {
      red[i] = i * 257;
      green[i] = (255 - i) * 257;
      blue[i] = (i * 7 % 256) * 257;
    }
    Files.write(dir.resolve("red.raw"), TestPixels.bytes(red, 16));
    Files.write(dir.resolve("green.raw"), TestPixels.bytes(green, 16));
    Files.write(dir.resolve("blue.raw"), TestPixels.bytes(blue, 16));
    dump(
        "palette",
        image(64, 48, 1, "PALETTE COLOR", 8, 8, 7, 0, TestPixels.grey(64, 48, 1, 0, 255, 13))
            .raw("(0028,1101)", "US", "256\\0\\16")
            .raw("(0028,1102)", "US", "256\\0\\16")
            .raw("(0028,1103)", "US", "256\\0\\16")
            .raw("(0028,1201)", "OW", "=red.raw")
            .raw("(0028,1202)", "OW", "=green.raw")
            .raw("(0028,1203)", "OW", "=blue.raw"));
    compare("palette", COLOUR);
    // the same tables as segments: red and green as one value and a ramp, blue as discrete values
    Files.write(
        dir.resolve("red-segments.raw"), TestPixels.bytes(new int[] {0, 1, 0, 1, 255, 65535}, 16));
    Files.write(
        dir.resolve("green-segments.raw"),
        TestPixels.bytes(new int[] {0, 1, 65535, 1, 255, 0}, 16));
    int[] blueSegments = new int[258];
    blueSegments[1] = 256;
    System.arraycopy(blue, 0, blueSegments, 2, 256);
    Files.write(dir.resolve("blue-segments.raw"), TestPixels.bytes(blueSegments, 16));
    dump(
        "palette-segmented",
        image(64, 48, 1, "PALETTE COLOR", 8, 8, 7, 0, TestPixels.grey(64, 48, 1, 0, 255, 13))
            .raw("(0028,1101)", "US", "256\\0\\16")
            .raw("(0028,1102)", "US", "256\\0\\16")
            .raw("(0028,1103)", "US", "256\\0\\16")
            .raw("(0028,1221)", "OW", "=red-segments.raw")
            .raw("(0028,1222)", "OW", "=green-segments.raw")
            .raw("(0028,1223)", "OW", "=blue-segments.raw"));
  }

  private void multiFrame() throws IOException {
    dump(
        "mf-16",
        image(48, 40, 5, "MONOCHROME2", 16, 12, 11, 0, TestPixels.grey(48, 40, 5, 0, 4095, 14)));
    compare("mf-16", 2, MIN_MAX, Tolerance.EXACT);
    compare("mf-16", 0, MIN_MAX, Tolerance.EXACT);
    dump(
        "mf-8",
        image(48, 40, 4, "MONOCHROME2", 8, 8, 7, 0, TestPixels.grey(48, 40, 4, 0, 255, 15)));
    compare("mf-8", 4, MIN_MAX, Tolerance.EXACT);
  }

  private void transcoded() throws IOException {
    dumpAgain("ct-12", "ct-12-implicit", "+ti");
    compare("ct-12-implicit", FILE_WINDOW);
    dumpAgain("ct-12", "ct-12-deflated", "+td");
    compare("ct-12-deflated", FILE_WINDOW);
    convert("mf-16-deflated", "dcmconv", "+td", "mf-16");
    compare("mf-16-deflated", 4, MIN_MAX, Tolerance.EXACT);
    convert("rgb-deflated", "dcmconv", "+td", "rgb");
    compare("rgb-deflated", COLOUR);
    convert("ct-12-big-endian", "dcmconv", "+tb", "ct-12");
    compare("ct-12-big-endian", FILE_WINDOW);
    convert("mf-16-big-endian", "dcmconv", "+tb", "mf-16");
    compare("mf-16-big-endian", 3, MIN_MAX, Tolerance.EXACT);
    convert("mono2-8-big-endian", "dcmconv", "+tb", "mono2-8");
    compare("mono2-8-big-endian", MIN_MAX);
    eightBitInWords();
    convert("rgb-big-endian", "dcmconv", "+tb", "rgb");
    compare("rgb-big-endian", COLOUR);
    convert("palette-big-endian", "dcmconv", "+tb", "palette");
    compare("palette-big-endian", COLOUR);

    convert("mf-16-rle", "dcmcrle", "mf-16");
    compare("mf-16-rle", 4, MIN_MAX, Tolerance.EXACT);
    convert("mono2-8-rle", "dcmcrle", "mono2-8");
    compare("mono2-8-rle", MIN_MAX);
    convert("rgb-rle", "dcmcrle", "rgb");
    compare("rgb-rle", COLOUR);
    convert("ybr-full-rle", "dcmcrle", "ybr-full");
    compare("ybr-full-rle", COLOUR);
    convert("mono2-s16-rle", "dcmcrle", "mono2-s16");
    compare("mono2-s16-rle", FILE_WINDOW);

    convert("mono2-8-jpeg-baseline", "dcmcjpeg", "+eb", "mono2-8");
    compare("mono2-8-jpeg-baseline", 0, MIN_MAX, Tolerance.LOSSY);
    convert("rgb-jpeg-baseline", "dcmcjpeg", "+eb", "rgb");
    compare("rgb-jpeg-baseline", 0, COLOUR, Tolerance.LOSSY);
    convert("mf-8-jpeg-baseline", "dcmcjpeg", "+eb", "mf-8");
    compare("mf-8-jpeg-baseline", 2, MIN_MAX, Tolerance.LOSSY);

    convert("ct-12-jpeg-sv1", "dcmcjpeg", "+e1", "ct-12");
    compare("ct-12-jpeg-sv1", FILE_WINDOW);
    convert("mf-16-jpeg-sv1", "dcmcjpeg", "+e1", "mf-16");
    compare("mf-16-jpeg-sv1", 5, MIN_MAX, Tolerance.EXACT);
    convert("mono2-16-jpeg-lossless-p6", "dcmcjpeg", "+el", "mono2-16");
    compare("mono2-16-jpeg-lossless-p6", MIN_MAX);
    for (int predictor : new int[] {2, 3, 4, 5, 7}) {
      String name = "ct-12-jpeg-lossless-p" + predictor;
      convert(name, "dcmcjpeg", "+el", "+sv", String.valueOf(predictor), "ct-12");
      compare(name, FILE_WINDOW);
    }
    convert("ct-12-jpeg-lossless-pt2", "dcmcjpeg", "+e1", "+pt", "2", "ct-12");
    compare("ct-12-jpeg-lossless-pt2", FILE_WINDOW);
    convert("mono2-s16-jpeg-sv1", "dcmcjpeg", "+e1", "mono2-s16");
    compare("mono2-s16-jpeg-sv1", FILE_WINDOW);
    convert("rgb-jpeg-sv1", "dcmcjpeg", "+e1", "rgb");
    compare("rgb-jpeg-sv1", COLOUR);
    convert("mono2-8-jpeg-sv1", "dcmcjpeg", "+e1", "mono2-8");
    compare("mono2-8-jpeg-sv1", MIN_MAX);

    jpegLs();
    convert(
        "mono2-8-jpeg-progressive", "dcmcjpeg", "+ep", "mono2-8"); // a retired syntax: placeholder
    convert("ct-12-jpeg-extended", "dcmcjpeg", "+ee", "ct-12");
    compare("ct-12-jpeg-extended", 0, FILE_WINDOW, Tolerance.LOSSY);
    convert("mono2-16-jpeg-extended", "dcmcjpeg", "+ee", "+bt", "mono2-16");
    compare("mono2-16-jpeg-extended", 0, MIN_MAX, Tolerance.LOSSY);
    convert("mf-16-jpeg-extended", "dcmcjpeg", "+ee", "mf-16");
    compare("mf-16-jpeg-extended", 3, MIN_MAX, Tolerance.LOSSY);
    convert("mono2-8-jpeg-extended", "dcmcjpeg", "+ee", "mono2-8");
    compare("mono2-8-jpeg-extended", 0, MIN_MAX, Tolerance.LOSSY);
    convert("ct-512x384-jpeg-extended", "dcmcjpeg", "+ee", "ct-512x384");
    compare("ct-512x384-jpeg-extended", 0, FILE_WINDOW, Tolerance.LOSSY);
  }

  /** 8-bit samples in an OW value of a big endian file: dump2dcm swaps each word's two samples. */
  private void eightBitInWords() throws IOException {
    String dump =
        new String(
            Files.readAllBytes(dir.resolve("mono2-8.txt")),
            java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(
        dir.resolve("mono2-8-ow.txt"),
        dump.replace("(7fe0,0010) OB", "(7fe0,0010) OW")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    dumpFile("mono2-8-ow-big-endian", "mono2-8-ow.txt", "+tb");
    compare("mono2-8-ow-big-endian", MIN_MAX);
  }

  private void jpegLs() {
    convert("ct-12-jpegls", "dcmcjpls", "ct-12");
    compare("ct-12-jpegls", FILE_WINDOW);
    convert("ct-12-jpegls-near", "dcmcjpls", "+en", "ct-12");
    compare("ct-12-jpegls-near", FILE_WINDOW);
    convert("mono2-8-jpegls", "dcmcjpls", "mono2-8");
    compare("mono2-8-jpegls", MIN_MAX);
    convert("mono2-16-jpegls", "dcmcjpls", "mono2-16");
    compare("mono2-16-jpegls", MIN_MAX);
    convert("mono2-s16-jpegls", "dcmcjpls", "mono2-s16");
    compare("mono2-s16-jpegls", FILE_WINDOW);
    convert("mf-16-jpegls", "dcmcjpls", "mf-16");
    compare("mf-16-jpegls", 2, MIN_MAX, Tolerance.EXACT);
    convert("rgb-jpegls", "dcmcjpls", "rgb");
    compare("rgb-jpegls", COLOUR);
    convert("rgb-jpegls-uninterleaved", "dcmcjpls", "+in", "rgb");
    compare("rgb-jpegls-uninterleaved", COLOUR);
    convert("rgb-jpegls-sample-interleaved", "dcmcjpls", "+is", "rgb");
    compare("rgb-jpegls-sample-interleaved", COLOUR);
  }

  // --- building blocks

  private DumpBuilder image(
      int columns,
      int rows,
      int frames,
      String photometric,
      int bitsAllocated,
      int bitsStored,
      int highBit,
      int pixelRepresentation,
      int[] samples)
      throws IOException {
    String raw = "pixels-" + files.size() + ".raw";
    Files.write(dir.resolve(raw), TestPixels.bytes(samples, bitsAllocated));
    int samplesPerPixel = photometric.startsWith("RGB") || photometric.startsWith("YBR") ? 3 : 1;
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.7")
            .text("(0008,0018)", "UI", "2.25." + (900000 + files.size()))
            .text("(0008,0060)", "CS", "OT")
            .text("(0020,000d)", "UI", "2.25.910001")
            .text("(0020,000e)", "UI", "2.25.910002")
            .raw("(0028,0002)", "US", String.valueOf(samplesPerPixel))
            .text("(0028,0004)", "CS", photometric)
            .raw("(0028,0010)", "US", String.valueOf(rows))
            .raw("(0028,0011)", "US", String.valueOf(columns))
            .raw("(0028,0100)", "US", String.valueOf(bitsAllocated))
            .raw("(0028,0101)", "US", String.valueOf(bitsStored))
            .raw("(0028,0102)", "US", String.valueOf(highBit))
            .raw("(0028,0103)", "US", String.valueOf(pixelRepresentation))
            .raw("(7fe0,0010)", bitsAllocated <= 8 ? "OB" : "OW", "=" + raw);
    if (frames > 1) {
      dump.text("(0028,0008)", "IS", String.valueOf(frames));
    }
    return dump;
  }

  private void dump(String name, DumpBuilder dump, String... options) throws IOException {
    Path text = dir.resolve(name + ".txt");
    Files.write(text, dump.toBytes());
    dumpFile(name, text.getFileName().toString(), options);
  }

  private void dumpAgain(String source, String name, String... options) {
    dumpFile(name, source + ".txt", options);
  }

  private void dumpFile(String name, String text, String... options) {
    List<String> command = new ArrayList<>(List.of("dump2dcm", "-q", "+l", "4000000"));
    command.addAll(List.of(options));
    command.addAll(List.of(text, name + ".dcm"));
    Dcmtk.run(dir, command);
    files.put(name, dir.resolve(name + ".dcm"));
  }

  /** tool [options] source.dcm name.dcm */
  private void convert(String name, String tool, String... optionsThenSource) {
    List<String> command = new ArrayList<>(List.of(tool, "-q"));
    command.addAll(List.of(optionsThenSource).subList(0, optionsThenSource.length - 1));
    command.add(optionsThenSource[optionsThenSource.length - 1] + ".dcm");
    command.add(name + ".dcm");
    Dcmtk.run(dir, command);
    files.put(name, dir.resolve(name + ".dcm"));
  }

  /** A copy of {@code source} with attributes changed by dcmodify ("(gggg,eeee)=value"). */
  private void modified(String name, String source, String... assignments) throws IOException {
    Path file = Files.copy(dir.resolve(source + ".dcm"), dir.resolve(name + ".dcm"));
    List<String> command = new ArrayList<>(List.of("dcmodify", "-q", "-nb"));
    for (String assignment : assignments) {
      command.addAll(List.of("-m", assignment));
    }
    command.add(file.getFileName().toString());
    Dcmtk.run(dir, command);
    files.put(name, file);
  }

  private void compare(String name, List<String> voi) {
    compare(name, 0, voi, name.startsWith("ybr") ? Tolerance.YBR_EQUATIONS : Tolerance.EXACT);
  }

  private void compare(String name, int frame, List<String> voi, Tolerance tolerance) {
    cases.add(new Case(name, frame, voi, tolerance));
  }

  /** RGB to full-range YCbCr (PS3.3 C.7.6.3.1.2), rounded. */
  private static int[] ybr(int[] rgb) {
    int[] ybr = new int[rgb.length];
    for (int i = 0; i < rgb.length; i += 3) {
      double r = rgb[i];
      double g = rgb[i + 1];
      double b = rgb[i + 2];
      ybr[i] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
      ybr[i + 1] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
      ybr[i + 2] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
    }
    return ybr;
  }

  /** Y Cb Cr per pixel to Y0 Y1 Cb Cr per pixel pair, the chroma of the pair averaged. */
  private static int[] chroma422(int[] ybr) {
    int pixels = ybr.length / 3;
    int[] pairs = new int[pixels * 2];
    for (int p = 0; p < pixels; p += 2) {
      int o = p * 2;
      pairs[o] = ybr[p * 3];
      pairs[o + 1] = ybr[(p + 1) * 3];
      pairs[o + 2] = (ybr[p * 3 + 1] + ybr[(p + 1) * 3 + 1] + 1) / 2;
      pairs[o + 3] = (ybr[p * 3 + 2] + ybr[(p + 1) * 3 + 2] + 1) / 2;
    }
    return pairs;
  }

  private static int clamp(double value) {
    return (int) Math.max(0, Math.min(255, Math.round(value)));
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }
}
