package org.sinfonia.core.dicom.seg;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.dicom.write.DicomPart10Writer;
import org.sinfonia.core.dicom.write.FileMeta;

/**
 * Streams a binary DICOM Segmentation (SOP Class 1.2.840.10008.5.1.4.1.1.66.4, Segmentation Type
 * BINARY, explicit VR little endian) through {@link DicomPart10Writer}: one frame per (segment,
 * source slice) whose mask is not empty, packed 1 bit per pixel with frames contiguous (PS3.5
 * 8.1.1). Empty frames are skipped, as most SEG writers do; a segment without any frame is still
 * listed in the Segment Sequence. A segmentation with no frame at all gets one all-zero frame
 * (segment 1, first slice along the normal), since Number of Frames must be at least 1.
 *
 * <p>Why two steps: the header in front of Pixel Data holds Number of Frames and one per-frame
 * functional group item per frame, so which frames are empty must be known before the first pixel
 * is written. The writer therefore takes the plan first: {@link #start} gets the list of frames and
 * writes the whole header, then the caller gives the masks one by one, in that order, with {@link
 * #writeFrame}, and each is packed straight to the stream. {@link #write} does both from a {@link
 * FrameSource} asked twice: once to find the empty masks, once to write the others (cheaper than
 * holding the masks when they come from a file or a model's output that can be read again).
 *
 * <p>Memory: the per-frame items are written from the small frame list, and the pixel data goes out
 * frame by frame with an 8 KiB chunk, so nothing grows with the pixel data. The caller owns the
 * stream ({@link #finish} flushes, does not close). One instance writes one file, on one thread.
 */
public final class SegmentationWriter {

  private final SegmentationHeader header;
  private final List<FrameRef> frames;
  private final DicomPart10Writer writer;
  private final BitPacker packer;
  private int next;
  private boolean finished;

  private SegmentationWriter(
      SegmentationHeader header, List<FrameRef> frames, DicomPart10Writer writer) {
    this.header = header;
    this.frames = frames;
    this.writer = writer;
    this.packer = new BitPacker(writer);
  }

  /**
   * Writes the header for {@code frames} (in the order their masks will follow) and opens Pixel
   * Data. With no frames, writes the placeholder empty frame itself; {@link #finish} follows.
   *
   * @throws IllegalArgumentException for an unknown segment or slice, or a frame planned twice
   */
  public static SegmentationWriter start(
      SegmentationHeader header, List<FrameRef> frames, OutputStream out) throws IOException {
    List<FrameRef> planned = checked(header, frames);
    boolean placeholder = planned.isEmpty();
    if (placeholder) {
      planned = List.of(new FrameRef(1, header.spatialOrder().get(0)));
    }
    DicomPart10Writer writer =
        new DicomPart10Writer(out)
            .writeFileMeta(
                FileMeta.of(
                    SegmentationAttributes.SOP_CLASS_UID,
                    header.series().sopInstanceUid(),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN_UID))
            .textCharset(StandardCharsets.UTF_8);
    new SegmentationAttributes(header, planned).write(writer);
    writer.startValue(
        DicomTags.PIXEL_DATA, Vr.OB, BitPacker.length(planned.size(), header.pixelsPerFrame()));
    SegmentationWriter seg = new SegmentationWriter(header, planned, writer);
    if (placeholder) {
      seg.packer.packEmpty(header.pixelsPerFrame());
      seg.next = 1;
    }
    return seg;
  }

  /**
   * Writes a whole segmentation from {@code source}: every segment (in number order) on every slice
   * (along the slice normal) is asked for once to find the non-empty masks, then each of those
   * again to write it.
   *
   * @return the frames written, in file order
   * @throws IllegalStateException if a mask is not the size of a frame
   */
  public static List<FrameRef> write(
      SegmentationHeader header, FrameSource source, OutputStream out) throws IOException {
    List<FrameRef> nonEmpty = new ArrayList<>();
    for (Segment segment : header.segments()) {
      for (int slice : header.spatialOrder()) {
        byte[] mask = source.mask(segment.number(), slice);
        if (mask != null && !isEmpty(checkedSize(header, mask))) {
          nonEmpty.add(new FrameRef(segment.number(), slice));
        }
      }
    }
    SegmentationWriter writer = start(header, nonEmpty, out);
    for (FrameRef frame : nonEmpty) {
      byte[] mask = source.mask(frame.segmentNumber(), frame.sliceIndex());
      if (mask == null) {
        throw new IllegalStateException(
            "the frame source gave no mask the second time for " + frame);
      }
      writer.writeFrame(mask);
    }
    writer.finish();
    return writer.frames();
  }

  /** The frames of the file, in order (the placeholder one if none was planned). */
  public List<FrameRef> frames() {
    return frames;
  }

  /** The frame the next {@link #writeFrame} is for, or null when all have been written. */
  public FrameRef nextFrame() {
    return next < frames.size() ? frames.get(next) : null;
  }

  /**
   * Packs the mask of {@link #nextFrame()} to the stream: rows x columns bytes, row by row, not 0
   * meaning in the segment.
   */
  public void writeFrame(byte[] mask) throws IOException {
    if (finished || next >= frames.size()) {
      throw new IllegalStateException("all " + frames.size() + " frames have been written");
    }
    packer.pack(checkedSize(header, mask));
    next++;
  }

  /** Ends Pixel Data and the file; every planned frame must have been written. */
  public void finish() throws IOException {
    if (next != frames.size()) {
      throw new IllegalStateException("finish after " + next + " of " + frames.size() + " frames");
    }
    if (finished) {
      return;
    }
    packer.finish();
    writer.endValue();
    writer.finish();
    finished = true;
  }

  private static List<FrameRef> checked(SegmentationHeader header, List<FrameRef> frames) {
    Set<FrameRef> seen = new HashSet<>();
    for (FrameRef frame : frames) {
      header.segment(frame.segmentNumber());
      if (frame.sliceIndex() < 0 || frame.sliceIndex() >= header.sources().size()) {
        throw new IllegalArgumentException("no source slice " + frame.sliceIndex());
      }
      if (!seen.add(frame)) {
        throw new IllegalArgumentException("frame planned twice: " + frame);
      }
    }
    return List.copyOf(frames);
  }

  private static byte[] checkedSize(SegmentationHeader header, byte[] mask) {
    if (mask.length != header.pixelsPerFrame()) {
      throw new IllegalStateException(
          "a mask of "
              + mask.length
              + " pixels for frames of "
              + header.rows()
              + "x"
              + header.columns());
    }
    return mask;
  }

  private static boolean isEmpty(byte[] mask) {
    for (byte pixel : mask) {
      if (pixel != 0) {
        return false;
      }
    }
    return true;
  }
}
