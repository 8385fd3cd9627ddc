package org.sinfonia.core.render;

/**
 * A run of bytes in the stored file.
 *
 * @param offset where it starts, from the beginning of the file
 * @param length how many bytes
 */
public record ByteRange(long offset, long length) {

  public long end() {
    return offset + length;
  }
}
