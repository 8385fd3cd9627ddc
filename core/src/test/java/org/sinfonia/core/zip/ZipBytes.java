package org.sinfonia.core.zip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hand-crafts zip archives byte by byte, for the hostile cases no well-behaved writer produces:
 * lying sizes, forbidden names, encryption bits, shared data, missing records.
 */
final class ZipBytes {

  /** One entry as it will be written; every field can be set to a lie. */
  static final class Entry {
    byte[] name;
    byte[] data = new byte[0];
    int method;
    int flags;
    long crc;
    long compressedSize;
    long size;
    int madeBy = 0x031e; // Unix, zip 3.0
    long externalAttributes = 0100644L << 16;
    boolean descriptor;

    Entry name(String value) {
      name = value.getBytes(StandardCharsets.UTF_8);
      return this;
    }

    Entry rawName(byte[] value) {
      name = value;
      return this;
    }

    Entry flags(int value) {
      flags = value;
      return this;
    }

    Entry method(int value) {
      method = value;
      return this;
    }

    Entry size(long value) {
      size = value;
      return this;
    }

    Entry crc(long value) {
      crc = value;
      return this;
    }

    Entry symlink() {
      externalAttributes = 0120777L << 16;
      return this;
    }

    /** Sizes only in a trailing data descriptor (general-purpose bit 3). */
    Entry descriptor() {
      descriptor = true;
      flags |= 8;
      return this;
    }
  }

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final List<byte[]> central = new ArrayList<>();

  static Entry stored(String name, byte[] content) {
    Entry e = new Entry().name(name);
    e.method = 0;
    e.data = content;
    e.crc = crc(content);
    e.size = content.length;
    e.compressedSize = content.length;
    return e;
  }

  static Entry deflated(String name, byte[] content) {
    Entry e = stored(name, content);
    e.method = 8;
    e.data = deflate(content);
    e.compressedSize = e.data.length;
    return e;
  }

  /** An entry whose compressed data is given as is (the sizes must then be set by the caller). */
  static Entry raw(String name, int method, byte[] compressed, long size, long crc) {
    Entry e = new Entry().name(name);
    e.method = method;
    e.data = compressed;
    e.compressedSize = compressed.length;
    e.size = size;
    e.crc = crc;
    return e;
  }

  /** Writes local header, data and (if flagged) data descriptor, and a matching central record. */
  ZipBytes add(Entry e) {
    long offset = out.size();
    writeLocal(e);
    out.writeBytes(e.data);
    if (e.descriptor) {
      out.writeBytes(
          le(12 + 4)
              .putInt(0x08074b50)
              .putInt((int) e.crc)
              .putInt((int) e.compressedSize)
              .putInt((int) e.size)
              .array());
    }
    central(e, offset);
    return this;
  }

  /** Writes only a local header and data, with no central record (for streamed prefixes). */
  ZipBytes addLocalOnly(Entry e) {
    writeLocal(e);
    out.writeBytes(e.data);
    return this;
  }

  /**
   * A central record pointing at {@code offset}: lets several entries claim the same local data.
   */
  ZipBytes central(Entry e, long offset) {
    ByteBuffer b =
        le(46 + e.name.length)
            .putInt(0x02014b50)
            .putShort((short) e.madeBy)
            .putShort((short) 20)
            .putShort((short) e.flags)
            .putShort((short) e.method)
            .putInt(0x5a210000) // 2025-01-01 04:09
            .putInt((int) e.crc)
            .putInt((int) e.compressedSize)
            .putInt((int) e.size)
            .putShort((short) e.name.length)
            .putShort((short) 0)
            .putShort((short) 0)
            .putShort((short) 0)
            .putShort((short) 0)
            .putInt((int) e.externalAttributes)
            .putInt((int) offset);
    b.put(e.name);
    central.add(b.array());
    return this;
  }

  long position() {
    return out.size();
  }

  byte[] finish() {
    long cdOffset = out.size();
    for (byte[] record : central) {
      out.writeBytes(record);
    }
    long cdSize = out.size() - cdOffset;
    out.writeBytes(
        le(22)
            .putInt(0x06054b50)
            .putShort((short) 0)
            .putShort((short) 0)
            .putShort((short) central.size())
            .putShort((short) central.size())
            .putInt((int) cdSize)
            .putInt((int) cdOffset)
            .putShort((short) 0)
            .array());
    return out.toByteArray();
  }

  private void writeLocal(Entry e) {
    boolean deferred = e.descriptor;
    ByteBuffer b =
        le(30 + e.name.length)
            .putInt(0x04034b50)
            .putShort((short) 20)
            .putShort((short) e.flags)
            .putShort((short) e.method)
            .putInt(0x5a210000)
            .putInt(deferred ? 0 : (int) e.crc)
            .putInt(deferred ? 0 : (int) e.compressedSize)
            .putInt(deferred ? 0 : (int) e.size)
            .putShort((short) e.name.length)
            .putShort((short) 0);
    b.put(e.name);
    out.writeBytes(b.array());
  }

  static long crc(byte[] data) {
    CRC32 crc = new CRC32();
    crc.update(data);
    return crc.getValue();
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    while (!deflater.finished()) {
      compressed.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return compressed.toByteArray();
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
