package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;

/**
 * Reads or skips the value of one element (or one item of encapsulated pixel data) across any
 * number of chunks, then tells the listener: the bytes of a value it collected, or the offset and
 * length of one it skipped.
 */
final class ValueReader {

  /** What the value is, which decides the event sent when it completes. */
  enum Role {
    ELEMENT,
    OFFSET_TABLE,
    FRAGMENT
  }

  private final DicomStreamListener listener;
  private final ValueAccumulator accumulator = new ValueAccumulator();
  private ElementHeader element;
  private Role role;
  private int fragmentIndex;
  private boolean skipping;
  private long remaining;

  ValueReader(DicomStreamListener listener) {
    this.listener = listener;
  }

  /** Starts a value; {@code skip} locates it instead of collecting its bytes. */
  void start(ElementHeader header, Role valueRole, int index, boolean skip) {
    element = header;
    role = valueRole;
    fragmentIndex = index;
    skipping = skip;
    remaining = header.length();
    if (!skip) {
      accumulator.start((int) remaining);
    }
  }

  boolean isComplete() {
    return remaining == 0;
  }

  /**
   * Takes (or skips) up to the rest of the value from {@code in}; returns the number of bytes
   * consumed.
   */
  int consume(ByteBuffer in) {
    int n = (int) Math.min(remaining, in.remaining());
    if (skipping) {
      in.position(in.position() + n);
    } else {
      accumulator.append(in, n);
    }
    remaining -= n;
    return n;
  }

  /**
   * Sends the completed value's event and forgets it; returns the bytes of a collected element
   * value (the parser reads the file meta from them), else null.
   */
  byte[] finish() {
    ElementHeader finished = element;
    element = null;
    byte[] value = skipping ? null : accumulator.take();
    long offset = finished.valueOffset();
    switch (role) {
      case OFFSET_TABLE -> listener.offsetTable(offset, finished.length(), value);
      case FRAGMENT -> listener.fragment(fragmentIndex, offset, finished.length());
      default -> {
        if (skipping) {
          listener.bulkDataSkipped(finished, offset, finished.length());
        } else {
          listener.elementValue(finished, value);
          return value;
        }
      }
    }
    return null;
  }

  /** The value being read, or null between values. */
  ElementHeader element() {
    return element;
  }

  /** True while reading an item of encapsulated pixel data rather than an element's value. */
  boolean isPixelDataItem() {
    return element != null && role != Role.ELEMENT;
  }

  /** How much of the value has been read. */
  long done() {
    return element.length() - remaining;
  }
}
