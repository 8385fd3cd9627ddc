package org.sinfonia.core.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * RT Dose: a 16 x 12 x 5 grid whose single maximum (400000 x 2.5e-5 = 10 Gy) sits in plane 3, row
 * 5, column 9; summary asserted exactly, for 32-bit little endian and 16-bit big endian grids.
 */
class RtDoseTest {

  static final int COLUMNS = 16;
  static final int ROWS = 12;
  static final int FRAMES = 5;

  @TempDir static Path dir;
  static Path dose32;
  static Path dose16BigEndian;

  @BeforeAll
  static void writeGrids() throws Exception {
    dose32 = grid("dose32", 32, 400_000, "2.5e-05");
    Path dose16 = grid("dose16", 16, 40_000, "0.00025");
    Dcmtk.run(
        dir, List.of("dcmconv", "-q", "+tb", dose16.getFileName().toString(), "dose16-be.dcm"));
    dose16BigEndian = dir.resolve("dose16-be.dcm");
  }

  /** Dose falls off linearly from the maximum voxel (frame index 2, row 5, column 9). */
  private static Path grid(String name, int bits, int peak, String scaling) throws Exception {
    ByteBuffer pixels =
        ByteBuffer.allocate(COLUMNS * ROWS * FRAMES * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < FRAMES; f++) {
      for (int r = 0; r < ROWS; r++) {
        for (int c = 0; c < COLUMNS; c++) {
          int distance = Math.abs(f - 2) * 3 + Math.abs(r - 5) + Math.abs(c - 9);
          int value = Math.max(0, peak - distance * peak / 20);
          if (bits == 32) {
            pixels.putInt(value);
          } else {
            pixels.putShort((short) value);
          }
        }
      }
    }
    Files.write(dir.resolve(name + ".raw"), pixels.array());
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.481.2")
            .text("(0008,0018)", "UI", "2.25.510001")
            .text("(0008,0060)", "CS", "RTDOSE")
            .text("(0020,0032)", "DS", "-20\\-15\\100")
            .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
            .raw("(0028,0002)", "US", "1")
            .text("(0028,0004)", "CS", "MONOCHROME2")
            .text("(0028,0008)", "IS", String.valueOf(FRAMES))
            .raw("(0028,0009)", "AT", "(3004,000c)")
            .raw("(0028,0010)", "US", String.valueOf(ROWS))
            .raw("(0028,0011)", "US", String.valueOf(COLUMNS))
            .text("(0028,0030)", "DS", "2.5\\3")
            .raw("(0028,0100)", "US", String.valueOf(bits))
            .raw("(0028,0101)", "US", String.valueOf(bits))
            .raw("(0028,0102)", "US", String.valueOf(bits - 1))
            .raw("(0028,0103)", "US", "0")
            .text("(3004,0002)", "CS", "GY")
            .text("(3004,0004)", "CS", "PHYSICAL")
            .text("(3004,000a)", "CS", "PLAN")
            .text("(3004,000c)", "DS", "0\\2\\4\\6\\8")
            .text("(3004,000e)", "DS", scaling)
            .raw("(7fe0,0010)", "OW", "=" + name + ".raw");
    return DumpFiles.write(dir, name, dump);
  }

  @Test
  void summaryOfA32BitGrid() throws Exception {
    RtDoseSummary summary = RtDoseReader.summarize(BlobSource.of(dose32), DumpFiles.header(dose32));
    assertEquals(
        new RtDoseSummary(
            new DoseGrid(
                ROWS,
                COLUMNS,
                FRAMES,
                List.of(2.5, 3.0),
                List.of(0.0, 2.0, 4.0, 6.0, 8.0),
                List.of(-20.0, -15.0, 100.0),
                List.of(1.0, 0.0, 0.0, 0.0, 1.0, 0.0)),
            2.5e-5,
            "GY",
            "PHYSICAL",
            "PLAN",
            new DoseMaximum(
                400_000 * 2.5e-5, 400_000, 3, 5, 9, List.of(-20 + 9 * 3.0, -15 + 5 * 2.5, 104.0))),
        summary);
    assertEquals(10.0, summary.maximum().dose(), 1e-9);
  }

  @Test
  void summaryOfA16BitBigEndianGrid() throws Exception {
    RtDoseSummary summary =
        RtDoseReader.summarize(BlobSource.of(dose16BigEndian), DumpFiles.header(dose16BigEndian));
    assertEquals(
        new DoseMaximum(40_000 * 0.00025, 40_000, 3, 5, 9, List.of(7.0, -2.5, 104.0)),
        summary.maximum());
  }

  @Test
  void sliceThroughTheMaximumWithALegend() throws Exception {
    RtDoseSummary summary = RtDoseReader.summarize(BlobSource.of(dose32), DumpFiles.header(dose32));
    DoseSliceImage slice =
        DoseSliceRenderer.render(BlobSource.of(dose32), DumpFiles.header(dose32), summary, 128);
    BufferedImage image = slice.image();
    int scale = 128 / COLUMNS;
    assertEquals(COLUMNS * scale + 72, image.getWidth());
    assertEquals(ROWS * scale, image.getHeight());
    assertEquals(3, slice.frameNumber());
    assertEquals(
        0xFFFFFF,
        image.getRGB(9 * scale + scale / 2, 5 * scale + scale / 2) & 0xFFFFFF,
        "cross on the maximum");
    assertEquals(
        DoseColourMap.rgb(1.0),
        image.getRGB(9 * scale + 1, 5 * scale + 1) & 0xFFFFFF,
        "top of the map");
    assertEquals(0x800000, DoseColourMap.rgb(1.0), "jet ends in dark red");
    assertEquals(
        DoseColourMap.rgb(0.3),
        image.getRGB(1, 1) & 0xFFFFFF,
        "voxel (0,0): 14 steps of 1/20 below");
    assertEquals(0x000080, DoseColourMap.rgb(0.0), "jet starts in dark blue");
    // golden checksum of every pixel (map, cross, legend bar and its PixelFont labels "GY",
    // "0.00".."10.0");
    // recompute and review the PNG if the drawing is changed on purpose
    CRC32 crc = new CRC32();
    for (int rgb :
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth())) {
      crc.update(ByteBuffer.allocate(4).putInt(rgb & 0xFFFFFF).array());
    }
    Files.write(dir.resolve("dose-slice.png"), slice.png());
    assertEquals(
        GOLDEN_CRC, crc.getValue(), "pixels changed; see " + dir.resolve("dose-slice.png"));
  }

  static final long GOLDEN_CRC =
      2807736078L; // reviewed by eye: jet wash, cross on the peak, legend GY 0.00-10.0

  @Test
  void compressedOrMissingGridIsRefused() throws Exception {
    Path rle = dir.resolve("dose32-rle.dcm");
    Dcmtk.run(dir, List.of("dcmcrle", "-q", "dose32.dcm", rle.getFileName().toString()));
    assertThrows(
        RtObjectException.class,
        () -> RtDoseReader.summarize(BlobSource.of(rle), DumpFiles.header(rle)));
  }
}
