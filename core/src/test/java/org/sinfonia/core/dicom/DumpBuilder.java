package org.sinfonia.core.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a dcmtk dump2dcm text dump. The dump is written as ISO 8859-1 so that every char 00-FF
 * becomes that byte: values in other character sets are added as their encoded bytes.
 */
public final class DumpBuilder {

  private final StringBuilder text = new StringBuilder();
  private int depth;

  /** A string value: (gggg,eeee) VR [value]. */
  public DumpBuilder text(String tag, String vr, String value) {
    return line(tag + " " + vr + " [" + value + "]");
  }

  /** A string value given as the bytes of {@code value} in {@code charset}. */
  public DumpBuilder text(String tag, String vr, String value, Charset charset) {
    return text(tag, vr, new String(value.getBytes(charset), StandardCharsets.ISO_8859_1));
  }

  /** A string value given as raw bytes (escape sequences and all). */
  public DumpBuilder bytes(String tag, String vr, byte[] value) {
    for (byte b : value) {
      if (b == '[' || b == ']' || b == '\n' || b == '\r') {
        throw new IllegalArgumentException(
            "dump2dcm cannot take byte " + b + " in a value of " + tag);
      }
    }
    return text(tag, vr, new String(value, StandardCharsets.ISO_8859_1));
  }

  /** A value written as dump2dcm reads it for the VR: numbers, hex bytes, "=file". */
  public DumpBuilder raw(String tag, String vr, String value) {
    return line(tag + " " + vr + " " + value);
  }

  public DumpBuilder empty(String tag, String vr) {
    return line(tag + " " + vr + " (no value available)");
  }

  /**
   * A sequence whose items are filled by {@code items}; dump2dcm picks the lengths from its
   * options.
   */
  @SafeVarargs
  public final DumpBuilder sequence(String tag, Consumer<DumpBuilder>... items) {
    return sequence(tag, List.of(items));
  }

  public DumpBuilder sequence(String tag, List<Consumer<DumpBuilder>> items) {
    line(tag + " SQ (Sequence with undefined length #=" + items.size() + ")");
    depth++;
    for (Consumer<DumpBuilder> item : items) {
      line("(fffe,e000) na (Item with undefined length #=0)");
      depth++;
      item.accept(this);
      depth--;
      line("(fffe,e00d) na (ItemDelimitationItem)");
    }
    depth--;
    return line("(fffe,e0dd) na (SequenceDelimitationItem)");
  }

  public byte[] toBytes() {
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private DumpBuilder line(String line) {
    text.append("  ".repeat(depth)).append(line).append('\n');
    return this;
  }
}
