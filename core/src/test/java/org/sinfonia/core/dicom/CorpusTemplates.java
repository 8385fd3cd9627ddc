package org.sinfonia.core.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The dump2dcm dumps the test corpus is made from: a CT image that uses every VR, nested and empty
 * sequences, private, retired and repeating-group elements; a multi-frame image; and the RT objects
 * (structure set with large contour data, dose, plan) that make header-heavy files.
 */
final class CorpusTemplates {

  /** Sizes of the generated objects: small for unit tests, larger for the benchmark. */
  record Scale(
      int imageSide,
      int frames,
      int rois,
      int contoursPerRoi,
      int pointsPerContour,
      int bigContourPoints) {
    static final Scale TEST = new Scale(32, 4, 3, 12, 40, 4000);
    static final Scale BENCH = new Scale(512, 8, 12, 60, 200, 6000);
  }

  private CorpusTemplates() {}

  static DumpBuilder ct(int side) {
    DumpBuilder d = new DumpBuilder();
    d.text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0008)", "CS", "ORIGINAL\\PRIMARY\\AXIAL")
        .text("(0008,0010)", "SH", "RETIRED CODE")
        .text("(0008,0012)", "DA", "20240102")
        .text("(0008,0013)", "TM", "101010.5")
        .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.2")
        .text("(0008,0018)", "UI", "2.25.100001")
        .text("(0008,0020)", "DA", "20240101")
        .text("(0008,002a)", "DT", "20240101120000.000000+0100")
        .text("(0008,0030)", "TM", "120000")
        .text("(0008,0050)", "SH", "ACC0001")
        .text("(0008,0054)", "AE", "SINFONIA")
        .text("(0008,0060)", "CS", "CT")
        .text("(0008,0090)", "PN", "Ref^Doctor^^Dr.")
        .text("(0008,0119)", "UC", "a long code value\\second")
        .text("(0008,0120)", "UR", "http://example.org/code?x=1")
        .empty("(0008,1010)", "SH")
        .text("(0008,1030)", "LO", "Study description")
        .text("(0008,103e)", "LO", "Series description")
        .sequence(
            "(0008,1115)",
            item ->
                item.sequence(
                        "(0008,1140)",
                        ref ->
                            ref.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                                .text("(0008,1155)", "UI", "2.25.100002")
                                .sequence(
                                    "(0040,a170)",
                                    code ->
                                        code.text("(0008,0100)", "SH", "121311")
                                            .text("(0008,0102)", "SH", "DCM")
                                            .text("(0008,0104)", "LO", "Localizer")),
                        ref ->
                            ref.text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                                .text("(0008,1155)", "UI", "2.25.100003"))
                    .text("(0020,000e)", "UI", "2.25.100004"),
            item -> item.text("(0020,000e)", "UI", "2.25.100005"))
        .sequence("(0008,2112)")
        .text("(0009,0010)", "LO", "SINFONIA TEST")
        .text("(0009,0011)", "LO", "SINFONIA OTHER")
        .text("(0009,1001)", "LO", "private text")
        .raw("(0009,1002)", "US", "42")
        .raw("(0009,1003)", "UN", "01\\02\\03\\04")
        .text("(0009,1101)", "SH", "other block")
        .text("(0010,0010)", "PN", "Doe^John")
        .text("(0010,0020)", "LO", "PID0001")
        .text("(0010,0030)", "DA", "19700101")
        .text("(0010,0040)", "CS", "O")
        .text("(0010,1010)", "AS", "054Y")
        .text("(0010,21b0)", "LT", "Patient history: first line")
        .text("(0018,0050)", "DS", "1.25")
        .text("(0018,0060)", "DS", "120")
        .text("(0018,1020)", "LO", "v1\\v2\\\\v4")
        .raw("(0018,6020)", "SL", "-100000")
        .raw("(0018,9089)", "FD", "0.5\\0.25\\-1")
        .raw("(0018,9219)", "SS", "-5\\7")
        .text("(0020,000d)", "UI", "2.25.200001")
        .text("(0020,000e)", "UI", "2.25.200002")
        .text("(0020,0011)", "IS", "3")
        .text("(0020,0013)", "IS", "7")
        .text("(0020,0032)", "DS", "-125.5\\-130\\42.75")
        .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
        .text("(0020,4000)", "LT", "image comments")
        .raw("(0020,9165)", "AT", "(0018,0050)\\(0020,0032)")
        .raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", String.valueOf(side))
        .raw("(0028,0011)", "US", String.valueOf(side))
        .text("(0028,0030)", "DS", "0.5\\0.5")
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "12")
        .raw("(0028,0102)", "US", "11")
        .raw("(0028,0103)", "US", "0")
        .text("(0028,1050)", "DS", "40")
        .text("(0028,1051)", "DS", "400")
        .text("(0040,a160)", "UT", "unlimited text")
        .raw("(0042,0011)", "OB", "25\\50\\44\\46")
        .raw("(0064,0009)", "OF", "1.5\\2.5")
        .raw("(0066,0022)", "OD", "1.5\\-2.5")
        .raw("(0066,0040)", "OL", "1\\2\\3")
        .raw("(0072,0076)", "FL", "1.25\\-0.5")
        .raw("(0072,0081)", "OV", "72623859790382856")
        .raw("(0072,0082)", "SV", "-5\\6")
        .raw("(0072,0083)", "UV", "18446744073709551615\\1")
        .raw("(6000,0010)", "US", "8")
        .raw("(6000,0011)", "US", "8")
        .text("(6000,0040)", "CS", "G")
        .raw("(6000,0100)", "US", "1")
        .raw("(6000,0102)", "US", "0")
        .raw("(6000,3000)", "OW", "0001\\0002\\0003\\0004")
        .raw("(7fe0,0010)", "OW", "=pixels.raw");
    return d;
  }

  /** A multi-frame secondary capture image; pixel data comes from {@code pixels.raw}. */
  static DumpBuilder multiFrame(int side, int frames, int bitsAllocated) {
    DumpBuilder d = new DumpBuilder();
    d.text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.7.3")
        .text("(0008,0018)", "UI", "2.25.300001")
        .text("(0008,0060)", "CS", "OT")
        .text("(0010,0010)", "PN", "Multi^Frame")
        .text("(0020,000d)", "UI", "2.25.300002")
        .text("(0020,000e)", "UI", "2.25.300003")
        .raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .text("(0028,0008)", "IS", String.valueOf(frames))
        .raw("(0028,0010)", "US", String.valueOf(side))
        .raw("(0028,0011)", "US", String.valueOf(side))
        .raw("(0028,0100)", "US", String.valueOf(bitsAllocated))
        .raw("(0028,0101)", "US", String.valueOf(bitsAllocated == 8 ? 8 : 12))
        .raw("(0028,0102)", "US", String.valueOf(bitsAllocated == 8 ? 7 : 11))
        .raw("(0028,0103)", "US", "0")
        .raw("(7fe0,0010)", bitsAllocated == 8 ? "OB" : "OW", "=pixels.raw");
    return d;
  }

  /** RT Structure Set: many ROIs and contours, one contour larger than the bulk data threshold. */
  static DumpBuilder rtStructureSet(Scale scale) {
    DumpBuilder d = rtCommon("1.2.840.10008.5.1.4.1.1.481.3", "RTSTRUCT", "2.25.400001");
    List<Consumer<DumpBuilder>> images = new ArrayList<>();
    for (int i = 0; i < scale.contoursPerRoi(); i++) {
      String uid = "2.25.4100" + i;
      images.add(
          image ->
              image
                  .text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                  .text("(0008,1155)", "UI", uid));
    }
    d.text("(3006,0002)", "SH", "Structures")
        .text("(3006,0008)", "DA", "20240101")
        .sequence(
            "(3006,0010)",
            frame ->
                frame
                    .text("(0020,0052)", "UI", "2.25.400002")
                    .sequence(
                        "(3006,0012)",
                        study ->
                            study
                                .text("(0008,1150)", "UI", "1.2.840.10008.3.1.2.3.1")
                                .text("(0008,1155)", "UI", "2.25.400003")
                                .sequence(
                                    "(3006,0014)",
                                    series ->
                                        series
                                            .text("(0020,000e)", "UI", "2.25.400004")
                                            .sequence("(3006,0016)", images))));
    List<Consumer<DumpBuilder>> rois = new ArrayList<>();
    List<Consumer<DumpBuilder>> roiContours = new ArrayList<>();
    for (int r = 1; r <= scale.rois(); r++) {
      int roi = r;
      rois.add(
          item ->
              item.text("(3006,0022)", "IS", String.valueOf(roi))
                  .text("(3006,0024)", "UI", "2.25.400002")
                  .text("(3006,0026)", "LO", "ROI " + roi)
                  .text("(3006,0036)", "CS", "MANUAL"));
      List<Consumer<DumpBuilder>> contours = new ArrayList<>();
      for (int c = 0; c < scale.contoursPerRoi(); c++) {
        int points = roi == 1 && c == 0 ? scale.bigContourPoints() : scale.pointsPerContour();
        String data = contourData(points, roi * 10.0 + c);
        String uid = "2.25.4100" + c;
        contours.add(
            contour ->
                contour
                    .sequence(
                        "(3006,0016)",
                        image ->
                            image
                                .text("(0008,1150)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                                .text("(0008,1155)", "UI", uid))
                    .text("(3006,0042)", "CS", "CLOSED_PLANAR")
                    .text("(3006,0046)", "IS", String.valueOf(points))
                    .text("(3006,0050)", "DS", data));
      }
      roiContours.add(
          item ->
              item.text("(3006,002a)", "IS", "255\\" + roi * 20 + "\\0")
                  .sequence("(3006,0040)", contours)
                  .text("(3006,0084)", "IS", String.valueOf(roi)));
    }
    return d.sequence("(3006,0020)", rois).sequence("(3006,0039)", roiContours);
  }

  /** RT Dose: a 32-bit multi-frame dose grid with a frame offset vector and a DVH. */
  static DumpBuilder rtDose(int side, int frames) {
    StringBuilder offsets = new StringBuilder();
    for (int f = 0; f < frames; f++) {
      offsets.append(f == 0 ? "" : "\\").append(f * 2.5);
    }
    DumpBuilder d = rtCommon("1.2.840.10008.5.1.4.1.1.481.2", "RTDOSE", "2.25.500001");
    return d.raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .text("(0028,0008)", "IS", String.valueOf(frames))
        .raw("(0028,0009)", "AT", "(3004,000c)")
        .raw("(0028,0010)", "US", String.valueOf(side))
        .raw("(0028,0011)", "US", String.valueOf(side))
        .raw("(0028,0100)", "US", "32")
        .raw("(0028,0101)", "US", "32")
        .raw("(0028,0102)", "US", "31")
        .raw("(0028,0103)", "US", "0")
        .text("(3004,0002)", "CS", "GY")
        .text("(3004,0004)", "CS", "PHYSICAL")
        .text("(3004,000a)", "CS", "PLAN")
        .text("(3004,000c)", "DS", offsets.toString())
        .text("(3004,000e)", "DS", "1.5e-05")
        .sequence(
            "(3004,0050)",
            dvh ->
                dvh.sequence(
                        "(3004,0060)",
                        roi ->
                            roi.text("(3004,0062)", "CS", "ORGAN").text("(3006,0084)", "IS", "1"))
                    .text("(3004,0001)", "CS", "CUMULATIVE")
                    .text("(3004,0052)", "DS", "1")
                    .text("(3004,0054)", "CS", "GY")
                    .text("(3004,0056)", "IS", "50")
                    .text("(3004,0058)", "DS", contourData(50, 1)))
        .raw("(7fe0,0010)", "OW", "=pixels.raw");
  }

  /** RT Plan: fraction group, beams with control points and leaf positions. */
  static DumpBuilder rtPlan(int beams, int controlPoints) {
    DumpBuilder d = rtCommon("1.2.840.10008.5.1.4.1.1.481.5", "RTPLAN", "2.25.600001");
    d.text("(300a,0002)", "SH", "Plan").text("(300a,000c)", "CS", "PATIENT");
    List<Consumer<DumpBuilder>> referenced = new ArrayList<>();
    List<Consumer<DumpBuilder>> beamItems = new ArrayList<>();
    for (int b = 1; b <= beams; b++) {
      int beam = b;
      referenced.add(
          ref ->
              ref.text("(300a,0086)", "DS", "123.4" + beam)
                  .text("(300c,0006)", "IS", String.valueOf(beam)));
      List<Consumer<DumpBuilder>> points = new ArrayList<>();
      for (int p = 0; p < controlPoints; p++) {
        int point = p;
        points.add(
            cp ->
                cp.text("(300a,0112)", "IS", String.valueOf(point))
                    .text("(300a,0114)", "DS", "6")
                    .sequence(
                        "(300a,011a)",
                        device ->
                            device
                                .text("(300a,00b8)", "CS", "MLCX")
                                .text("(300a,011c)", "DS", contourData(40, point)))
                    .text("(300a,011e)", "DS", String.valueOf(point * 10 % 360))
                    .text(
                        "(300a,0134)",
                        "DS",
                        String.valueOf((double) point / Math.max(1, controlPoints - 1))));
      }
      beamItems.add(
          item ->
              item.text("(300a,00b2)", "SH", "LINAC")
                  .text("(300a,00c0)", "IS", String.valueOf(beam))
                  .text("(300a,00c2)", "LO", "Beam " + beam)
                  .text("(300a,00c4)", "CS", "STATIC")
                  .text("(300a,00c6)", "CS", "PHOTON")
                  .sequence(
                      "(300a,00b6)",
                      device ->
                          device
                              .text("(300a,00b8)", "CS", "MLCX")
                              .text("(300a,00bc)", "IS", "60")
                              .text("(300a,00be)", "DS", contourData(20, beam)))
                  .text("(300a,0110)", "IS", String.valueOf(controlPoints))
                  .sequence("(300a,0111)", points));
    }
    return d.sequence(
            "(300a,0070)",
            group ->
                group
                    .text("(300a,0071)", "IS", "1")
                    .text("(300a,0078)", "IS", "30")
                    .text("(300a,0080)", "IS", String.valueOf(beams))
                    .sequence("(300c,0004)", referenced))
        .sequence("(300a,00b0)", beamItems);
  }

  private static DumpBuilder rtCommon(String sopClass, String modality, String sopInstance) {
    return new DumpBuilder()
        .text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0016)", "UI", sopClass)
        .text("(0008,0018)", "UI", sopInstance)
        .text("(0008,0060)", "CS", modality)
        .text("(0010,0010)", "PN", "Rt^Patient")
        .text("(0010,0020)", "LO", "RT0001")
        .text("(0020,000d)", "UI", "2.25.700001")
        .text("(0020,000e)", "UI", sopInstance + ".1")
        .text("(0020,0052)", "UI", "2.25.400002");
  }

  /**
   * A DS list of x\y\z triples on a circle: realistic text lengths (about 8 characters per number).
   */
  static String contourData(int points, double z) {
    StringBuilder data = new StringBuilder(points * 27);
    for (int i = 0; i < points; i++) {
      double angle = 2 * Math.PI * i / points;
      data.append(i == 0 ? "" : "\\")
          .append(
              String.format(
                  Locale.ROOT, "%.3f\\%.3f\\%.2f", 50 * Math.cos(angle), 50 * Math.sin(angle), z));
    }
    return data.toString();
  }
}
