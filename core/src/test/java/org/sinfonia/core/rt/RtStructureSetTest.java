package org.sinfonia.core.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * RT Structure Set: two ROIs (a 20 mm square on slices z = 10 and 12, and a 4,000-point circle on z
 * = 10 whose Contour Data is over the parser's bulk data threshold); summary asserted exactly,
 * contours found on the z = 10 slice of a 100 x 100 CT and drawn.
 */
class RtStructureSetTest {

  @TempDir static Path dir;
  static Path file;
  static DicomDataset header;

  @BeforeAll
  static void writeStructureSet() throws Exception {
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.481.3")
            .text("(0008,0018)", "UI", "2.25.520001")
            .text("(0008,0060)", "CS", "RTSTRUCT")
            .text("(3006,0002)", "SH", "PROSTATE")
            .text("(3006,0004)", "LO", "Prostate plan")
            .text("(3006,0008)", "DA", "20240315")
            .text("(3006,0009)", "TM", "101500")
            .sequence(
                "(3006,0010)",
                frame ->
                    frame
                        .text("(0020,0052)", "UI", "2.25.520002")
                        .sequence(
                            "(3006,0012)",
                            study ->
                                study
                                    .text("(0008,1150)", "UI", "1.2.840.10008.3.1.2.3.1")
                                    .text("(0008,1155)", "UI", "2.25.520003")
                                    .sequence(
                                        "(3006,0014)",
                                        series ->
                                            series
                                                .text("(0020,000e)", "UI", "2.25.520004")
                                                .sequence(
                                                    "(3006,0016)",
                                                    image ->
                                                        image.text(
                                                            "(0008,1155)", "UI", "2.25.520005"),
                                                    image ->
                                                        image.text(
                                                            "(0008,1155)", "UI", "2.25.520006")))))
            .sequence(
                "(3006,0020)",
                roi ->
                    roi.text("(3006,0022)", "IS", "1")
                        .text("(3006,0024)", "UI", "2.25.520002")
                        .text("(3006,0026)", "LO", "PTV")
                        .text("(3006,0036)", "CS", "MANUAL"),
                roi ->
                    roi.text("(3006,0022)", "IS", "2")
                        .text("(3006,0024)", "UI", "2.25.520002")
                        .text("(3006,0026)", "LO", "Body")
                        .text("(3006,0036)", "CS", "AUTOMATIC"))
            .sequence(
                "(3006,0039)",
                roi ->
                    roi.text("(3006,002a)", "IS", "255\\0\\0")
                        .text("(3006,0084)", "IS", "1")
                        .sequence("(3006,0040)", square(10), square(12)),
                roi ->
                    roi.text("(3006,002a)", "IS", "0\\255\\0")
                        .text("(3006,0084)", "IS", "2")
                        .sequence(
                            "(3006,0040)",
                            contour ->
                                contour
                                    .text("(3006,0042)", "CS", "CLOSED_PLANAR")
                                    .text("(3006,0046)", "IS", "4000")
                                    .text("(3006,0050)", "DS", circle(4000, 30, 10))));
    file = DumpFiles.write(dir, "rtstruct", dump);
    header = DumpFiles.header(file);
  }

  private static java.util.function.Consumer<DumpBuilder> square(double z) {
    String data =
        String.format(Locale.ROOT, "-10\\-10\\%1$s\\10\\-10\\%1$s\\10\\10\\%1$s\\-10\\10\\%1$s", z);
    return contour ->
        contour
            .text("(3006,0042)", "CS", "CLOSED_PLANAR")
            .text("(3006,0046)", "IS", "4")
            .text("(3006,0050)", "DS", data);
  }

  private static String circle(int points, double radius, double z) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < points; i++) {
      double angle = 2 * Math.PI * i / points;
      data.append(i == 0 ? "" : "\\")
          .append(
              String.format(
                  Locale.ROOT,
                  "%.4f\\%.4f\\%.1f",
                  radius * Math.cos(angle),
                  radius * Math.sin(angle),
                  z));
    }
    return data.toString();
  }

  @Test
  void summary() {
    assertEquals(
        new RtStructureSetSummary(
            "PROSTATE",
            "Prostate plan",
            "20240315",
            "101500",
            List.of(new ReferencedSeries("2.25.520002", "2.25.520003", "2.25.520004", 2)),
            List.of(
                new RoiSummary(1, "PTV", "MANUAL", "2.25.520002", List.of(255, 0, 0), 2, 8),
                new RoiSummary(
                    2, "Body", "AUTOMATIC", "2.25.520002", List.of(0, 255, 0), 1, 4000))),
        RtStructureSetReader.summarize(header));
  }

  @Test
  void contoursOnASliceIncludingBulkContourData() throws Exception {
    DicomDataset circle =
        header
            .find(0x30060039)
            .orElseThrow()
            .items()
            .get(1)
            .find(0x30060040)
            .orElseThrow()
            .items()
            .get(0);
    assertTrue(
        circle.find(0x30060050).orElseThrow().value() instanceof DicomValue.BulkData,
        "the circle's Contour Data is left in the file");
    SliceGeometry ct =
        new SliceGeometry(
            new double[] {-50, -50, 10}, new double[] {1, 0, 0}, new double[] {0, 1, 0}, 1, 1);
    List<SliceContour> contours =
        SliceContourReader.contoursOn(BlobSource.of(file), header, ct, 0.5);
    assertEquals(2, contours.size(), "the square at z=10 and the circle; not the square at z=12");
    SliceContour square = contours.get(0);
    assertEquals(1, square.roiNumber());
    assertEquals(
        List.of(40.0, 40.0, 60.0, 40.0, 60.0, 60.0, 40.0, 60.0),
        java.util.Arrays.stream(square.pixels()).boxed().toList());
    assertEquals(8000, contours.get(1).pixels().length);

    BufferedImage grey = new BufferedImage(100, 100, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage drawn = ContourPainter.paint(grey, 100, contours);
    int onSquareEdge = drawn.getRGB(50, 40);
    assertTrue(
        (onSquareEdge >> 16 & 0xFF) > 100 && (onSquareEdge >> 8 & 0xFF) < 50,
        "red on the square's top edge");
    int onCircle = drawn.getRGB(80, 50);
    assertTrue(
        (onCircle >> 8 & 0xFF) > 100 && (onCircle >> 16 & 0xFF) < 50,
        "green on the circle at x = 30 mm");
    assertEquals(0, drawn.getRGB(50, 50) & 0xFFFFFF, "inside stays as rendered");
  }

  @Test
  void sliceGeometryFromAnImageHeader() throws Exception {
    Path ct =
        DumpFiles.write(
            dir,
            "ct",
            new DumpBuilder()
                .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.2")
                .text("(0020,0032)", "DS", "-50\\-50\\10")
                .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
                .text("(0028,0030)", "DS", "0.5\\0.25")
                .raw("(0028,0010)", "US", "200")
                .raw("(0028,0011)", "US", "400"));
    SliceGeometry geometry = SliceGeometry.of(DumpFiles.header(ct));
    double[] pixel = geometry.pixelOf(0, 0, 10);
    assertEquals(200.0, pixel[0], 1e-9, "column: 50 mm / 0.25 mm");
    assertEquals(100.0, pixel[1], 1e-9, "row: 50 mm / 0.5 mm");
    assertEquals(2.0, geometry.distanceFromPlane(0, 0, 12), 1e-9);
  }
}
