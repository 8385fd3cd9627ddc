package org.sinfonia.core.render.display;

import java.io.IOException;
import java.util.Arrays;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.render.ByteRange;
import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.StoredFile;

/**
 * A DICOM lookup table: a descriptor (entries, first mapped value, bits per entry) and its data, as
 * used by palette colour (0028,1101..1203) and by the Modality LUT Sequence (0028,3002/3006).
 * Values below the first mapped value take the first entry, values past the end the last one.
 *
 * @param firstMapped the stored value that maps to entry 0
 * @param bits bits per entry (8 or 16)
 * @param entries the table
 */
record LookupTable(int firstMapped, int bits, int[] entries) {

  /** Tables are small (at most 65,536 entries of two bytes); anything larger is not a LUT. */
  private static final long MAX_DATA_BYTES = 2L * 65536 + 2;

  int lookup(int value) {
    int index = value - firstMapped;
    return entries[index < 0 ? 0 : Math.min(index, entries.length - 1)];
  }

  /**
   * Reads the table whose descriptor is {@code descriptorTag} and data {@code dataTag} in {@code
   * dataset}; large data that the parser left in the file is read from {@code file}.
   *
   * @param signedFirstMapped true if the first mapped value is a signed 16-bit number (signed
   *     pixels)
   */
  static LookupTable read(
      DicomDataset dataset,
      int descriptorTag,
      int dataTag,
      boolean signedFirstMapped,
      StoredFile file)
      throws IOException, RenderException {
    return read(dataset, descriptorTag, dataTag, 0, signedFirstMapped, file);
  }

  /**
   * The same, falling back to segmented data ({@code segmentedDataTag}, see {@link SegmentedLut})
   * when the plain data element is absent; 0 for tables that cannot be segmented.
   */
  static LookupTable read(
      DicomDataset dataset,
      int descriptorTag,
      int dataTag,
      int segmentedDataTag,
      boolean signedFirstMapped,
      StoredFile file)
      throws IOException, RenderException {
    long[] descriptor = dataset.find(descriptorTag).map(DicomElement::longs).orElse(new long[0]);
    if (descriptor.length != 3) {
      throw bad(
          "LUT descriptor "
              + DicomTags.format(descriptorTag)
              + " has "
              + descriptor.length
              + " values, 3 expected");
    }
    int count = descriptor[0] == 0 ? 65536 : (int) descriptor[0];
    int first = (int) descriptor[1];
    if (signedFirstMapped && first > Short.MAX_VALUE) {
      first -= 65536;
    }
    int bits = (int) descriptor[2];
    if (!dataset.contains(dataTag) && segmentedDataTag != 0 && dataset.contains(segmentedDataTag)) {
      byte[] segments = dataBytes(dataset, segmentedDataTag, file);
      return new LookupTable(
          first, bits, SegmentedLut.expand(entries(segments, segments.length / 2, 16), count));
    }
    byte[] data = dataBytes(dataset, dataTag, file);
    return new LookupTable(first, bits, entries(data, count, bits));
  }

  private static byte[] dataBytes(DicomDataset dataset, int dataTag, StoredFile file)
      throws IOException, RenderException {
    DicomElement element =
        dataset
            .find(dataTag)
            .orElseThrow(() -> bad("LUT data " + DicomTags.format(dataTag) + " is missing"));
    if (element.value() instanceof DicomValue.Binary binary) {
      return binary.littleEndian();
    }
    if (element.value() instanceof DicomValue.BulkData bulk && bulk.length() <= MAX_DATA_BYTES) {
      return file.readLittleEndianWords(new ByteRange(bulk.offset(), bulk.length()));
    }
    throw bad("LUT data " + DicomTags.format(dataTag) + " is not a table");
  }

  /**
   * 16-bit entries are little endian words. 8-bit entries are packed two per word as PS3.3
   * C.7.6.3.1.6 says; some writers put one 8-bit entry in each 16-bit word instead, recognised by
   * the data length.
   */
  private static int[] entries(byte[] data, int count, int bits) throws RenderException {
    int[] entries = new int[count];
    if (bits == 8 && data.length < count * 2) {
      if (data.length < count) {
        throw bad("LUT data of " + data.length + " bytes for " + count + " 8-bit entries");
      }
      for (int i = 0; i < count; i++) {
        entries[i] = data[i] & 0xFF;
      }
      return entries;
    }
    if (data.length < count * 2) {
      throw bad("LUT data of " + data.length + " bytes for " + count + " 16-bit entries");
    }
    for (int i = 0; i < count; i++) {
      entries[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
    }
    if (bits == 8 && Arrays.stream(entries).anyMatch(entry -> entry > 0xFF)) {
      for (int i = 0; i < count; i++) {
        entries[i] >>= 8; // 8-bit entries left in the high byte of each word
      }
    }
    return entries;
  }

  private static RenderException bad(String message) {
    return new RenderException(RenderFailure.Code.BAD_PIXEL_DESCRIPTION, message);
  }
}
