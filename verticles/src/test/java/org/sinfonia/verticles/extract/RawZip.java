package org.sinfonia.verticles.extract;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Zip archives written byte by byte, for what no well-behaved writer produces: names with {@code
 * ..}, absolute paths, drive letters and backslashes, link entries, unknown methods, CP437 names,
 * and several central-directory records over one local entry (an overlapping-entry bomb). Small
 * archives only (built in memory).
 */
final class RawZip {

  static final int STORED = 0;
  static final int DEFLATED = 8;
  static final int UTF8_FLAG = 1 << 11;

  /**
   * One entry: raw name bytes, method, flags, its bytes as stored, and the CRC and size of what
   * they decode to.
   */
  record Entry(
      byte[] name,
      int method,
      int flags,
      byte[] data,
      long crc,
      long size,
      int madeBy,
      long externalAttrs) {

    static Entry stored(String name, byte[] content) {
      return new Entry(
          name.getBytes(StandardCharsets.UTF_8),
          STORED,
          UTF8_FLAG,
          content,
          RawZip.crc(content),
          content.length,
          20,
          0);
    }

    static Entry deflated(String name, byte[] content) {
      return new Entry(
          name.getBytes(StandardCharsets.UTF_8),
          DEFLATED,
          UTF8_FLAG,
          deflate(content),
          RawZip.crc(content),
          content.length,
          20,
          0);
    }

    /**
     * A symbolic link as Info-ZIP {@code zip -y} writes it: Unix mode 0120777, the target as
     * content.
     */
    static Entry symlink(String name, String target) {
      byte[] t = target.getBytes(StandardCharsets.UTF_8);
      return new Entry(
          name.getBytes(StandardCharsets.UTF_8),
          STORED,
          UTF8_FLAG,
          t,
          RawZip.crc(t),
          t.length,
          (3 << 8) | 30,
          0120777L << 16);
    }

    Entry withName(byte[] raw, int newFlags) {
      return new Entry(raw, method, newFlags, data, crc, size, madeBy, externalAttrs);
    }

    Entry withMethod(int m) {
      return new Entry(name, m, flags, data, crc, size, madeBy, externalAttrs);
    }
  }

  private RawZip() {}

  static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  static byte[] deflate(byte[] content) {
    Deflater d = new Deflater(Deflater.BEST_SPEED, true);
    d.setInput(content);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 << 10];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  /** An archive of the entries, each with its own local header and data. */
  static byte[] of(List<Entry> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<Long> offsets = new ArrayList<>();
    for (Entry e : entries) {
      offsets.add((long) out.size());
      out.writeBytes(localHeader(e));
      out.writeBytes(e.data());
    }
    List<byte[]> central = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      central.add(centralRecord(entries.get(i), entries.get(i).name(), offsets.get(i)));
    }
    return finish(out, central, entries.size());
  }

  /**
   * An overlapping-entry bomb: one local entry (a deflated kernel) and {@code copies}
   * central-directory records, each with a name of its own, all pointing at it. Unpacked naively,
   * it yields {@code copies} times the kernel.
   */
  static byte[] overlapping(Entry kernel, int copies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(localHeader(kernel));
    out.writeBytes(kernel.data());
    List<byte[]> central = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      central.add(
          centralRecord(
              kernel, String.format("bomb/%04d.bin", i).getBytes(StandardCharsets.UTF_8), 0));
    }
    return finish(out, central, copies);
  }

  private static byte[] finish(ByteArrayOutputStream out, List<byte[]> central, int count) {
    long cdOffset = out.size();
    central.forEach(out::writeBytes);
    long cdSize = out.size() - cdOffset;
    ByteBuffer end = le(22);
    end.putInt(0x06054b50)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) count)
        .putShort((short) count)
        .putInt((int) cdSize)
        .putInt((int) cdOffset)
        .putShort((short) 0);
    out.writeBytes(end.array());
    return out.toByteArray();
  }

  private static byte[] localHeader(Entry e) {
    ByteBuffer b = le(30 + e.name().length);
    b.putInt(0x04034b50)
        .putShort((short) 20)
        .putShort((short) e.flags())
        .putShort((short) e.method())
        .putShort((short) 0)
        .putShort((short) 0x21)
        .putInt((int) e.crc())
        .putInt(e.data().length)
        .putInt((int) e.size())
        .putShort((short) e.name().length)
        .putShort((short) 0)
        .put(e.name());
    return b.array();
  }

  private static byte[] centralRecord(Entry e, byte[] name, long offset) {
    ByteBuffer b = le(46 + name.length);
    b.putInt(0x02014b50)
        .putShort((short) e.madeBy())
        .putShort((short) 20)
        .putShort((short) e.flags())
        .putShort((short) e.method())
        .putShort((short) 0)
        .putShort((short) 0x21)
        .putInt((int) e.crc())
        .putInt(e.data().length)
        .putInt((int) e.size())
        .putShort((short) name.length)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) 0)
        .putShort((short) 0)
        .putInt((int) e.externalAttrs())
        .putInt((int) offset)
        .put(name);
    return b.array();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
