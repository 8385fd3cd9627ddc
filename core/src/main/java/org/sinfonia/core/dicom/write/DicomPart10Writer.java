package org.sinfonia.core.dicom.write;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.dicom.Vr;

/**
 * Low-level streaming writer of a DICOM Part 10 file: preamble, "DICM", file meta information with
 * its group length computed, then the data set in explicit VR little endian, implicit VR little
 * endian or explicit VR big endian (as the meta's transfer syntax says; deflated is refused).
 *
 * <p>Encoding rules: sequences and items are always written with undefined length and closed by
 * delimiters, encapsulated pixel data always so (it must be), so nothing is ever back-patched and
 * the writer holds only an 8 KiB output buffer. Odd-length values are padded to even length (UI and
 * binary with 0x00, text with a space). Tags must ascend within each data set and item; breaking
 * the element order or the begin/end nesting is a bug of the caller and throws {@link
 * IllegalStateException}; a value that breaks its VR (too long, wrong size, 16-bit length overflow,
 * not encodable) throws {@link IllegalArgumentException} and nothing of it is written.
 *
 * <p>Raw byte values ({@link #element}, {@link #value}) must already be in the data set's byte
 * order; the number methods encode in it. The caller owns the stream: {@link #finish} flushes but
 * does not close it. One instance writes one file, on one thread.
 */
public final class DicomPart10Writer {

  private static final int BUFFER = 8192;
  private static final long MAX_LENGTH = 0xFFFFFFFEL;

  private enum Kind {
    DATASET,
    ITEM,
    SEQUENCE,
    FRAGMENTS
  }

  private static final class Level {
    final Kind kind;
    final int tag;
    int lastTag = -1;
    boolean any;
    int items;

    Level(Kind kind, int tag) {
      this.kind = kind;
      this.tag = tag;
    }
  }

  private final OutputStream out;
  private final byte[] buffer = new byte[BUFFER];
  private int buffered;
  private long written;

  private final Deque<Level> levels = new ArrayDeque<>();
  private boolean explicitVr = true;
  private boolean bigEndian;
  private boolean started;
  private boolean finished;
  private Charset textCharset = StandardCharsets.US_ASCII;

  /** Value being streamed by {@link #startValue}: bytes still expected, and the pad byte owed. */
  private long valueRemaining = -1;

  private int valuePad = -1;

  public DicomPart10Writer(OutputStream out) {
    this.out = out;
  }

  /**
   * Writes the 128-byte preamble, "DICM" and the meta with its group length, and starts the data
   * set in the meta's transfer syntax.
   *
   * @throws IllegalArgumentException without a transfer syntax UID, or for a deflated one
   */
  public DicomPart10Writer writeFileMeta(FileMeta meta) throws IOException {
    String uid = meta.transferSyntaxUid();
    if (uid == null || uid.isEmpty()) {
      throw new IllegalArgumentException("file meta without (0002,0010) Transfer Syntax UID");
    }
    TransferSyntax syntax = TransferSyntax.forUid(uid);
    if (syntax.deflated()) {
      throw new IllegalArgumentException("deflated transfer syntax is not supported: " + uid);
    }
    if (started) {
      throw new IllegalStateException("the file has already started");
    }
    long groupLength = 0;
    for (FileMeta.Element element : meta.elements().values()) {
      groupLength += (element.vr().hasLongLength() ? 12 : 8) + element.value().length;
    }
    write(new byte[128], 0, 128);
    write("DICM".getBytes(StandardCharsets.US_ASCII), 0, 4);
    explicitVr = true;
    bigEndian = false;
    writeHeader(DicomTags.FILE_META_INFORMATION_GROUP_LENGTH, Vr.UL, 4);
    writeU32(groupLength);
    for (Map.Entry<Integer, FileMeta.Element> element : meta.elements().entrySet()) {
      Vr vr = element.getValue().vr();
      byte[] value = element.getValue().value();
      checkHeaderLength(element.getKey(), vr, value.length);
      writeHeader(element.getKey(), vr, value.length);
      write(value, 0, value.length);
    }
    startDataset(syntax);
    return this;
  }

