package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.sinfonia.verticles.testing.PreviewCorpus.Dump;

/**
 * Two patients whose studies look like the real thing in screenshots, made by dcmtk from dumps: a
 * thorax CT phantom (body ellipse of soft tissue ~40 HU, lungs ~-800 HU with vessels, heart, a
 * vertebra ~700 HU with marrow, a couch) with an RT Structure Set on it (Body, both lungs, spinal
 * cord, PTV), an RT Dose of a four-field box and the RT Plan of those beams; and a head MR phantom
 * of another patient, modality and date, so study filters have something to tell apart.
 */
public final class PhantomStudy {

  public static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
  public static final String MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4";
  public static final String ROOT = "1.2.826.0.1.3680043.10.516";
  public static final String THORAX_STUDY = ROOT + ".1";
  public static final String CT_SERIES = THORAX_STUDY + ".1";
  public static final String RTSTRUCT_SERIES = THORAX_STUDY + ".2";
  public static final String RTDOSE_SERIES = THORAX_STUDY + ".3";
  public static final String RTPLAN_SERIES = THORAX_STUDY + ".4";
  public static final String HEAD_STUDY = ROOT + ".2";
  public static final String MR_SERIES = HEAD_STUDY + ".1";
  public static final String FRAME_OF_REFERENCE = THORAX_STUDY + ".9";
  public static final int SLICES = 20;
  public static final int SIZE = 256;
  public static final double SPACING = 1.5;
  public static final double THICKNESS = 2.5;

  private final PreviewCorpus corpus;
  private final Path dir;

  public PhantomStudy(Path dir) {
    this.dir = dir;
    this.corpus = new PreviewCorpus(dir);
  }

  public static String ctSop(int slice) {
    return CT_SERIES + "." + slice;
  }

  /** Slice z positions: 0, 2.5, ... mm; the PTV lies on the middle slices. */
  private static double z(int slice) {
    return (slice - 1) * THICKNESS;
  }

