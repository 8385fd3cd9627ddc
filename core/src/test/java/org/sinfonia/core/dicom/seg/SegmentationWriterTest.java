package org.sinfonia.core.dicom.seg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * The SEG writer against a CT series made by dcmtk: 8 slices of 61x63 (3,843 pixels, so frames
 * share bytes), listed top to bottom so the writer has to sort them along the normal; a sphere, a
 * box and a segment that is empty everywhere. dcmdump reads the result without a word; our parser
 * reads back the frames, their sources and positions, and every bit of every frame.
 */
class SegmentationWriterTest {

  private static final int ROWS = 61;
  private static final int COLUMNS = 63;
  private static final int SLICES = 8;
  private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  private static final String STUDY = "2.25.9001";
  private static final String SERIES = "2.25.9001.1";
  private static final String FRAME_OF_REFERENCE = "2.25.9001.2";

  private static final int SEGMENT_SEQUENCE = 0x00620002;
  private static final int SEGMENT_NUMBER = 0x00620004;
  private static final int SEGMENT_LABEL = 0x00620005;
  private static final int SEGMENT_ALGORITHM_TYPE = 0x00620008;
  private static final int SEGMENTATION_ALGORITHM_IDENTIFICATION = 0x00620007;
  private static final int ALGORITHM_NAME = 0x00660036;
  private static final int ALGORITHM_VERSION = 0x00660031;
  private static final int SEGMENTATION_TYPE = 0x00620001;
  private static final int PER_FRAME = 0x52009230;
  private static final int SHARED = 0x52009229;
  private static final int DERIVATION_IMAGE = 0x00089124;
  private static final int SOURCE_IMAGE = 0x00082112;
  private static final int PURPOSE_OF_REFERENCE = 0x0040A170;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int FRAME_CONTENT = 0x00209111;
  private static final int DIMENSION_INDEX_VALUES = 0x00209157;
  private static final int PLANE_POSITION = 0x00209113;
  private static final int SEGMENT_IDENTIFICATION = 0x0062000A;
  private static final int REFERENCED_SEGMENT_NUMBER = 0x0062000B;
  private static final int PIXEL_MEASURES = 0x00289110;
  private static final int REFERENCED_SERIES = 0x00081115;
  private static final int REFERENCED_INSTANCE = 0x0008114A;
  private static final int DIMENSION_INDEX_SEQUENCE = 0x00209222;
  private static final int CODE_VALUE = 0x00080100;

  @TempDir Path dir;

