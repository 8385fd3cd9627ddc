package org.sinfonia.core.render.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.render.PixelTags;

/**
 * Extended Offset Table (7FE0,0001) and its lengths (7FE0,0002): 64-bit offsets of each frame's
 * single fragment, for images whose Basic Offset Table would overflow 32 bits. Read only when the
 * parser kept the values in the header (they are small: 8 bytes per frame).
 */
final class ExtendedOffsetTable {

  private ExtendedOffsetTable() {}

  static long[] offsets(DicomDataset header) {
    return longs(header, PixelTags.EXTENDED_OFFSET_TABLE);
  }

  static long[] lengths(DicomDataset header) {
    return longs(header, PixelTags.EXTENDED_OFFSET_TABLE_LENGTHS);
  }

  private static long[] longs(DicomDataset header, int tag) {
    return header
        .find(tag)
        .filter(element -> element.value() instanceof DicomValue.Binary)
        .map(
            element -> {
              ByteBuffer bytes =
                  ByteBuffer.wrap(((DicomValue.Binary) element.value()).littleEndian())
                      .order(ByteOrder.LITTLE_ENDIAN);
              long[] values = new long[bytes.remaining() / 8];
              for (int i = 0; i < values.length; i++) {
                values[i] = bytes.getLong();
              }
              return values;
            })
        .orElse(new long[0]);
  }
}
