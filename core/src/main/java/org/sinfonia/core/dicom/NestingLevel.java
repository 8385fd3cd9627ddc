package org.sinfonia.core.dicom;

/**
 * One open sequence, item or run of pixel data fragments, as the parser's saved state: where it
 * ends and what to restore when it closes.
 */
final class NestingLevel {

  enum Kind {
    SEQUENCE,
    ITEM,
    FRAGMENTS
  }

  final Kind kind;

  /** The sequence's or pixel data's tag; for an item, its index in the sequence. */
  final int tagOrIndex;

  /** Offset just past the level's last byte, or -1 if a delimiter closes it. */
  final long end;

  /** The nearest defined end of this level or an enclosing one: nothing inside may pass it. */
  final long limit;

  /**
   * Encoding outside this level: a UN sequence of undefined length switches to implicit VR inside.
   */
  final boolean outerExplicitVr;

  final boolean outerBigEndian;

  /** Items (or fragments) seen so far inside a sequence (or pixel data). */
  int children;

  NestingLevel(
      Kind kind,
      int tagOrIndex,
      long end,
      long outerLimit,
      boolean outerExplicitVr,
      boolean outerBigEndian) {
    this.kind = kind;
    this.tagOrIndex = tagOrIndex;
    this.end = end;
    this.limit = end >= 0 ? Math.min(end, outerLimit) : outerLimit;
    this.outerExplicitVr = outerExplicitVr;
    this.outerBigEndian = outerBigEndian;
  }

  boolean hasDefinedEnd() {
    return end >= 0;
  }
}
