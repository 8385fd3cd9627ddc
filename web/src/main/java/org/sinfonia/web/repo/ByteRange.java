package org.sinfonia.web.repo;

import java.util.Optional;
import org.sinfonia.core.error.ApiError;

/** A single satisfiable byte range of a representation of {@code size} bytes (RFC 9110 14.1.2). */
public record ByteRange(long start, long length) {

  /**
   * Empty when the whole representation should be sent: no header, a malformed one, or several
   * ranges (allowed: a server may ignore Range). Throws RANGE_NOT_SATISFIABLE when no byte of it
   * exists.
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return Optional.empty();
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || size == 0) {
          throw unsatisfiable(size);
        }
        long n = Math.min(suffix, size);
        return Optional.of(new ByteRange(size - n, n));
      }
      long start = Long.parseLong(a);
      long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
      if (start >= size || end < start) {
        throw unsatisfiable(size);
      }
      return Optional.of(new ByteRange(start, end - start + 1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static ApiError unsatisfiable(long size) {
    return new ApiError(
        ApiError.Kind.RANGE_NOT_SATISFIABLE,
        "RANGE_NOT_SATISFIABLE",
        "the file has " + size + " bytes");
  }

  public String contentRange(long size) {
    return "bytes " + start + "-" + (start + length - 1) + "/" + size;
  }
}
