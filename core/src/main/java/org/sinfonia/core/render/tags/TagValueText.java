package org.sinfonia.core.render.tags;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;
import org.sinfonia.core.dicom.Vr;

/**
 * The text a previewer shows for one value: bounded in length (a 400 KB Contour Data becomes its
 * first values and a count), numbers as numbers, bytes as hex, skipped values by where they are.
 */
final class TagValueText {

  static final int MAX_CHARS = 256;
  static final int MAX_VALUES = 16;
  static final int MAX_BYTES = 16;

  private TagValueText() {}

  static String of(DicomElement element) {
    DicomValue value = element.value();
    if (value instanceof DicomValue.Text text) {
      return text(element.vr(), text.values());
    }
    if (value instanceof DicomValue.Sequence sequence) {
      return sequence.items().size() == 1 ? "1 item" : sequence.items().size() + " items";
    }
    if (value instanceof DicomValue.BulkData bulk) {
      return element.vr() + ", " + bulk.length() + " bytes at offset " + bulk.offset();
    }
    if (value instanceof DicomValue.Fragments fragments) {
      return element.vr()
          + ", encapsulated: "
          + fragments.fragments().size()
          + " fragment"
          + (fragments.fragments().size() == 1 ? "" : "s")
          + ", "
          + fragments.length()
          + " bytes at offset "
          + fragments.offset();
    }
    return binary(element, ((DicomValue.Binary) value).littleEndian());
  }

  private static String text(Vr vr, List<String> values) {
    String joined =
        vr == Vr.PN
            ? values.stream().map(PersonNames::readable).collect(Collectors.joining(" \\ "))
            : String.join("\\", values);
    if (joined.length() <= MAX_CHARS) {
      return joined;
    }
    return joined.substring(0, MAX_CHARS)
        + "... ("
        + values.size()
        + " values, "
        + joined.length()
        + " characters)";
  }

  private static String binary(DicomElement element, byte[] bytes) {
    Vr vr = element.vr();
    if (vr.kind() == Vr.Kind.BINARY_NUMBERS) {
      String[] numbers = numbers(element);
      String shown =
          String.join("\\", Arrays.copyOf(numbers, Math.min(numbers.length, MAX_VALUES)));
      return numbers.length <= MAX_VALUES ? shown : shown + "... (" + numbers.length + " values)";
    }
    StringBuilder hex = new StringBuilder(vr + ", " + bytes.length + " bytes");
    if (bytes.length > 0) {
      hex.append(':');
      for (int i = 0; i < Math.min(bytes.length, MAX_BYTES); i++) {
        hex.append(String.format(Locale.ROOT, " %02X", bytes[i] & 0xFF));
      }
      if (bytes.length > MAX_BYTES) {
        hex.append(" ...");
      }
    }
    return hex.toString();
  }

  private static String[] numbers(DicomElement element) {
    if (element.vr() == Vr.FL || element.vr() == Vr.FD) {
      return Arrays.stream(element.doubles())
          .mapToObj(TagValueText::decimal)
          .toArray(String[]::new);
    }
    if (element.vr() == Vr.AT) {
      return Arrays.stream(element.longs())
          .mapToObj(tag -> DicomTags.format((int) tag))
          .toArray(String[]::new);
    }
    if (element.vr() == Vr.UV) {
      byte[] littleEndian = ((DicomValue.Binary) element.value()).littleEndian();
      ByteBuffer bytes = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
      String[] values = new String[bytes.remaining() / 8];
      for (int i = 0; i < values.length; i++) {
        values[i] = Long.toUnsignedString(bytes.getLong());
      }
      return values;
    }
    return Arrays.stream(element.longs()).mapToObj(Long::toString).toArray(String[]::new);
  }

  private static String decimal(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : Double.toString(value);
  }
}
