package org.sinfonia.core.render.frame;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.StoredFile;

/**
 * Finds the fragments that hold one frame of encapsulated pixel data (PS3.5 A.4), trying in turn:
 * the Extended Offset Table (7FE0,0001/0002); the Basic Offset Table (a frame is the fragments from
 * its offset up to the next frame's); one fragment per frame when their counts agree; all fragments
 * for a single frame; and last, fragments that begin with a codestream marker (JPEG SOI FFD8, JPEG
 * 2000 SOC FF4F) as frame starts.
 */
final class EncapsulatedFrameLocator {

  /** Bytes that a fragment item header takes before its value: offset tables point at headers. */
  private static final int ITEM_HEADER = 8;

  private EncapsulatedFrameLocator() {}

  static List<ByteRange> locate(
      DicomDataset header,
      DicomValue.Fragments pixelData,
      int frameIndex,
      int frames,
      StoredFile file)
      throws IOException, RenderException {
    List<DicomValue.BulkData> fragments = pixelData.fragments();
    if (fragments.isEmpty()) {
      throw new RenderException(
          RenderFailure.Code.TRUNCATED_PIXEL_DATA, "encapsulated pixel data without fragments");
    }
    long firstItem = fragments.get(0).offset() - ITEM_HEADER;
    long[] extended = ExtendedOffsetTable.offsets(header);
    long[] extendedLengths = ExtendedOffsetTable.lengths(header);
    if (extended.length == frames && extendedLengths.length == frames) {
      return List.of(
          new ByteRange(
              firstItem + extended[frameIndex] + ITEM_HEADER, extendedLengths[frameIndex]));
    }
    List<Long> table = pixelData.basicOffsetTable();
    if (table.size() == frames) {
      long start = firstItem + table.get(frameIndex);
      long end = frameIndex + 1 < frames ? firstItem + table.get(frameIndex + 1) : Long.MAX_VALUE;
      List<ByteRange> ranges = new ArrayList<>();
      for (DicomValue.BulkData fragment : fragments) {
        long item = fragment.offset() - ITEM_HEADER;
        if (item >= start && item < end) {
          ranges.add(asRange(fragment));
        }
      }
      if (ranges.isEmpty()) {
        throw new RenderException(
            RenderFailure.Code.DECODING_FAILED,
            "the Basic Offset Table points frame " + (frameIndex + 1) + " at no fragment");
      }
      return ranges;
    }
    if (fragments.size() == frames) {
      return List.of(asRange(fragments.get(frameIndex)));
    }
    if (frames == 1) {
      return fragments.stream().map(EncapsulatedFrameLocator::asRange).toList();
    }
    return byCodestreamStarts(fragments, frameIndex, frames, file);
  }

  private static List<ByteRange> byCodestreamStarts(
      List<DicomValue.BulkData> fragments, int frameIndex, int frames, StoredFile file)
      throws IOException, RenderException {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < fragments.size(); i++) {
      DicomValue.BulkData fragment = fragments.get(i);
      if (fragment.length() >= 2
          && isCodestreamStart(file.read(new ByteRange(fragment.offset(), 2)))) {
        starts.add(i);
      }
    }
    if (starts.size() != frames || starts.get(0) != 0) {
      throw new RenderException(
          RenderFailure.Code.DECODING_FAILED,
          fragments.size()
              + " fragments for "
              + frames
              + " frames without an offset table, and "
              + starts.size()
              + " of them start a codestream");
    }
    int from = starts.get(frameIndex);
    int to = frameIndex + 1 < frames ? starts.get(frameIndex + 1) : fragments.size();
    return fragments.subList(from, to).stream().map(EncapsulatedFrameLocator::asRange).toList();
  }

  private static boolean isCodestreamStart(byte[] first) {
    return (first[0] & 0xFF) == 0xFF && ((first[1] & 0xFF) == 0xD8 || (first[1] & 0xFF) == 0x4F);
  }

  private static ByteRange asRange(DicomValue.BulkData fragment) {
    return new ByteRange(fragment.offset(), fragment.length());
  }
}