  /**
   * The thorax CT (ct-01.dcm ...), the RT Structure Set, Dose and Plan on it, all in one folder
   * {@code out}.
   */
  public List<Path> thorax(Path out) throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    for (int s = 1; s <= SLICES; s++) {
      files.add(move(ctSlice(s), out.resolve(String.format("ct-%02d.dcm", s))));
    }
    files.add(move(rtStruct(), out.resolve("rtstruct.dcm")));
    files.add(move(rtDose(), out.resolve("rtdose.dcm")));
    files.add(move(rtPlan(), out.resolve("rtplan.dcm")));
    return files;
  }

  /** The head MR of the second patient: {@code n} slices mr-01.dcm ... in {@code out}. */
  public List<Path> head(Path out, int n) throws IOException, InterruptedException {
    List<Path> files = new ArrayList<>();
    for (int s = 1; s <= n; s++) {
      files.add(move(mrSlice(s, n), out.resolve(String.format("mr-%02d.dcm", s))));
    }
    return files;
  }

  private static Path move(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    return Files.move(from, to);
  }

  // ---------------------------------------------------------------- patients and studies

  private static Dump thoraxPatient(
      Dump d,
      String sopClass,
      String sop,
      String modality,
      String series,
      int number,
      String description) {
    return d.text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0016)", "UI", sopClass)
        .text("(0008,0018)", "UI", sop)
        .text("(0008,0020)", "DA", "20240312")
        .text("(0008,0030)", "TM", "093000")
        .text("(0008,0050)", "SH", "ACC-24031201")
        .text("(0008,0060)", "CS", modality)
        .text("(0008,0070)", "LO", "Sinfonia Phantoms")
        .text("(0008,0090)", "PN", "House^Gregory")
        .text("(0008,1030)", "LO", "CT Thorax radiotherapy planning")
        .text("(0008,103e)", "LO", description)
        .text("(0010,0010)", "PN", "Phantom^Thorax")
        .text("(0010,0020)", "LO", "PH-001")
        .text("(0010,0030)", "DA", "19580704")
        .text("(0010,0040)", "CS", "M")
        .text("(0020,000d)", "UI", THORAX_STUDY)
        .text("(0020,000e)", "UI", series)
        .text("(0020,0010)", "SH", "1")
        .text("(0020,0011)", "IS", Integer.toString(number))
        .text("(0020,0052)", "UI", FRAME_OF_REFERENCE);
  }

  // ---------------------------------------------------------------- CT

  /**
   * Hounsfield units of the phantom at patient (x, y, z) in mm; the body is centred on x = 0, y =
   * 0.
   */
  static double hu(double x, double y, double z, Random noise) {
    double bodyA = 165;
    double bodyB = 115;
    if (y > 128 && y < 136 && Math.abs(x) < 180) {
      return 200; // the couch
    }
    if (sq(x / bodyA) + sq(y / bodyB) > 1) {
      return -1000;
    }
    double v = 40 + noise.nextGaussian() * 12;
    if (sq(x / bodyA) + sq(y / bodyB) > sq(1 - 12 / bodyB)) {
      v = -90 + noise.nextGaussian() * 10; // subcutaneous fat
    }
    double lungA = 55 + 6 * Math.sin(z / 18);
    double lungB = 78 + 5 * Math.cos(z / 20);
    for (int side = -1; side <= 1; side += 2) {
      double cx = side * 72;
      double cy = -8;
      if (sq((x - cx) / lungA) + sq((y - cy) / lungB) < 1) {
        v = -820 + noise.nextGaussian() * 25;
        // vessels: small dense dots on a fixed lattice, fading towards the periphery
        double gx = Math.floorMod((int) Math.round(x + 7 * side + z * 0.7), 23) - 11;
        double gy = Math.floorMod((int) Math.round(y + 5 + z * 0.3), 19) - 9;
        if (gx * gx + gy * gy < 5) {
          v = 30 + noise.nextGaussian() * 15;
        }
      }
    }
    if (sq((x - 18) / 48) + sq((y + 22) / 40) < 1) {
      v = 45 + noise.nextGaussian() * 10; // heart
    }
    if (sq(x / 14) + sq((y + 30) / 14) < 1 && z < 30) {
      v = 180 + noise.nextGaussian() * 10; // aorta with contrast
    }
    if (sq(x / 10) + sq((y + 95) / 7) < 1) {
      v = 700 + noise.nextGaussian() * 20; // sternum
    }
    double vy = 68;
    if (sq(x / 24) + sq((y - vy) / 20) < 1) {
      v = 700 + noise.nextGaussian() * 25; // vertebral body
      if (sq(x / 16) + sq((y - vy) / 13) < 1) {
        v = 280 + noise.nextGaussian() * 20; // marrow
      }
    }
    if (sq(x / 9) + sq((y - vy - 30) / 8) < 1) {
      v = 30; // spinal canal
    }
    if (sq(x / 22) + sq((y - vy - 30) / 17) < 1 && sq(x / 9) + sq((y - vy - 30) / 8) >= 1) {
      v = 650 + noise.nextGaussian() * 25; // vertebral arch
    }
    for (int side = -1; side <= 1; side += 2) {
      // ribs: dense arcs just inside the body outline
      double angle = Math.atan2(y / bodyB, x / bodyA);
      double r = Math.sqrt(sq(x / bodyA) + sq(y / bodyB));
      if (r > 0.86
          && r < 0.92
          && Math.floorMod((int) Math.round(Math.toDegrees(angle) + 360 + z * 2), 24) < 7
          && Math.signum(x) == side
          && Math.abs(y) < 100) {
        v = 650 + noise.nextGaussian() * 30;
      }
    }
    return v;
  }

  private static double sq(double v) {
    return v * v;
  }

  private static double position0() {
    return -SIZE * SPACING / 2;
  }

  Path ctSlice(int slice) throws IOException, InterruptedException {
    Random noise = new Random(slice * 7919L);
    short[] px = new short[SIZE * SIZE];
    for (int r = 0; r < SIZE; r++) {
      for (int c = 0; c < SIZE; c++) {
        double x = position0() + c * SPACING;
        double y = position0() + r * SPACING;
        px[r * SIZE + c] =
            (short) Math.max(0, Math.min(4095, Math.round(hu(x, y, z(slice), noise) + 1024)));
      }
    }
    String name = String.format("ct-slice-%02d", slice);
    Dump d =
        thoraxPatient(new Dump(), CT_IMAGE, ctSop(slice), "CT", CT_SERIES, 1, "Thorax 2.5 mm")
            .text("(0008,0008)", "CS", "ORIGINAL\\PRIMARY\\AXIAL")
            .text("(0018,0060)", "DS", "120")
            .text("(0020,0013)", "IS", Integer.toString(slice))
            .text("(0020,1041)", "DS", num(z(slice)))
            .sequence(
                "(0008,1032)",
                code ->
                    code.text("(0008,0100)", "SH", "RPID16")
                        .text("(0008,0102)", "SH", "RADLEX")
                        .text("(0008,0104)", "LO", "CT chest for radiotherapy planning"))
            .text("(0028,1050)", "DS", "40")
            .text("(0028,1051)", "DS", "400")
            .text("(0028,1052)", "DS", "-1024")
            .text("(0028,1053)", "DS", "1");
    image(d, SIZE, SIZE, SPACING, position0(), position0(), z(slice));
    d.raw("(7fe0,0010)", "OW", corpus.raw(name, px));
    return corpus.write(name, d);
  }

  private static void image(
      Dump d, int rows, int columns, double spacing, double x0, double y0, double z) {
    d.raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", Integer.toString(rows))
        .raw("(0028,0011)", "US", Integer.toString(columns))
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "12")
        .raw("(0028,0102)", "US", "11")
        .raw("(0028,0103)", "US", "0")
        .text("(0020,0032)", "DS", num(x0) + "\\" + num(y0) + "\\" + num(z))
        .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
        .text("(0028,0030)", "DS", num(spacing) + "\\" + num(spacing))
        .text("(0018,0050)", "DS", num(THICKNESS));
  }

  private static String num(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
  }

  // ---------------------------------------------------------------- RT Structure Set

  /** An ROI: number, name, colour, and its outline on a slice (null where it has none). */
  private record Roi(int number, String name, String colour, String type, Outline outline) {}

  private interface Outline {
    /** Points (x, y) in mm of the closed contour on slice {@code s}, or null. */
    double[] on(int s);
  }

  private static double[] ellipse(double cx, double cy, double a, double b, int points) {
    double[] out = new double[points * 2];
    for (int i = 0; i < points; i++) {
      double t = 2 * Math.PI * i / points;
      out[2 * i] = cx + a * Math.cos(t);
      out[2 * i + 1] = cy + b * Math.sin(t);
    }
    return out;
  }

  private static final List<Roi> ROIS =
      List.of(
          new Roi(1, "Body", "0\\200\\0", "EXTERNAL", s -> ellipse(0, 0, 164, 114, 72)),
          new Roi(
              2,
              "Lung R",
              "0\\160\\255",
              "ORGAN",
              s ->
                  ellipse(-72, -8, 55 + 6 * Math.sin(z(s) / 18), 78 + 5 * Math.cos(z(s) / 20), 48)),
          new Roi(
              3,
              "Lung L",
              "120\\200\\255",
              "ORGAN",
              s -> ellipse(72, -8, 55 + 6 * Math.sin(z(s) / 18), 78 + 5 * Math.cos(z(s) / 20), 48)),
          new Roi(4, "Spinal cord", "255\\220\\0", "ORGAN", s -> ellipse(0, 98, 8, 7, 24)),
          new Roi(
              5,
              "PTV",
              "255\\0\\0",
              "PTV",
              s -> s >= 7 && s <= 14 ? ellipse(-66, -20, 26, 24, 36) : null));

  Path rtStruct() throws IOException, InterruptedException {
    List<Consumer<Dump>> images = new ArrayList<>();
    for (int s = 1; s <= SLICES; s++) {
      String sop = ctSop(s);
      images.add(i -> i.text("(0008,1150)", "UI", CT_IMAGE).text("(0008,1155)", "UI", sop));
    }
    List<Consumer<Dump>> roiDefs = new ArrayList<>();
    List<Consumer<Dump>> roiContours = new ArrayList<>();
    List<Consumer<Dump>> observations = new ArrayList<>();
    for (Roi roi : ROIS) {
      roiDefs.add(
          r ->
              r.text("(3006,0022)", "IS", Integer.toString(roi.number()))
                  .text("(3006,0024)", "UI", FRAME_OF_REFERENCE)
                  .text("(3006,0026)", "LO", roi.name())
                  .text("(3006,0036)", "CS", "MANUAL"));
      observations.add(
          o ->
              o.text("(3006,0082)", "IS", Integer.toString(roi.number()))
                  .text("(3006,0084)", "IS", Integer.toString(roi.number()))
                  .text("(3006,00a4)", "CS", roi.type())
                  .text("(3006,00a6)", "PN", ""));
      List<Consumer<Dump>> contours = new ArrayList<>();
      for (int s = 1; s <= SLICES; s++) {
        double[] xy = roi.outline().on(s);
        if (xy == null) {
          continue;
        }
        int slice = s;
        contours.add(
            c ->
                contour(c, xy, z(slice))
                    .sequence(
                        "(3006,0016)",
                        i ->
                            i.text("(0008,1150)", "UI", CT_IMAGE)
                                .text("(0008,1155)", "UI", ctSop(slice))));
      }
      roiContours.add(
          r ->
              r.text("(3006,002a)", "IS", roi.colour())
                  .text("(3006,0084)", "IS", Integer.toString(roi.number()))
                  .sequence("(3006,0040)", array(contours)));
    }
    Dump d =
        thoraxPatient(
                new Dump(),
                "1.2.840.10008.5.1.4.1.1.481.3",
                RTSTRUCT_SERIES + ".1",
                "RTSTRUCT",
                RTSTRUCT_SERIES,
                2,
                "Structures for planning")
            .text("(3006,0002)", "SH", "THORAX_RT")
            .text("(3006,0004)", "LO", "Thorax planning structures")
            .text("(3006,0008)", "DA", "20240313")
            .text("(3006,0009)", "TM", "101500")
            .sequence(
                "(3006,0010)",
                frame ->
                    frame
                        .text("(0020,0052)", "UI", FRAME_OF_REFERENCE)
                        .sequence(
                            "(3006,0012)",
                            st ->
                                st.text("(0008,1150)", "UI", "1.2.840.10008.3.1.2.3.1")
                                    .text("(0008,1155)", "UI", THORAX_STUDY)
                                    .sequence(
                                        "(3006,0014)",
                                        se ->
                                            se.text("(0020,000e)", "UI", CT_SERIES)
                                                .sequence("(3006,0016)", array(images)))))
            .sequence("(3006,0020)", array(roiDefs))
            .sequence("(3006,0039)", array(roiContours))
            .sequence("(3006,0080)", array(observations));
    return corpus.write("rtstruct", d);
  }

  @SuppressWarnings("unchecked")
  private static Consumer<Dump>[] array(List<Consumer<Dump>> items) {
    return items.toArray(new Consumer[0]);
  }

  private static Dump contour(Dump c, double[] xy, double z) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < xy.length; i += 2) {
      data.append(i == 0 ? "" : "\\")
          .append(String.format(Locale.ROOT, "%.1f\\%.1f\\%s", xy[i], xy[i + 1], num(z)));
    }
    return c.text("(3006,0042)", "CS", "CLOSED_PLANAR")
        .text("(3006,0046)", "IS", Integer.toString(xy.length / 2))
        .text("(3006,0050)", "DS", data.toString());
  }

  // ---------------------------------------------------------------- RT Dose and Plan

  /**
   * A four-field box on the PTV: 60 Gy where the beams cross, fading with depth and outside the
   * fields.
   */
  static double dose(double x, double y, double z) {
    if (sq(x / 165) + sq(y / 115) > 1) {
      return 0;
    }
    double cx = -66;
    double cy = -20;
    double field = 34;
    double zc = (7 + 14) / 2.0 * THICKNESS - THICKNESS;
    double along = edge(Math.abs(z - zc), 26);
    double ap = edge(Math.abs(x - cx), field) * (1 - 0.0025 * Math.abs(y + 115));
    double lat = edge(Math.abs(y - cy), field) * (1 - 0.0025 * Math.abs(x + 165));
    return 60 * along * (0.5 * ap + 0.5 * lat);
  }

  /** 1 inside a half-width, falling off over ~8 mm (a penumbra). */
  private static double edge(double distance, double halfWidth) {
    return 1 / (1 + Math.exp((distance - halfWidth) / 3));
  }

  Path rtDose() throws IOException, InterruptedException {
    int columns = 64;
    int rows = 48;
    double spacing = 6;
    double x0 = -192 + 3;
    double y0 = -144 + 3;
    double scaling = 1e-5;
    ByteBuffer b = ByteBuffer.allocate(columns * rows * SLICES * 4).order(ByteOrder.LITTLE_ENDIAN);
    StringBuilder offsets = new StringBuilder();
    for (int f = 0; f < SLICES; f++) {
      offsets.append(f == 0 ? "" : "\\").append(num(f * THICKNESS));
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < columns; c++) {
          b.putInt((int) Math.round(dose(x0 + c * spacing, y0 + r * spacing, z(f + 1)) / scaling));
        }
      }
    }
    Files.write(dir.resolve("rtdose.raw"), b.array());
    Dump d =
        thoraxPatient(
                new Dump(),
                "1.2.840.10008.5.1.4.1.1.481.2",
                RTDOSE_SERIES + ".1",
                "RTDOSE",
                RTDOSE_SERIES,
                3,
                "Planned dose")
            .text("(0020,0013)", "IS", "1")
            .text("(0020,0032)", "DS", num(x0) + "\\" + num(y0) + "\\0")
            .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
            .raw("(0028,0002)", "US", "1")
            .text("(0028,0004)", "CS", "MONOCHROME2")
            .text("(0028,0008)", "IS", Integer.toString(SLICES))
            .raw("(0028,0009)", "AT", "(3004,000c)")
            .raw("(0028,0010)", "US", Integer.toString(rows))
            .raw("(0028,0011)", "US", Integer.toString(columns))
            .text("(0028,0030)", "DS", num(spacing) + "\\" + num(spacing))
            .raw("(0028,0100)", "US", "32")
            .raw("(0028,0101)", "US", "32")
            .raw("(0028,0102)", "US", "31")
            .raw("(0028,0103)", "US", "0")
            .text("(3004,0002)", "CS", "GY")
            .text("(3004,0004)", "CS", "PHYSICAL")
            .text("(3004,000a)", "CS", "PLAN")
            .text("(3004,000c)", "DS", offsets.toString())
            .text("(3004,000e)", "DS", "1e-05")
            .sequence(
                "(300c,0002)",
                p ->
                    p.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.481.5")
                        .text("(0008,1155)", "UI", RTPLAN_SERIES + ".1"))
            .raw("(7fe0,0010)", "OW", "=rtdose.raw");
    return corpus.write("rtdose", d);
  }

  Path rtPlan() throws IOException, InterruptedException {
    String[][] beams = {
      {"1", "AP", "0", "118.4"},
      {"2", "Left lateral", "90", "131.7"},
      {"3", "PA", "180", "120.9"},
      {"4", "Right lateral", "270", "127.2"}
    };
    List<Consumer<Dump>> refs = new ArrayList<>();
    List<Consumer<Dump>> beamSeq = new ArrayList<>();
    for (String[] beam : beams) {
      refs.add(r -> r.text("(300a,0086)", "DS", beam[3]).text("(300c,0006)", "IS", beam[0]));
      beamSeq.add(
          x ->
              x.text("(300a,00b2)", "SH", "TrueBeam1")
                  .text("(300a,00b3)", "CS", "MU")
                  .text("(300a,00c0)", "IS", beam[0])
                  .text("(300a,00c2)", "LO", beam[1])
                  .text("(300a,00c4)", "CS", "STATIC")
                  .text("(300a,00c6)", "CS", "PHOTON")
                  .text("(300a,00ce)", "CS", "TREATMENT")
                  .text("(300a,0110)", "IS", "2")
                  .sequence(
                      "(300a,0111)",
                      cp ->
                          cp.text("(300a,0112)", "IS", "0")
                              .text("(300a,0114)", "DS", "6")
                              .text("(300a,011e)", "DS", beam[2])
                              .text("(300a,0134)", "DS", "0"),
                      cp -> cp.text("(300a,0112)", "IS", "1").text("(300a,0134)", "DS", "1")));
    }
    Dump d =
        thoraxPatient(
                new Dump(),
                "1.2.840.10008.5.1.4.1.1.481.5",
                RTPLAN_SERIES + ".1",
                "RTPLAN",
                RTPLAN_SERIES,
                4,
                "Treatment plan")
            .text("(300a,0002)", "SH", "THX_4FLD")
            .text("(300a,0003)", "LO", "Thorax four-field box")
            .text("(300a,0006)", "DA", "20240314")
            .text("(300a,0007)", "TM", "090000")
            .text("(300a,000c)", "CS", "PATIENT")
            .sequence(
                "(300a,0010)",
                ref ->
                    ref.text("(300a,0012)", "IS", "1")
                        .text("(300a,0014)", "CS", "VOLUME")
                        .text("(300a,0016)", "LO", "PTV 60 Gy")
                        .text("(300a,0020)", "CS", "TARGET")
                        .text("(300a,0026)", "DS", "60")
                        .text("(3006,0084)", "IS", "5"))
            .sequence(
                "(300a,0070)",
                group ->
                    group
                        .text("(300a,0071)", "IS", "1")
                        .text("(300a,0078)", "IS", "30")
                        .text("(300a,0080)", "IS", Integer.toString(beams.length))
                        .sequence("(300c,0004)", array(refs)))
            .sequence("(300a,00b0)", array(beamSeq))
            .sequence(
                "(300c,0060)",
                st ->
                    st.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.481.3")
                        .text("(0008,1155)", "UI", RTSTRUCT_SERIES + ".1"));
    return corpus.write("rtplan", d);
  }

  // ---------------------------------------------------------------- MR of the second patient

  Path mrSlice(int slice, int n) throws IOException, InterruptedException {
    int size = 128;
    double spacing = 1.8;
    Random noise = new Random(slice * 104729L);
    short[] px = new short[size * size];
    double scale = 1 - sq((slice - (n + 1) / 2.0) / (n + 2)) * 0.6;
    for (int r = 0; r < size; r++) {
      for (int c = 0; c < size; c++) {
        double x = (c - size / 2.0) * spacing;
        double y = (r - size / 2.0) * spacing;
        double head = sq(x / (78 * scale)) + sq(y / (96 * scale));
        double v = 0;
        if (head < 1) {
          v =
              head > 0.86
                  ? 1500
                  : head > 0.78 ? 250 : 900; // scalp fat bright, skull dark, brain grey
          if (head <= 0.78 && Math.abs(Math.sin(x / 6) * Math.cos(y / 7)) > 0.75) {
            v = 1150; // white matter folds
          }
          if (sq((Math.abs(x) - 10) / 7) + sq((y + 5) / 22) < 1) {
            v = 2400; // ventricles (CSF bright on T2)
          }
          v += noise.nextGaussian() * 40;
        }
        px[r * size + c] = (short) Math.max(0, Math.min(4095, Math.round(v)));
      }
    }
    String name = String.format("mr-slice-%02d", slice);
    Dump d =
        new Dump()
            .text("(0008,0005)", "CS", "ISO_IR 100")
            .text("(0008,0016)", "UI", MR_IMAGE)
            .text("(0008,0018)", "UI", MR_SERIES + "." + slice)
            .text("(0008,0020)", "DA", "20230605")
            .text("(0008,0030)", "TM", "141000")
            .text("(0008,0050)", "SH", "ACC-23060502")
            .text("(0008,0060)", "CS", "MR")
            .text("(0008,1030)", "LO", "MR Head without contrast")
            .text("(0008,103e)", "LO", "T2 axial")
            .text("(0010,0010)", "PN", "Phantom^Head")
            .text("(0010,0020)", "LO", "PH-002")
            .text("(0010,0030)", "DA", "19811123")
            .text("(0010,0040)", "CS", "F")
            .text("(0020,000d)", "UI", HEAD_STUDY)
            .text("(0020,000e)", "UI", MR_SERIES)
            .text("(0020,0011)", "IS", "1")
            .text("(0020,0013)", "IS", Integer.toString(slice))
            .text("(0020,0052)", "UI", HEAD_STUDY + ".9")
            .text("(0018,0087)", "DS", "3")
            .text("(0028,1050)", "DS", "1200")
            .text("(0028,1051)", "DS", "2400");
    image(d, size, size, spacing, -size * spacing / 2, -size * spacing / 2, slice * 5.0);
    d.raw("(7fe0,0010)", "OW", corpus.raw(name, px));
    return corpus.write(name, d);
  }
}
