package org.sinfonia.core.dicom;

import java.util.ArrayList;
import java.util.List;

/**
 * The parser's open sequences, items and fragment runs, innermost last, and the tag path they
 * spell.
 */
final class NestingStack {

  private final List<NestingLevel> levels = new ArrayList<>();

  boolean isEmpty() {
    return levels.isEmpty();
  }

  int depth() {
    return levels.size();
  }

  /** The innermost level, or null at the top of the data set. */
  NestingLevel top() {
    return levels.isEmpty() ? null : levels.get(levels.size() - 1);
  }

  void push(
      NestingLevel.Kind kind,
      int tagOrIndex,
      long end,
      boolean outerExplicitVr,
      boolean outerBigEndian) {
    levels.add(new NestingLevel(kind, tagOrIndex, end, limit(), outerExplicitVr, outerBigEndian));
  }

  NestingLevel pop() {
    return levels.remove(levels.size() - 1);
  }

  /** The offset nothing inside the innermost level may pass (its or an enclosing defined end). */
  long limit() {
    return levels.isEmpty() ? Long.MAX_VALUE : top().limit;
  }

  /** E.g. {@code (0008,1115)[0]>(0008,1150)}; {@code tag} is the element being read, or -1. */
  String path(int tag) {
    StringBuilder path = new StringBuilder();
    for (NestingLevel level : levels) {
      if (level.kind == NestingLevel.Kind.ITEM) {
        path.append('[').append(level.tagOrIndex).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ">").append(DicomTags.format(level.tagOrIndex));
      }
    }
    if (tag != -1) {
      path.append(path.length() == 0 ? "" : ">").append(DicomTags.format(tag));
    }
    return path.toString();
  }
}
