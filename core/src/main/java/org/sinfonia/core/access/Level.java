package org.sinfonia.core.access;

import org.sinfonia.core.error.ApiError;

/** Access levels, ordered as in Girder: READ (0) &lt; WRITE (1) &lt; ADMIN (2). */
public enum Level {
  READ,
  WRITE,
  ADMIN;

  public int code() {
    return ordinal();
  }

  public boolean atLeast(Level other) {
    return ordinal() >= other.ordinal();
  }

  public static Level max(Level a, Level b) {
    if (a == null) {
      return b;
    }
    return b == null || a.atLeast(b) ? a : b;
  }

  /** Parses the numeric form (0, 1, 2) used in the API. */
  public static Level ofCode(int code) {
    if (code < 0 || code > 2) {
      throw ApiError.badRequest(
          "INVALID_LEVEL", "access levels are 0 (read), 1 (write) or 2 (admin), not %d", code);
    }
    return values()[code];
  }
}
