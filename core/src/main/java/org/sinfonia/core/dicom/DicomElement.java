package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One attribute of a {@link DicomDataset}: tag, VR and value, with typed views of the value.
 *
 * @param tag group in the high 16 bits, element in the low 16
 * @param vr as read (explicit VR) or from the dictionary (implicit VR)
 * @param value the decoded value
 */
public record DicomElement(int tag, Vr vr, DicomValue value) {

  /** Text values (empty for a non-text value or an empty element). */
  public List<String> strings() {
    return value instanceof DicomValue.Text text ? text.values() : List.of();
  }

  /** The first text value, or null. */
  public String string() {
    List<String> strings = strings();
    return strings.isEmpty() ? null : strings.get(0);
  }

  /**
   * Integer values: binary US, SS, UL, SL, SV, UV (UV as the unsigned bits of a long), AT (as a
   * tag), or IS text. Text that is not a number is left out.
   */
  public long[] longs() {
    if (value instanceof DicomValue.Binary binary) {
      ByteBuffer bytes = ByteBuffer.wrap(binary.littleEndian()).order(ByteOrder.LITTLE_ENDIAN);
      int count =
          bytes.remaining() / (vr == Vr.AT ? 4 : vr.numberSize()); // AT: a pair of 16-bit numbers
      long[] numbers = new long[count];
      for (int i = 0; i < count; i++) {
        numbers[i] =
            switch (vr) {
              case US, OW -> Short.toUnsignedLong(bytes.getShort());
              case SS -> bytes.getShort();
              case UL, OL -> Integer.toUnsignedLong(bytes.getInt());
              case SL -> bytes.getInt();
              case AT ->
                  (long) Short.toUnsignedInt(bytes.getShort()) << 16
                      | Short.toUnsignedInt(bytes.getShort());
              case SV, UV, OV -> bytes.getLong();
              default -> bytes.get();
            };
      }
      return numbers;
    }
    return strings().stream()
        .map(String::trim)
        .filter(s -> s.matches("[+-]?\\d{1,18}"))
        .mapToLong(Long::parseLong)
        .toArray();
  }

  /**
   * Floating point values: binary FL, FD, OF, OD, or DS text. Text that is not a number is left
   * out.
   */
  public double[] doubles() {
    if (value instanceof DicomValue.Binary binary) {
      ByteBuffer bytes = ByteBuffer.wrap(binary.littleEndian()).order(ByteOrder.LITTLE_ENDIAN);
      boolean single = vr == Vr.FL || vr == Vr.OF;
      int count = bytes.remaining() / (single ? 4 : 8);
      double[] numbers = new double[count];
      for (int i = 0; i < count; i++) {
        numbers[i] = single ? bytes.getFloat() : bytes.getDouble();
      }
      return numbers;
    }
    return strings().stream()
        .map(String::trim)
        .filter(DicomElement::isDecimal)
        .mapToDouble(Double::parseDouble)
        .toArray();
  }

  /** The items of a sequence (empty for other values). */
  public List<DicomDataset> items() {
    return value instanceof DicomValue.Sequence sequence ? sequence.items() : List.of();
  }

  private static boolean isDecimal(String text) {
    return text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  }
}