  /** dcmtk reads the file without warnings, and our parser reads back every frame and bit. */
  @Test
  void writesSegmentationReadBackBitExact() throws Exception {
    Assumptions.assumeTrue(Dcmtk.available(), "dcmtk is not installed");
    List<DicomDataset> slices = sourceSeries();
    SegmentationHeader header = header(slices);
    Path file = dir.resolve("seg.dcm");
    List<FrameRef> written;
    try (OutputStream out = Files.newOutputStream(file)) {
      written = SegmentationWriter.write(header, SegmentationWriterTest::mask, out);
    }

    // sphere on slices z 1..6 (of 0..7), box on 2..4, segment 3 nowhere: 9 frames, segment-major,
    // in spatial order (the slices are listed top to bottom: slice 7 comes first)
    List<FrameRef> expected = new ArrayList<>();
    for (int segment = 1; segment <= 3; segment++) {
      for (int slice = SLICES - 1; slice >= 0; slice--) {
        if (!isEmpty(mask(segment, slice))) {
          expected.add(new FrameRef(segment, slice));
        }
      }
    }
    assertEquals(9, expected.size());
    assertEquals(expected, written);

    Run plain = run(List.of("dcmdump", "-q", file.toString()));
    assertEquals(0, plain.exit(), plain.err());
    assertEquals("", plain.err());
    Path raw = Files.createDirectory(dir.resolve("raw"));
    Run extract = run(List.of("dcmdump", "-q", "+W", raw.toString(), file.toString()));
    assertEquals(0, extract.exit(), extract.err());
    assertEquals("", extract.err());
    assertTrue(plain.out().contains("(0062,0001) CS [BINARY]"), plain.out());

    DicomDataset seg = DicomHeaderReader.read(file, DicomParserOptions.defaults());
    assertEquals(SegmentationAttributes.SOP_CLASS_UID, seg.string(DicomTags.SOP_CLASS_UID));
    assertEquals("SEG", seg.string(DicomTags.MODALITY));
    assertEquals("BINARY", seg.string(SEGMENTATION_TYPE));
    assertEquals(STUDY, seg.string(DicomTags.STUDY_INSTANCE_UID));
    assertEquals("Doe^Jane", seg.string(DicomTags.PATIENT_NAME));
    assertEquals("ACC42", seg.string(DicomTags.ACCESSION_NUMBER));
    assertEquals(FRAME_OF_REFERENCE, seg.string(DicomTags.FRAME_OF_REFERENCE_UID));
    assertEquals(9, seg.longValue(DicomTags.NUMBER_OF_FRAMES, -1));
    assertEquals(ROWS, seg.longValue(DicomTags.ROWS, -1));
    assertEquals(COLUMNS, seg.longValue(DicomTags.COLUMNS, -1));
    assertEquals(1, seg.longValue(DicomTags.BITS_ALLOCATED, -1));
    assertEquals(1, seg.longValue(DicomTags.BITS_STORED, -1));
    assertEquals(0, seg.longValue(DicomTags.HIGH_BIT, -1));

    List<DicomDataset> segments = items(seg, SEGMENT_SEQUENCE);
    assertEquals(3, segments.size(), "the empty segment is listed too");
    assertEquals(
        List.of("Sphere", "Box", "Nothing"),
        segments.stream().map(s -> s.string(SEGMENT_LABEL)).toList());
    assertEquals(3, segments.get(2).longValue(SEGMENT_NUMBER, -1));
    assertEquals("AUTOMATIC", segments.get(0).string(SEGMENT_ALGORITHM_TYPE));
    DicomDataset algorithm = items(segments.get(0), SEGMENTATION_ALGORITHM_IDENTIFICATION).get(0);
    assertEquals("sphere-net", algorithm.string(ALGORITHM_NAME));
    assertEquals("1.2.0", algorithm.string(ALGORITHM_VERSION));
    assertEquals(2, items(seg, DIMENSION_INDEX_SEQUENCE).size());
    DicomDataset measures = items(items(seg, SHARED).get(0), PIXEL_MEASURES).get(0);
    assertArrayEquals(new double[] {0.5, 0.75}, doubles(measures, DicomTags.PIXEL_SPACING));
    List<DicomDataset> referenced =
        items(items(seg, REFERENCED_SERIES).get(0), REFERENCED_INSTANCE);
    assertEquals(SLICES, referenced.size());

    List<DicomDataset> perFrame = items(seg, PER_FRAME);
    assertEquals(expected.size(), perFrame.size());
    for (int i = 0; i < perFrame.size(); i++) {
      FrameRef frame = expected.get(i);
      DicomDataset item = perFrame.get(i);
      DicomDataset source = items(items(item, DERIVATION_IMAGE).get(0), SOURCE_IMAGE).get(0);
      assertEquals(
          slices.get(frame.sliceIndex()).string(DicomTags.SOP_INSTANCE_UID),
          source.string(REFERENCED_SOP_INSTANCE_UID));
      assertEquals("121322", items(source, PURPOSE_OF_REFERENCE).get(0).string(CODE_VALUE));
      assertArrayEquals(
          position(frame.sliceIndex()),
          doubles(items(item, PLANE_POSITION).get(0), DicomTags.IMAGE_POSITION_PATIENT));
      assertEquals(
          frame.segmentNumber(),
          items(item, SEGMENT_IDENTIFICATION).get(0).longValue(REFERENCED_SEGMENT_NUMBER, -1));
      long[] index = items(item, FRAME_CONTENT).get(0).find(DIMENSION_INDEX_VALUES).get().longs();
      // slice 7 is lowest along the normal (z + up the list goes down): position index 1
      assertArrayEquals(new long[] {frame.segmentNumber(), SLICES - frame.sliceIndex()}, index);
    }

    DicomValue.BulkData pixels = (DicomValue.BulkData) seg.find(DicomTags.PIXEL_DATA).get().value();
    long packed = (9L * ROWS * COLUMNS + 7) / 8;
    assertEquals(packed + (packed & 1), pixels.length());
    byte[] bytes = Files.readAllBytes(file);
    byte[] value =
        Arrays.copyOfRange(
            bytes, (int) pixels.offset(), (int) pixels.offset() + (int) pixels.length());
    for (int i = 0; i < expected.size(); i++) {
      FrameRef frame = expected.get(i);
      assertArrayEquals(
          binary(mask(frame.segmentNumber(), frame.sliceIndex())),
          unpack(value, i, ROWS * COLUMNS),
          "frame " + i + " " + frame);
    }
    try (Stream<Path> files = Files.list(raw)) {
      List<Path> dumped = files.toList();
      assertEquals(1, dumped.size(), "" + dumped);
      assertArrayEquals(value, Files.readAllBytes(dumped.get(0)), "dcmdump's pixel data is ours");
    }
  }

