package org.sinfonia.core.render.display;

import org.sinfonia.core.render.RenderException;
import org.sinfonia.core.render.RenderFailure;

/**
 * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2) into a plain table: discrete
 * segments (opcode 0: values as they are), linear segments (opcode 1: a ramp from the previous
 * value to the given one, rounded) and indirect segments (opcode 2: segments found again at a
 * 32-bit byte offset into the data, least significant word first).
 */
final class SegmentedLut {

  private static final int MAX_INDIRECTION = 8;

  private final int[] words;
  private final int[] table;
  private int count;

  private SegmentedLut(int[] words, int entries) {
    this.words = words;
    this.table = new int[entries];
  }

  /** The {@code entries} values that {@code words} (16-bit segment data) describe. */
  static int[] expand(int[] words, int entries) throws RenderException {
    SegmentedLut lut = new SegmentedLut(words, entries);
    lut.segments(0, Integer.MAX_VALUE, 0);
    if (lut.count == 0) {
      throw bad("no entries");
    }
    for (int i = lut.count; i < entries; i++) {
      lut.table[i] = lut.table[lut.count - 1]; // short data: the last value continues
    }
    return lut.table;
  }

  private void segments(int offset, int maxSegments, int depth) throws RenderException {
    if (depth > MAX_INDIRECTION) {
      throw bad("indirect segments nested deeper than " + MAX_INDIRECTION);
    }
    for (int done = 0;
        done < maxSegments && offset + 1 < words.length && count < table.length;
        done++) {
      int opcode = words[offset];
      int length = words[offset + 1];
      offset += 2;
      switch (opcode) {
        case 0 -> {
          need(offset + length);
          for (int i = 0; i < length; i++) {
            emit(words[offset + i]);
          }
          offset += length;
        }
        case 1 -> {
          need(offset + 1);
          if (count == 0) {
            throw bad("a linear segment with no value before it");
          }
          int from = table[count - 1];
          int to = words[offset++];
          for (int i = 1; i <= length; i++) {
            emit((int) Math.round(from + (to - from) * (double) i / length));
          }
        }
        case 2 -> {
          need(offset + 2);
          long byteOffset = words[offset] | (long) words[offset + 1] << 16;
          offset += 2;
          if (byteOffset / 2 >= words.length) {
            throw bad("an indirect segment points past the data");
          }
          segments((int) (byteOffset / 2), length, depth + 1);
        }
        default -> throw bad("segment type " + opcode);
      }
    }
  }

  private void emit(int value) {
    if (count < table.length) {
      table[count++] = value;
    }
  }

  private void need(int end) throws RenderException {
    if (end > words.length) {
      throw bad("a segment runs past the data");
    }
  }

  private static RenderException bad(String message) {
    return new RenderException(
        RenderFailure.Code.BAD_PIXEL_DESCRIPTION, "segmented palette: " + message);
  }
}
