package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * DICOM files for the previewer's end-to-end tests, made by dcmtk from text dumps (the same way
 * core's render and RT tests make theirs; the dumps are minimal copies, not a dependency on core's
 * test classes): a 512 x 512 16-bit CT, a multi-frame image, a progressive JPEG (a retired syntax),
 * an attribute zoo with nested sequences and private tags, RT Dose / Structure Set / Plan, and a
 * small CT series the structure set refers to.
 */
public final class PreviewCorpus {

  public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";

  private final Path dir;

  public PreviewCorpus(Path dir) {
    this.dir = dir;
  }

  /** A dump2dcm text dump (written as ISO 8859-1). */
  public static final class Dump {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    public Dump text(String tag, String vr, String value) {
      return line(tag + " " + vr + " [" + value + "]");
    }

    /** A value as dump2dcm reads it for its VR: numbers, {@code =file}. */
    public Dump raw(String tag, String vr, String value) {
      return line(tag + " " + vr + " " + value);
    }

    @SafeVarargs
    public final Dump sequence(String tag, Consumer<Dump>... items) {
      line(tag + " SQ (Sequence with undefined length #=" + items.length + ")");
      depth++;
      for (Consumer<Dump> item : items) {
        line("(fffe,e000) na (Item with undefined length #=0)");
        depth++;
        item.accept(this);
        depth--;
        line("(fffe,e00d) na (ItemDelimitationItem)");
      }
      depth--;
      return line("(fffe,e0dd) na (SequenceDelimitationItem)");
    }

    /** Study, series and instance UIDs, SOP class and modality. */
    public Dump identity(
        String sopClass, String modality, String study, String series, String sop) {
      return text("(0008,0016)", "UI", sopClass)
          .text("(0008,0018)", "UI", sop)
          .text("(0008,0060)", "CS", modality)
          .text("(0010,0010)", "PN", "Preview^Test")
          .text("(0010,0020)", "LO", "PV-1")
          .text("(0020,000d)", "UI", study)
          .text("(0020,000e)", "UI", series);
    }

    private Dump line(String l) {
      text.append("  ".repeat(depth)).append(l).append('\n');
      return this;
    }
  }

  public Path write(String name, Dump dump, String... options)
      throws IOException, InterruptedException {
    Files.write(
        dir.resolve(name + ".txt"), dump.text.toString().getBytes(StandardCharsets.ISO_8859_1));
    List<String> command = new ArrayList<>(List.of("dump2dcm", "-q", "+l", "4000000", "+te"));
    command.addAll(List.of(options));
    command.addAll(List.of(name + ".txt", name + ".dcm"));
    run(command);
    return dir.resolve(name + ".dcm");
  }

