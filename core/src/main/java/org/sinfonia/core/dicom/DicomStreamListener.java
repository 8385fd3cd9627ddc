package org.sinfonia.core.dicom;

/**
 * Receives what {@link DicomStreamParser} finds, in stream order. Every method has an empty
 * default, so a listener implements only what it needs. Events nest: a sequence brackets its items,
 * an item brackets its elements, encapsulated pixel data brackets its fragments. Group 0002 (file
 * meta information) elements arrive before {@link #datasetStart}.
 */
public interface DicomStreamListener {

  /** The data set proper starts at {@code offset}, encoded as {@code syntax}. */
  default void datasetStart(TransferSyntax syntax, long offset) {}

  /** A non-sequence element starts; its value or a bulk data event follows. */
  default void elementStart(ElementHeader header) {}

  /** The whole value of the element last started; the array belongs to the listener. */
  default void elementValue(ElementHeader header, byte[] value) {}

  /**
   * The value of the element last started was skipped without copying: it lies at offset/length.
   */
  default void bulkDataSkipped(ElementHeader header, long offset, long length) {}

  default void sequenceStart(ElementHeader header) {}

  /**
   * Item {@code index} (from 0) of the current sequence; length may be {@link
   * ElementHeader#UNDEFINED_LENGTH}.
   */
  default void itemStart(int index, long offset, long length) {}

  default void itemEnd() {}

  default void sequenceEnd() {}

  /** Encapsulated (undefined length) pixel data starts; its offset table and fragments follow. */
  default void fragmentsStart(ElementHeader header) {}

  /**
   * The Basic Offset Table (first item of encapsulated pixel data) at offset/length; its bytes, or
   * null if it is larger than the bulk data threshold and was skipped.
   */
  default void offsetTable(long offset, long length, byte[] table) {}

  /**
   * An item of encapsulated pixel data starts: {@code index} -1 is the Basic Offset Table, 0 and up
   * the fragments; its value lies at offset/length and is reported by {@link #offsetTable} or
   * {@link #fragment} once read. Lets a listener stream the item's bytes as they arrive.
   */
  default void fragmentStart(int index, long offset, long length) {}

  /**
   * Fragment {@code index} (from 0, not counting the offset table): value bytes at offset/length.
   */
  default void fragment(int index, long offset, long length) {}

  /** The encapsulated pixel data ends; {@code endOffset} is just past its delimiter. */
  default void fragmentsEnd(long endOffset) {}

  /** The stream ended cleanly at {@code offset}. */
  default void end(long offset) {}
}
