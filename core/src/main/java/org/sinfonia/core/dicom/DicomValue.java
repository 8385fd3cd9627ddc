package org.sinfonia.core.dicom;

import java.util.Arrays;
import java.util.List;

/** The value of a {@link DicomElement}: one of five shapes. */
public sealed interface DicomValue {

  /** Text values after Specific Character Set decoding, padding removed, split at backslashes. */
  record Text(List<String> values) implements DicomValue {
    public Text {
      values = values instanceof SplitText ? values : List.copyOf(values); // SplitText is immutable
    }
  }

  /**
   * Binary numbers (US, SS, UL, SL, SV, UV, FL, FD, AT) or byte strings (OB, OW, OF, OD, OL, OV,
   * UN), always in little endian byte order whatever the transfer syntax was.
   */
  record Binary(byte[] littleEndian) implements DicomValue {
    public Binary {
      littleEndian = littleEndian.clone();
    }

    @Override
    public byte[] littleEndian() {
      return littleEndian.clone();
    }

    int length() {
      return littleEndian.length;
    }

    byte at(int index) {
      return littleEndian[index];
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Binary binary && Arrays.equals(littleEndian, binary.littleEndian);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(littleEndian);
    }

    @Override
    public String toString() {
      return "Binary[" + littleEndian.length + " bytes]";
    }
  }

  /** The items of a sequence. */
  record Sequence(List<DicomDataset> items) implements DicomValue {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /**
   * A value skipped by the parser (pixel data, or larger than the bulk data threshold): where it
   * is.
   */
  record BulkData(long offset, long length) implements DicomValue {}

  /**
   * Encapsulated pixel data, located but not read: the Basic Offset Table (frame offsets relative
   * to the first fragment's item header; empty if the table is empty or was too large to read) and
   * every fragment's value bytes in the file. The whole element spans offset..offset+length.
   */
  record Fragments(long offset, long length, List<Long> basicOffsetTable, List<BulkData> fragments)
      implements DicomValue {
    public Fragments {
      basicOffsetTable = List.copyOf(basicOffsetTable);
      fragments = List.copyOf(fragments);
    }
  }
}