  /** 16-bit little endian samples written to {@code name.raw} for a dump's {@code =name.raw}. */
  public String raw(String name, short[] samples) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (short s : samples) {
      b.putShort(s);
    }
    Files.write(dir.resolve(name + ".raw"), b.array());
    return "=" + name + ".raw";
  }

  /**
   * The Image Pixel module of a 16-bit grey image (12 bits stored) plus its plane in patient space.
   */
  private static Dump pixels(Dump d, int rows, int columns, int frames, double z) {
    d.raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", Integer.toString(rows))
        .raw("(0028,0011)", "US", Integer.toString(columns))
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "12")
        .raw("(0028,0102)", "US", "11")
        .raw("(0028,0103)", "US", "0")
        .text(
            "(0020,0032)",
            "DS",
            String.format(Locale.ROOT, "%d\\%d\\%s", -columns / 2, -rows / 2, num(z)))
        .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
        .text("(0028,0030)", "DS", "1\\1")
        .text("(0018,0050)", "DS", "2");
    if (frames > 1) {
      d.text("(0028,0008)", "IS", Integer.toString(frames));
    }
    return d;
  }

  private static String num(double z) {
    return z == Math.rint(z) ? Long.toString((long) z) : Double.toString(z);
  }

  /**
   * A CT slice: a diagonal ramp across the window (stored 864..1264 = -160..240 HU) with a bright
   * disc, a window of 40/400 HU, rescale -1024.
   */
  public Path ct(String name, int size, String study, String series, String sop, double z)
      throws IOException, InterruptedException {
    short[] px = new short[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int v = 864 + (x + y) * 400 / (2 * size - 2);
        int dx = x - size / 3;
        int dy = y - size / 3;
        if (dx * dx + dy * dy < size * size / 36) {
          v = 1200 + (x % 7) * 9;
        }
        px[y * size + x] = (short) v;
      }
    }
    Dump d =
        new Dump()
            .identity(CT_IMAGE, "CT", study, series, sop)
            .text("(0020,0013)", "IS", "1")
            .text("(0028,1050)", "DS", "40")
            .text("(0028,1051)", "DS", "400")
            .text("(0028,1052)", "DS", "-1024")
            .text("(0028,1053)", "DS", "1");
    pixels(d, size, size, 1, z).raw("(7fe0,0010)", "OW", raw(name, px));
    return write(name, d);
  }

  /** A CT slice at z with Instance Number n (for a series an RT Structure Set refers to). */
  public Path slice(
      String name, int size, String study, String series, String sop, int number, double z)
      throws IOException, InterruptedException {
    short[] px = new short[size * size];
    for (int i = 0; i < px.length; i++) {
      px[i] = (short) (800 + (i % size) * 4);
    }
    Dump d =
        new Dump()
            .identity(CT_IMAGE, "CT", study, series, sop)
            .text("(0020,0013)", "IS", Integer.toString(number))
            .text("(0020,0052)", "UI", study + ".9");
    pixels(d, size, size, 1, z).raw("(7fe0,0010)", "OW", raw(name, px));
    return write(name, d);
  }

  /**
   * {@code frames} frames of 32 x 24 whose ranges differ (no window: the renderer takes each
   * frame's min-max).
   */
  public Path multiFrame(String name, int frames, String study, String series, String sop)
      throws IOException, InterruptedException {
    int rows = 24;
    int columns = 32;
    short[] px = new short[rows * columns * frames];
    for (int f = 0; f < frames; f++) {
      for (int i = 0; i < rows * columns; i++) {
        px[f * rows * columns + i] = (short) (f * 300 + ((i * (f + 3)) % 997));
      }
    }
    Dump d = new Dump().identity("1.2.840.10008.5.1.4.1.1.7.3", "OT", study, series, sop);
    pixels(d, rows, columns, frames, 0).raw("(7fe0,0010)", "OW", raw(name, px));
    return write(name, d);
  }

  /**
   * An 8-bit image recompressed as progressive JPEG (1.2.840.10008.1.2.4.55, retired): not
   * rendered.
   */
  public Path progressiveJpeg(String name, String study, String series, String sop)
      throws IOException, InterruptedException {
    byte[] px = new byte[64 * 64];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) ((i * 7) % 256);
    }
    Files.write(dir.resolve(name + ".raw"), px);
    Dump d =
        new Dump()
            .identity("1.2.840.10008.5.1.4.1.1.7", "OT", study, series, sop)
            .raw("(0028,0002)", "US", "1")
            .text("(0028,0004)", "CS", "MONOCHROME2")
            .raw("(0028,0010)", "US", "64")
            .raw("(0028,0011)", "US", "64")
            .raw("(0028,0100)", "US", "8")
            .raw("(0028,0101)", "US", "8")
            .raw("(0028,0102)", "US", "7")
            .raw("(0028,0103)", "US", "0")
            .raw("(7fe0,0010)", "OB", "=" + name + ".raw");
    Path plain = write(name + "-plain", d);
    run(List.of("dcmcjpeg", "-q", "+ep", plain.getFileName().toString(), name + ".dcm"));
    return dir.resolve(name + ".dcm");
  }

  /**
   * Nested sequences, a private block with its creator, a person name with every component, no
   * pixels.
   */
  public Path attributeZoo(String name, String study, String series, String sop)
      throws IOException, InterruptedException {
    Dump d =
        new Dump()
            .identity("1.2.840.10008.5.1.4.1.1.88.11", "SR", study, series, sop)
            .text("(0008,0090)", "PN", "Doe^John^W^Dr.^Jr.")
            .text("(0009,0010)", "LO", "ACME 1.0")
            .text("(0009,1001)", "LO", "private value")
            .sequence(
                "(0008,1115)",
                item ->
                    item.text("(0020,000e)", "UI", series + ".7")
                        .sequence(
                            "(0008,114a)",
                            inner ->
                                inner
                                    .text("(0008,1150)", "UI", CT_IMAGE)
                                    .text("(0008,1155)", "UI", sop + ".8")));
    return write(name, d);
  }

  /** RT Dose: 16 x 12 x 5, 32-bit, maximum 400000 x 2.5e-5 = 10 Gy in frame 3, row 5, column 9. */
  public Path rtDose(String name, String study, String series, String sop)
      throws IOException, InterruptedException {
    int columns = 16;
    int rows = 12;
    int frames = 5;
    ByteBuffer b = ByteBuffer.allocate(columns * rows * frames * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < frames; f++) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          int distance = Math.abs(f - 2) * 3 + Math.abs(r - 5) + Math.abs(c - 9);
          b.putInt(Math.max(0, 400_000 - distance * 400_000 / 20));
        }
      }
    }
    Files.write(dir.resolve(name + ".raw"), b.array());
    Dump d =
        new Dump()
            .identity("1.2.840.10008.5.1.4.1.1.481.2", "RTDOSE", study, series, sop)
            .text("(0020,0032)", "DS", "-20\\-15\\100")
            .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
            .raw("(0028,0002)", "US", "1")
            .text("(0028,0004)", "CS", "MONOCHROME2")
            .text("(0028,0008)", "IS", "5")
            .raw("(0028,0009)", "AT", "(3004,000c)")
            .raw("(0028,0010)", "US", "12")
            .raw("(0028,0011)", "US", "16")
            .text("(0028,0030)", "DS", "2.5\\3")
            .raw("(0028,0100)", "US", "32")
            .raw("(0028,0101)", "US", "32")
            .raw("(0028,0102)", "US", "31")
            .raw("(0028,0103)", "US", "0")
            .text("(3004,0002)", "CS", "GY")
            .text("(3004,0004)", "CS", "PHYSICAL")
            .text("(3004,000a)", "CS", "PLAN")
            .text("(3004,000c)", "DS", "0\\2\\4\\6\\8")
            .text("(3004,000e)", "DS", "2.5e-05")
            .raw("(7fe0,0010)", "OW", "=" + name + ".raw");
    return write(name, d);
  }

  /**
   * RT Structure Set on {@code ctSeries}: ROI 1 "PTV" (red) a 20 mm square on z = {@code z}, naming
   * {@code ctSop} in its Contour Image Sequence; ROI 2 "Body" (green) a 12 mm square on z + 50 (on
   * no slice).
   */
  public Path rtStruct(
      String name,
      String study,
      String series,
      String sop,
      String ctStudy,
      String ctSeries,
      String ctSop,
      double z)
      throws IOException, InterruptedException {
    Dump d =
        new Dump()
            .identity("1.2.840.10008.5.1.4.1.1.481.3", "RTSTRUCT", study, series, sop)
            .text("(3006,0002)", "SH", "PROSTATE")
            .text("(3006,0004)", "LO", "Prostate plan")
            .text("(3006,0008)", "DA", "20240315")
            .text("(3006,0009)", "TM", "101500")
            .sequence(
                "(3006,0010)",
                frame ->
                    frame
                        .text("(0020,0052)", "UI", ctStudy + ".9")
                        .sequence(
                            "(3006,0012)",
                            st ->
                                st.text("(0008,1150)", "UI", "1.2.840.10008.3.1.2.3.1")
                                    .text("(0008,1155)", "UI", ctStudy)
                                    .sequence(
                                        "(3006,0014)",
                                        se ->
                                            se.text("(0020,000e)", "UI", ctSeries)
                                                .sequence(
                                                    "(3006,0016)",
                                                    image ->
                                                        image
                                                            .text("(0008,1150)", "UI", CT_IMAGE)
                                                            .text("(0008,1155)", "UI", ctSop)))))
            .sequence(
                "(3006,0020)",
                roi ->
                    roi.text("(3006,0022)", "IS", "1")
                        .text("(3006,0024)", "UI", ctStudy + ".9")
                        .text("(3006,0026)", "LO", "PTV")
                        .text("(3006,0036)", "CS", "MANUAL"),
                roi ->
                    roi.text("(3006,0022)", "IS", "2")
                        .text("(3006,0024)", "UI", ctStudy + ".9")
                        .text("(3006,0026)", "LO", "Body")
                        .text("(3006,0036)", "CS", "AUTOMATIC"))
            .sequence(
                "(3006,0039)",
                roi ->
                    roi.text("(3006,002a)", "IS", "255\\0\\0")
                        .text("(3006,0084)", "IS", "1")
                        .sequence(
                            "(3006,0040)",
                            contour ->
                                square(contour, 10, z)
                                    .sequence(
                                        "(3006,0016)",
                                        image ->
                                            image
                                                .text("(0008,1150)", "UI", CT_IMAGE)
                                                .text("(0008,1155)", "UI", ctSop))),
                roi ->
                    roi.text("(3006,002a)", "IS", "0\\255\\0")
                        .text("(3006,0084)", "IS", "2")
                        .sequence("(3006,0040)", contour -> square(contour, 6, z + 50)));
    return write(name, d);
  }

  private static Dump square(Dump contour, double half, double z) {
    String data =
        String.format(
            Locale.ROOT,
            "%2$s\\%2$s\\%1$s\\%3$s\\%2$s\\%1$s\\%3$s\\%3$s\\%1$s\\%2$s\\%3$s\\%1$s",
            num(z),
            num(-half),
            num(half));
    return contour
        .text("(3006,0042)", "CS", "CLOSED_PLANAR")
        .text("(3006,0046)", "IS", "4")
        .text("(3006,0050)", "DS", data);
  }

  /** RT Plan: a static beam and an arc, 39 fractions, 78 Gy to the PTV. */
  public Path rtPlan(String name, String study, String series, String sop)
      throws IOException, InterruptedException {
    Dump d =
        new Dump()
            .identity("1.2.840.10008.5.1.4.1.1.481.5", "RTPLAN", study, series, sop)
            .text("(300a,0002)", "SH", "PROST_VMAT")
            .text("(300a,0003)", "LO", "Prostate VMAT")
            .text("(300a,0006)", "DA", "20240316")
            .text("(300a,0007)", "TM", "090000")
            .text("(300a,000c)", "CS", "PATIENT")
            .sequence(
                "(300a,0010)",
                ref ->
                    ref.text("(300a,0012)", "IS", "1")
                        .text("(300a,0014)", "CS", "VOLUME")
                        .text("(300a,0016)", "LO", "PTV 78 Gy")
                        .text("(300a,0020)", "CS", "TARGET")
                        .text("(300a,0026)", "DS", "78")
                        .text("(3006,0084)", "IS", "1"))
            .sequence(
                "(300a,0070)",
                group ->
                    group
                        .text("(300a,0071)", "IS", "1")
                        .text("(300a,0078)", "IS", "39")
                        .text("(300a,0080)", "IS", "2")
                        .sequence(
                            "(300c,0004)",
                            beam ->
                                beam.text("(300a,0086)", "DS", "120.5")
                                    .text("(300c,0006)", "IS", "1"),
                            beam ->
                                beam.text("(300a,0086)", "DS", "310.25")
                                    .text("(300c,0006)", "IS", "2")))
            .sequence(
                "(300a,00b0)",
                beam ->
                    beam.text("(300a,00b2)", "SH", "LINAC1")
                        .text("(300a,00b3)", "CS", "MU")
                        .text("(300a,00c0)", "IS", "1")
                        .text("(300a,00c2)", "LO", "AP")
                        .text("(300a,00c4)", "CS", "STATIC")
                        .text("(300a,00c6)", "CS", "PHOTON")
                        .text("(300a,0110)", "IS", "2")
                        .sequence(
                            "(300a,0111)",
                            cp -> cp.text("(300a,0112)", "IS", "0").text("(300a,011e)", "DS", "0"),
                            cp -> cp.text("(300a,0112)", "IS", "1")),
                beam ->
                    beam.text("(300a,00b2)", "SH", "LINAC1")
                        .text("(300a,00b3)", "CS", "MU")
                        .text("(300a,00c0)", "IS", "2")
                        .text("(300a,00c2)", "LO", "Arc CW")
                        .text("(300a,00c4)", "CS", "DYNAMIC")
                        .text("(300a,00c6)", "CS", "PHOTON")
                        .text("(300a,0110)", "IS", "3")
                        .sequence(
                            "(300a,0111)",
                            cp -> cp.text("(300a,011e)", "DS", "181"),
                            cp -> cp.text("(300a,011e)", "DS", "0"),
                            cp -> cp.text("(300a,011e)", "DS", "179")));
    return write(name, d);
  }

  /** dcmj2pnm's PNG of a file (the referee), e.g. options {@code +Wi 1} or {@code +F 2 +Wm}. */
  public byte[] dcmj2pnm(Path file, String... options) throws IOException, InterruptedException {
    Path out =
        dir.resolve(
            file.getFileName()
                + "-"
                + String.join("", options).replaceAll("[^A-Za-z0-9]", "")
                + ".png");
    List<String> command = new ArrayList<>(List.of("dcmj2pnm", "-q", "+on"));
    command.addAll(List.of(options));
    command.addAll(List.of(file.toString(), out.toString()));
    run(command);
    return Files.readAllBytes(out);
  }

  public void run(List<String> command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(command + " failed (dcmtk/zip installed?): " + output);
    }
  }
}
