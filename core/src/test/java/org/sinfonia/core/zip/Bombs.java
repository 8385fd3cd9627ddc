package org.sinfonia.core.zip;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Zip bombs, made quickly: nothing here deflates gigabytes. */
final class Bombs {

  private static final int MIB = 1 << 20;

  private Bombs() {}

  /** A raw deflate stream of {@code mebibytes} MiB of zeros and its CRC-32. */
  record Deflated(byte[] data, long size, long crc) {}

  /**
   * Deflates one MiB of zeros once, ending it with a full flush (byte-aligned, no back-references
   * across it), then repeats that block: a valid deflate stream of any length for the cost of
   * copying ~1 KiB per MiB.
   */
  static Deflated zeros(int mebibytes) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[MIB]);
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH)) > 0) {
      block.write(buffer, 0, n);
    }
    deflater.end();
    byte[] one = block.toByteArray();
    ByteArrayOutputStream stream = new ByteArrayOutputStream(one.length * mebibytes + 2);
    CRC32 crc = new CRC32();
    byte[] zeros = new byte[MIB];
    for (int i = 0; i < mebibytes; i++) {
      stream.writeBytes(one);
      crc.update(zeros);
    }
    stream.writeBytes(new byte[] {3, 0}); // a final, empty fixed-Huffman block
    return new Deflated(stream.toByteArray(), (long) mebibytes * MIB, crc.getValue());
  }

  /**
   * An archive of {@code count} empty entries spread over directories, written by Commons Compress.
   */
  static Path manyEmptyEntries(Path file, int count) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new NonSeekable(out))) {
      for (int i = 0; i < count; i++) {
        ZipArchiveEntry entry = new ZipArchiveEntry(String.format("d%03d/f%06d", i % 997, i));
        entry.setMethod(ZipArchiveEntry.STORED);
        entry.setSize(0);
        entry.setCrc(0);
        zip.putArchiveEntry(entry);
        zip.closeArchiveEntry();
      }
    }
    return file;
  }

  /** An archive holding {@code copies} copies of {@code inner} (stored, as 42.zip does). */
  static byte[] nest(byte[] inner, int copies) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new NonSeekable(bytes))) {
      for (int i = 0; i < copies; i++) {
        ZipArchiveEntry entry = new ZipArchiveEntry(Integer.toHexString(i) + ".zip");
        entry.setMethod(ZipArchiveEntry.STORED);
        entry.setSize(inner.length);
        entry.setCrc(ZipBytes.crc(inner));
        zip.putArchiveEntry(entry);
        zip.write(inner);
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Hides seekability, so Commons Compress writes as it would to a socket. */
  static final class NonSeekable extends OutputStream {
    private final OutputStream out;

    NonSeekable(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }
}
