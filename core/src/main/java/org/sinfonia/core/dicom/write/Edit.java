package org.sinfonia.core.dicom.write;

import org.sinfonia.core.dicom.Vr;

/**
 * What a {@link DicomEditor} decides for one element: keep it, remove it, or replace it. A
 * replacement is written by an {@link ElementWriter} in place of the whole original element (for a
 * sequence: all of its items; for bulk data: all of its bytes, which are then skipped unread).
 */
public final class Edit {

  enum Kind {
    KEEP,
    REMOVE,
    REPLACE
  }

  /** Replacement content, given the original tag and VR. */
  interface Replacement {
    void write(DicomPart10Writer writer, int tag, Vr vr) throws java.io.IOException;
  }

  public static final Edit KEEP = new Edit(Kind.KEEP, null);
  public static final Edit REMOVE = new Edit(Kind.REMOVE, null);

  final Kind kind;
  final Replacement replacement;

  private Edit(Kind kind, Replacement replacement) {
    this.kind = kind;
    this.replacement = replacement;
  }

  /**
   * Replaces the element with string values (same tag and VR), checked against the VR's length
   * limit; text VRs are encoded in the rewriter's charset (from Specific Character Set).
   */
  public static Edit replaceString(String... values) {
    return new Edit(Kind.REPLACE, (writer, tag, vr) -> writer.string(tag, vr, values));
  }

  /** Replaces the value with raw bytes in the data set's byte order (same tag and VR). */
  public static Edit replaceBytes(byte[] value) {
    return new Edit(Kind.REPLACE, (writer, tag, vr) -> writer.element(tag, vr, value));
  }

  /** Replaces the element with whatever {@code content} writes: one element of the same tag. */
  public static Edit replace(ElementWriter content) {
    return new Edit(Kind.REPLACE, (writer, tag, vr) -> content.write(writer));
  }

  public boolean isKeep() {
    return kind == Kind.KEEP;
  }

  public boolean isRemove() {
    return kind == Kind.REMOVE;
  }
}