  /** A segmentation where no segment is anywhere still is one: a single all-zero frame. */
  @Test
  void allEmptyGetsOnePlaceholderFrame() throws Exception {
    SegmentationHeader header = geometryHeader();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<FrameRef> frames = SegmentationWriter.write(header, (segment, slice) -> null, out);
    assertEquals(List.of(new FrameRef(1, SLICES - 1)), frames);
    DicomDataset seg = read(out.toByteArray());
    assertEquals(1, seg.longValue(DicomTags.NUMBER_OF_FRAMES, -1));
    assertEquals(3, items(seg, SEGMENT_SEQUENCE).size());
    DicomValue.BulkData pixels = (DicomValue.BulkData) seg.find(DicomTags.PIXEL_DATA).get().value();
    byte[] value =
        Arrays.copyOfRange(
            out.toByteArray(), (int) pixels.offset(), (int) (pixels.offset() + pixels.length()));
    assertEquals((ROWS * COLUMNS + 7) / 8 + 1, value.length); // 481 bytes, padded to 482
    assertTrue(allZero(value));
  }

  /** The step-by-step API refuses what would make a broken file. */
  @Test
  void planThenFramesIsChecked() throws Exception {
    SegmentationHeader header = geometryHeader();
    List<FrameRef> plan = List.of(new FrameRef(2, 0), new FrameRef(1, 3));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SegmentationWriter.start(
                header,
                List.of(new FrameRef(1, 0), new FrameRef(1, 0)),
                OutputStream.nullOutputStream()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SegmentationWriter.start(
                header, List.of(new FrameRef(4, 0)), OutputStream.nullOutputStream()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SegmentationWriter writer = SegmentationWriter.start(header, plan, out);
    assertEquals(new FrameRef(2, 0), writer.nextFrame());
    assertThrows(IllegalStateException.class, () -> writer.writeFrame(new byte[10]));
    writer.writeFrame(mask(2, 3));
    assertThrows(IllegalStateException.class, writer::finish);
    writer.writeFrame(mask(1, 3));
    assertThrows(IllegalStateException.class, () -> writer.writeFrame(mask(1, 3)));
    writer.finish();
    DicomDataset seg = read(out.toByteArray());
    assertEquals(2, seg.longValue(DicomTags.NUMBER_OF_FRAMES, -1));
    assertEquals(
        List.of(2L, 1L),
        items(seg, PER_FRAME).stream()
            .map(
                i ->
                    items(i, SEGMENT_IDENTIFICATION)
                        .get(0)
                        .longValue(REFERENCED_SEGMENT_NUMBER, -1))
            .toList());
  }

  /**
   * 2,000 frames of 512x512 (62.5 MiB of bits): when each frame is asked for the second time, all
   * the frames before it are already in the stream, give or take the two 8 KiB buffers, so the
   * writer holds no pixel data.
   */
  @Test
  void pixelDataIsStreamedFrameByFrame() throws Exception {
    int side = 512;
    int slicesPerSegment = 1000;
    List<SourceImage> sources = new ArrayList<>();
    for (int i = 0; i < slicesPerSegment; i++) {
      sources.add(
          new SourceImage(
              CT,
              SERIES + "." + (i + 1),
              SERIES,
              FRAME_OF_REFERENCE,
              new double[] {0, 0, i},
              new double[] {1, 0, 0, 0, 1, 0},
              new double[] {1, 1},
              1.0,
              side,
              side));
    }
    SegmentationHeader header =
        new SegmentationHeader(
            study(), series(), Equipment.SINFONIA, sources, segments().subList(0, 2));
    byte[][] patterns = new byte[2][side * side];
    for (int i = 0; i < side * side; i++) {
      patterns[0][i] = (byte) (i % 3 == 0 ? 1 : 0);
      patterns[1][i] = (byte) (i % 5 == 1 ? 7 : 0);
    }
    CountingStream out = new CountingStream();
    int frameBytes = side * side / 8;
    List<Long> seen = new ArrayList<>();
    boolean[] secondPass = {false};
    int[] asked = {0};
    FrameSource source =
        (segment, slice) -> {
          if (++asked[0] > 2 * slicesPerSegment) {
            secondPass[0] = true;
          }
          if (secondPass[0]) {
            seen.add(out.count);
          }
          return patterns[segment - 1];
        };
    List<FrameRef> frames = SegmentationWriter.write(header, source, out);
    assertEquals(2000, frames.size());
    assertEquals(2000, seen.size());
    long first = seen.get(0);
    for (int k = 1; k < seen.size(); k++) {
      long behind = (long) k * frameBytes - (seen.get(k) - first);
      assertTrue(behind <= 2 * 8192, "frame " + k + ": " + behind + " bytes held back");
    }
    long pixelBytes = 2000L * frameBytes;
    assertTrue(seen.get(1999) <= out.count - frameBytes, "the last frame was not yet written");
    assertTrue(out.count > pixelBytes && out.count < pixelBytes + 2 * 1024 * 1024, "" + out.count);
  }

  // ---- the source series, masks and header

  /** The header over slices read by our parser: geometry and study copied from them. */
  private static SegmentationHeader header(List<DicomDataset> slices) {
    List<SourceImage> sources = slices.stream().map(SourceImage::of).toList();
    return new SegmentationHeader(
        SourceStudy.of(slices.get(0)), series(), Equipment.SINFONIA, sources, segments());
  }

  /** The same series given as geometry records, for the tests that do not need dcmtk. */
  private static SegmentationHeader geometryHeader() {
    List<SourceImage> sources = new ArrayList<>();
    for (int i = 0; i < SLICES; i++) {
      sources.add(
          new SourceImage(
              CT,
              SERIES + "." + (i + 1),
              SERIES,
              FRAME_OF_REFERENCE,
              position(i),
              new double[] {1, 0, 0, 0, 1, 0},
              new double[] {0.5, 0.75},
              5.0,
              ROWS,
              COLUMNS));
    }
    return new SegmentationHeader(study(), series(), Equipment.SINFONIA, sources, segments());
  }

  private static SegmentationSeries series() {
    return SegmentationSeries.fresh(
        300,
        "Model output",
        "SPHERE_AND_BOX",
        "test segmentation",
        "Sinfonia^Test",
        LocalDateTime.of(2026, 12, 8, 10, 30, 5));
  }

  private static SourceStudy study() {
    return new SourceStudy(
        "Doe^Jane", "P1", "19700101", "F", STUDY, "20261201", "101010", "S1", "ACC42", "");
  }

  private static List<Segment> segments() {
    CodedConcept tissue = new CodedConcept("85756007", "SCT", "Tissue");
    CodedConcept organ = new CodedConcept("113343008", "SCT", "Organ");
    return List.of(
        new Segment(
            1,
            "Sphere",
            tissue,
            organ,
            new int[] {54534, 20000, 40000},
            AlgorithmType.AUTOMATIC,
            "sphere-net",
            "1.2.0"),
        new Segment(2, "Box", tissue, organ, null, AlgorithmType.SEMIAUTOMATIC, "box-net", "0.9"),
        new Segment(3, "Nothing", tissue, organ, null, AlgorithmType.MANUAL, null, null));
  }

  /** Slice i lies at z = 40 - 5i: listed top to bottom, so the first one is last along z. */
  private static double[] position(int slice) {
    return new double[] {-15.5, -22.25, 40 - 5.0 * slice};
  }

  /** Segment 1 a sphere around slice 3.5, 2 a box on slices 2-4, 3 empty. */
  private static byte[] mask(int segment, int slice) {
    byte[] mask = new byte[ROWS * COLUMNS];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < COLUMNS; c++) {
        boolean in =
            switch (segment) {
              case 1 -> {
                double dz = (slice - 3.5) * 6;
                yield (r - 30) * (r - 30) + (c - 31) * (c - 31) + dz * dz <= 400;
              }
              case 2 -> slice >= 2 && slice <= 4 && r >= 5 && r <= 20 && c >= 10 && c <= 40;
              default -> false;
            };
        mask[r * COLUMNS + c] = (byte) (in ? (r + c) % 200 + 1 : 0);
      }
    }
    return mask;
  }

