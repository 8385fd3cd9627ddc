package org.sinfonia.core.repo;

import org.sinfonia.core.error.ApiError;

/** A page request: {@code limit} items after skipping {@code offset}, in {@code sort} order. */
public record Paging(int limit, long offset, Sort sort) {

  public enum Sort {
    /** Creation order: served from per-folder child lists, fast on every backend. */
    CREATED,
    /** Case-insensitive name order: an index on MongoDB, a scan on the embedded store. */
    NAME
  }

  public static Paging parse(
      String limit, String offset, String sort, int defaultLimit, int maxLimit) {
    int l = parseInt(limit, defaultLimit, "limit");
    long o = parseInt(offset, 0, "offset");
    if (l < 1 || l > maxLimit) {
      throw ApiError.badRequest("INVALID_PAGING", "limit must be between 1 and %d", maxLimit);
    }
    if (o < 0) {
      throw ApiError.badRequest("INVALID_PAGING", "offset must not be negative");
    }
    Sort s;
    if (sort == null || sort.isBlank() || sort.equals("created")) {
      s = Sort.CREATED;
    } else if (sort.equals("name")) {
      s = Sort.NAME;
    } else {
      throw ApiError.badRequest("INVALID_PAGING", "sort is 'created' or 'name'");
    }
    return new Paging(l, o, s);
  }

  private static int parseInt(String v, int fallback, String name) {
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("INVALID_PAGING", "%s must be an integer", name);
    }
  }
}