  /** Starts a data set without preamble or meta (a bare data set, e.g. for a DIMSE payload). */
  public DicomPart10Writer startDataset(TransferSyntax syntax) {
    if (syntax.deflated()) {
      throw new IllegalArgumentException(
          "deflated transfer syntax is not supported: " + syntax.uid());
    }
    if (!levels.isEmpty()) {
      throw new IllegalStateException("the data set has already started");
    }
    started = true;
    explicitVr = syntax.explicitVr();
    bigEndian = syntax.bigEndian();
    levels.push(new Level(Kind.DATASET, 0));
    return this;
  }

  /** The charset of text VR values given as strings (default US-ASCII; match (0008,0005)). */
  public DicomPart10Writer textCharset(Charset charset) {
    this.textCharset = charset;
    return this;
  }

  public boolean explicitVr() {
    return explicitVr;
  }

  public boolean bigEndian() {
    return bigEndian;
  }

  /** Bytes written so far (including those still in the buffer). */
  public long bytesWritten() {
    return written;
  }

  /** Nesting depth: 1 in the top-level data set, +1 per open sequence, item or fragment run. */
  public int depth() {
    return levels.size();
  }

  // ---- elements with a whole value

  /** An element from raw value bytes (in the data set's byte order), padded to even length. */
  public DicomPart10Writer element(int tag, Vr vr, byte[] value) throws IOException {
    if (vr == Vr.SQ) {
      throw new IllegalArgumentException("SQ is written with startSequence");
    }
    if (vr.kind() == Vr.Kind.BINARY_NUMBERS && value.length % vr.numberSize() != 0) {
      throw new IllegalArgumentException(
          DicomTags.format(tag) + " " + vr + " value of " + value.length + " bytes");
    }
    byte[] even = Encoding.padded(value, vr);
    checkHeaderLength(tag, vr, even.length);
    checkElement(tag);
    writeHeader(tag, vr, even.length);
    write(even, 0, even.length);
    return this;
  }

  /**
   * A string element; several values are joined with backslashes. Text VRs are encoded in the
   * writer's {@link #textCharset}, the others in ASCII. Each value is checked against the VR's
   * maximum length (PS3.5 table 6.2-1).
   */
  public DicomPart10Writer string(int tag, Vr vr, String... values) throws IOException {
    String joined = String.join("\\", values);
    return element(tag, vr, encodeString(tag, vr, joined));
  }

  /** The bytes a string value becomes (unpadded), after the VR's checks. */
  byte[] encodeString(int tag, Vr vr, String value) {
    if (vr.kind() != Vr.Kind.TEXT && vr.kind() != Vr.Kind.ASCII_TEXT) {
      throw new IllegalArgumentException(DicomTags.format(tag) + " " + vr + " is not a string VR");
    }
    VrRules.checkString(tag, vr, value);
    return Encoding.encode(tag, value, vr.kind() == Vr.Kind.TEXT ? textCharset : asciiCharset());
  }

  private static Charset asciiCharset() {
    return StandardCharsets.US_ASCII;
  }