  /** The slices as CT headers written by dump2dcm and read back by our parser. */
  private List<DicomDataset> sourceSeries() throws Exception {
    List<DicomDataset> slices = new ArrayList<>();
    for (int i = 0; i < SLICES; i++) {
      double[] p = position(i);
      DumpBuilder dump =
          new DumpBuilder()
              .text("(0008,0016)", "UI", CT)
              .text("(0008,0018)", "UI", SERIES + "." + (i + 1))
              .text("(0008,0020)", "DA", "20261201")
              .text("(0008,0030)", "TM", "101010")
              .text("(0008,0050)", "SH", "ACC42")
              .text("(0008,0060)", "CS", "CT")
              .text("(0008,0090)", "PN", "Who^Doctor")
              .text("(0010,0010)", "PN", "Doe^Jane")
              .text("(0010,0020)", "LO", "P1")
              .text("(0010,0030)", "DA", "19700101")
              .text("(0010,0040)", "CS", "F")
              .text("(0018,0050)", "DS", "5")
              .text("(0020,000d)", "UI", STUDY)
              .text("(0020,000e)", "UI", SERIES)
              .text("(0020,0010)", "SH", "S1")
              .text("(0020,0032)", "DS", p[0] + "\\" + p[1] + "\\" + p[2])
              .text("(0020,0037)", "DS", "1\\0\\0\\0\\1\\0")
              .text("(0020,0052)", "UI", FRAME_OF_REFERENCE)
              .raw("(0028,0010)", "US", Integer.toString(ROWS))
              .raw("(0028,0011)", "US", Integer.toString(COLUMNS))
              .text("(0028,0030)", "DS", "0.5\\0.75");
      Path text = dir.resolve("ct" + i + ".txt");
      Path dcm = dir.resolve("ct" + i + ".dcm");
      Files.write(text, dump.toBytes());
      Dcmtk.run(dir, List.of("dump2dcm", "-q", text.toString(), dcm.toString()));
      slices.add(DicomHeaderReader.read(dcm, DicomParserOptions.defaults()));
    }
    return slices;
  }

  // ---- reading back

  private static DicomDataset read(byte[] file) throws Exception {
    return DicomHeaderReader.read(
        new java.io.ByteArrayInputStream(file), DicomParserOptions.defaults());
  }

  private static List<DicomDataset> items(DicomDataset dataset, int tag) {
    return dataset.find(tag).map(DicomElement::items).orElse(List.of());
  }

  private static double[] doubles(DicomDataset dataset, int tag) {
    return dataset.find(tag).map(DicomElement::doubles).orElse(new double[0]);
  }

  /** Frame {@code index} of packed pixel data, one byte (0 or 1) per pixel. */
  private static byte[] unpack(byte[] value, int index, int pixels) {
    byte[] frame = new byte[pixels];
    long first = (long) index * pixels;
    for (int i = 0; i < pixels; i++) {
      long bit = first + i;
      frame[i] = (byte) (value[(int) (bit >>> 3)] >>> (bit & 7) & 1);
    }
    return frame;
  }

  private static byte[] binary(byte[] mask) {
    byte[] bits = new byte[mask.length];
    for (int i = 0; i < mask.length; i++) {
      bits[i] = (byte) (mask[i] != 0 ? 1 : 0);
    }
    return bits;
  }

  private static boolean isEmpty(byte[] mask) {
    return allZero(mask);
  }

  private static boolean allZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Counts the bytes it is given and drops them. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private record Run(String out, String err, int exit) {}

  private Run run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
      process.getOutputStream().close();
      byte[][] streams = new byte[2][];
      Thread errors = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
      errors.start();
      streams[0] = readAll(process.getInputStream());
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
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
}