  public DicomPart10Writer us(int tag, int... values) throws IOException {
    byte[] bytes = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 0xFFFF) {
        throw new IllegalArgumentException(
            DicomTags.format(tag) + " US out of range: " + values[i]);
      }
      put(bytes, i * 2, values[i], 2);
    }
    return element(tag, Vr.US, bytes);
  }

  public DicomPart10Writer ss(int tag, int... values) throws IOException {
    byte[] bytes = new byte[values.length * 2];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < Short.MIN_VALUE || values[i] > Short.MAX_VALUE) {
        throw new IllegalArgumentException(
            DicomTags.format(tag) + " SS out of range: " + values[i]);
      }
      put(bytes, i * 2, values[i], 2);
    }
    return element(tag, Vr.SS, bytes);
  }

  public DicomPart10Writer ul(int tag, long... values) throws IOException {
    byte[] bytes = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 0xFFFFFFFFL) {
        throw new IllegalArgumentException(
            DicomTags.format(tag) + " UL out of range: " + values[i]);
      }
      put(bytes, i * 4, values[i], 4);
    }
    return element(tag, Vr.UL, bytes);
  }

  public DicomPart10Writer sl(int tag, int... values) throws IOException {
    byte[] bytes = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      put(bytes, i * 4, values[i], 4);
    }
    return element(tag, Vr.SL, bytes);
  }

  public DicomPart10Writer fl(int tag, float... values) throws IOException {
    byte[] bytes = new byte[values.length * 4];
    for (int i = 0; i < values.length; i++) {
      put(bytes, i * 4, Float.floatToIntBits(values[i]), 4);
    }
    return element(tag, Vr.FL, bytes);
  }

  public DicomPart10Writer fd(int tag, double... values) throws IOException {
    byte[] bytes = new byte[values.length * 8];
    for (int i = 0; i < values.length; i++) {
      put(bytes, i * 8, Double.doubleToLongBits(values[i]), 8);
    }
    return element(tag, Vr.FD, bytes);
  }

  /** Attribute tags: each is written as group then element, two 16-bit numbers. */
  public DicomPart10Writer at(int tag, int... tags) throws IOException {
    byte[] bytes = new byte[tags.length * 4];
    for (int i = 0; i < tags.length; i++) {
      put(bytes, i * 4, tags[i] >>> 16, 2);
      put(bytes, i * 4 + 2, tags[i] & 0xFFFF, 2);
    }
    return element(tag, Vr.AT, bytes);
  }

  // ---- sequences

  /** Starts a sequence of undefined length; items follow, then {@link #endSequence}. */
  public DicomPart10Writer startSequence(int tag) throws IOException {
    checkElement(tag);
    writeHeader(tag, Vr.SQ, 0xFFFFFFFFL);
    levels.push(new Level(Kind.SEQUENCE, tag));
    return this;
  }

  /** Starts an item (undefined length) of the current sequence. */
  public DicomPart10Writer startItem() throws IOException {
    Level top = expect(Kind.SEQUENCE, "startItem outside a sequence");
    top.items++;
    writeTag(DicomTags.ITEM);
    writeU32(0xFFFFFFFFL);
    levels.push(new Level(Kind.ITEM, top.tag));
    return this;
  }

  public DicomPart10Writer endItem() throws IOException {
    expect(Kind.ITEM, "endItem outside an item");
    levels.pop();
    writeTag(DicomTags.ITEM_DELIMITATION_ITEM);
    writeU32(0);
    return this;
  }

  public DicomPart10Writer endSequence() throws IOException {
    expect(Kind.SEQUENCE, "endSequence outside a sequence (or an item is open)");
    levels.pop();
    writeTag(DicomTags.SEQUENCE_DELIMITATION_ITEM);
    writeU32(0);
    return this;
  }

  // ---- values streamed in pieces

  /**
   * Starts an element whose {@code length} value bytes follow through {@link #value} calls, then
   * {@link #endValue}; an odd length is padded on {@link #endValue}. For native pixel data and
   * other bulk values: nothing is held.
   */
  public DicomPart10Writer startValue(int tag, Vr vr, long length) throws IOException {
    if (vr == Vr.SQ) {
      throw new IllegalArgumentException("SQ is written with startSequence");
    }
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException(DicomTags.format(tag) + " value length " + length);
    }
    long even = length + (length & 1);
    checkHeaderLength(tag, vr, even);
    checkElement(tag);
    writeHeader(tag, vr, even);
    valueRemaining = length;
    valuePad = (length & 1) == 1 ? VrRules.padByte(vr) & 0xFF : -1;
    return this;
  }

  /** Bytes of the value being streamed; more than announced is an IllegalStateException. */
  public DicomPart10Writer value(byte[] bytes, int offset, int length) throws IOException {
    if (valueRemaining < 0) {
      throw new IllegalStateException("no value is being streamed");
    }
    if (length > valueRemaining) {
      throw new IllegalStateException(
          "value bytes past the announced length (" + (length - valueRemaining) + " too many)");
    }
    write(bytes, offset, length);
    valueRemaining -= length;
    return this;
  }

  /** Ends the value being streamed: all announced bytes must have been given. */
  public DicomPart10Writer endValue() throws IOException {
    if (valueRemaining != 0) {
      throw new IllegalStateException(
          valueRemaining < 0
              ? "no value is being streamed"
              : "value ended " + valueRemaining + " bytes short of its announced length");
    }
    valueRemaining = -1;
    if (valuePad >= 0) {
      writeByte(valuePad);
      valuePad = -1;
    }
    return this;
  }

  /** A native pixel data (or other bulk) element read from {@code in}: exactly length bytes. */
  public DicomPart10Writer pixelData(int tag, Vr vr, long length, InputStream in)
      throws IOException {
    startValue(tag, vr, length);
    byte[] chunk = new byte[(int) Math.min(BUFFER, Math.max(length, 1))];
    long left = length;
    while (left > 0) {
      int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
      if (n < 0) {
        throw new IOException(
            DicomTags.format(tag) + " stream ended " + left + " bytes short of " + length);
      }
      value(chunk, 0, n);
      left -= n;
    }
    return endValue();
  }

  // ---- encapsulated pixel data

  /**
   * Starts encapsulated pixel data (OB, undefined length); the offset table and fragments follow.
   */
  public DicomPart10Writer startFragments(int tag) throws IOException {
    checkElement(tag);
    writeHeader(tag, Vr.OB, 0xFFFFFFFFL);
    levels.push(new Level(Kind.FRAGMENTS, tag));
    return this;
  }

  /** The Basic Offset Table (may be empty); must come first, else an empty one is written. */
  public DicomPart10Writer offsetTable(byte[] table) throws IOException {
    Level top = expect(Kind.FRAGMENTS, "offsetTable outside encapsulated pixel data");
    if (top.items > 0) {
      throw new IllegalStateException("the offset table must be the first item");
    }
    return startFragmentItem(table.length).value(table, 0, table.length).endValue();
  }

  /**
   * Starts a Basic Offset Table whose bytes follow through {@link #value}, then {@link #endValue}.
   */
  public DicomPart10Writer startOffsetTable(long length) throws IOException {
    Level top = expect(Kind.FRAGMENTS, "offset table outside encapsulated pixel data");
    if (top.items > 0) {
      throw new IllegalStateException("the offset table must be the first item");
    }
    return startFragmentItem(length);
  }

  /** One fragment of compressed data (padded with 0x00 to even length). */
  public DicomPart10Writer fragment(byte[] bytes) throws IOException {
    return startFragment(bytes.length).value(bytes, 0, bytes.length).endValue();
  }

  /** Starts a fragment whose bytes follow through {@link #value}, then {@link #endValue}. */
  public DicomPart10Writer startFragment(long length) throws IOException {
    Level top = expect(Kind.FRAGMENTS, "fragment outside encapsulated pixel data");
    if (top.items == 0) {
      offsetTable(new byte[0]);
    }
    return startFragmentItem(length);
  }

  private DicomPart10Writer startFragmentItem(long length) throws IOException {
    Level top = levels.peek();
    if (length < 0 || length > MAX_LENGTH) {
      throw new IllegalArgumentException("fragment length " + length);
    }
    top.items++;
    writeTag(DicomTags.ITEM);
    writeU32(length + (length & 1));
    valueRemaining = length;
    valuePad = (length & 1) == 1 ? 0 : -1;
    return this;
  }

  public DicomPart10Writer endFragments() throws IOException {
    Level top = expect(Kind.FRAGMENTS, "endFragments outside encapsulated pixel data");
    if (top.items == 0) {
      offsetTable(new byte[0]);
    }
    levels.pop();
    writeTag(DicomTags.SEQUENCE_DELIMITATION_ITEM);
    writeU32(0);
    return this;
  }

  /** Ends the data set (every sequence and item must be closed) and flushes the stream. */
  public void finish() throws IOException {
    if (valueRemaining >= 0 || levels.size() != 1) {
      throw new IllegalStateException(
          "finish with "
              + (valueRemaining >= 0 ? "a value" : "a sequence, item or fragment run")
              + " still open");
    }
    levels.pop();
    finished = true;
    flush();
  }

  /** Flushes buffered bytes to the stream. */
  public void flush() throws IOException {
    if (buffered > 0) {
      out.write(buffer, 0, buffered);
      buffered = 0;
    }
    out.flush();
  }

  /** The writer's own memory: its output buffer. */
  public int bufferSize() {
    return buffer.length;
  }

  // ---- checks

  private Level expect(Kind kind, String message) {
    if (valueRemaining >= 0) {
      throw new IllegalStateException(message + ": a value is still being streamed");
    }
    Level top = levels.peek();
    if (top == null || top.kind != kind) {
      throw new IllegalStateException(message);
    }
    return top;
  }

  /** An element may start here: in a data set or item, with a tag above the previous one. */
  private void checkElement(int tag) {
    if (finished || levels.isEmpty()) {
      throw new IllegalStateException(
          finished ? "the data set is finished" : "writeFileMeta or startDataset first");
    }
    if (valueRemaining >= 0) {
      throw new IllegalStateException(
          DicomTags.format(tag) + " started while a value is still being streamed");
    }
    Level top = levels.peek();
    if (top.kind != Kind.DATASET && top.kind != Kind.ITEM) {
      throw new IllegalStateException(
          DicomTags.format(tag) + " written inside a " + top.kind.name().toLowerCase());
    }
    if (tag >>> 16 == 0xFFFE || tag >>> 16 == 0x0002 && top.kind == Kind.DATASET) {
      throw new IllegalArgumentException(DicomTags.format(tag) + " is not a data set element");
    }
    if (top.any && Integer.compareUnsigned(tag, top.lastTag) <= 0) {
      throw new IllegalStateException(
          DicomTags.format(tag) + " after " + DicomTags.format(top.lastTag) + ": tags must ascend");
    }
    top.any = true;
    top.lastTag = tag;
  }

  private void checkHeaderLength(int tag, Vr vr, long length) {
    if (explicitVr && !vr.hasLongLength() && length > 0xFFFF) {
      throw new IllegalArgumentException(
          DicomTags.format(tag) + " " + vr + " value of " + length + " bytes exceeds 65535");
    }
  }

  // ---- encoding

  private void writeHeader(int tag, Vr vr, long length) throws IOException {
    writeTag(tag);
    if (explicitVr) {
      writeByte(vr.name().charAt(0));
      writeByte(vr.name().charAt(1));
      if (vr.hasLongLength()) {
        writeByte(0);
        writeByte(0);
        writeU32(length);
      } else {
        writeU16((int) length);
      }
    } else {
      writeU32(length);
    }
  }

  private void writeTag(int tag) throws IOException {
    writeU16(tag >>> 16);
    writeU16(tag & 0xFFFF);
  }

  private void writeU16(int value) throws IOException {
    if (bigEndian) {
      writeByte(value >>> 8);
      writeByte(value);
    } else {
      writeByte(value);
      writeByte(value >>> 8);
    }
  }

  private void writeU32(long value) throws IOException {
    if (bigEndian) {
      writeU16((int) (value >>> 16));
      writeU16((int) value);
    } else {
      writeU16((int) value);
      writeU16((int) (value >>> 16));
    }
  }

  private void put(byte[] bytes, int at, long value, int size) {
    for (int i = 0; i < size; i++) {
      int shift = 8 * (bigEndian ? size - 1 - i : i);
      bytes[at + i] = (byte) (value >>> shift);
    }
  }

  private void writeByte(int b) throws IOException {
    if (buffered == buffer.length) {
      out.write(buffer, 0, buffered);
      buffered = 0;
    }
    buffer[buffered++] = (byte) b;
    written++;
  }

  private void write(byte[] bytes, int offset, int length) throws IOException {
    if (length >= buffer.length) {
      if (buffered > 0) {
        out.write(buffer, 0, buffered);
        buffered = 0;
      }
      out.write(bytes, offset, length);
    } else {
      if (buffered + length > buffer.length) {
        out.write(buffer, 0, buffered);
        buffered = 0;
      }
      System.arraycopy(bytes, offset, buffer, buffered, length);
      buffered += length;
    }
    written += length;
  }
}
