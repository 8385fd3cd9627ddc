package org.sinfonia.core.dicom.write;

import java.util.List;
import org.sinfonia.core.dicom.ElementHeader;

/**
 * Decides, element by element, how {@link DicomStreamRewriter} rewrites a stream. Called on the
 * rewriter's thread, in stream order; any exception it throws (or a replacement's writer throws)
 * ends the rewrite and reaches the caller of {@code feed}/{@code end} unchanged.
 */
public interface DicomEditor {

  /**
   * The fate of one element: file meta elements (path at the top level, tag in group 0002), data
   * set elements, sequences (value null; removing one drops all its items) and bulk values (value
   * null: pixel data, values above the bulk data threshold, encapsulated pixel data).
   *
   * @param path where the element is, e.g. {@code (0008,1115)[0]>(0008,1150)}
   * @param header tag, VR, original length (undefined for sequences/fragments of undefined length)
   * @param value the value bytes in the data set's byte order, or null (sequence, bulk)
   */
  Edit edit(DicomPath path, ElementHeader header, byte[] value);

  /**
   * Elements to add to the data set or item at {@code item} ({@link DicomPath#ROOT} for the top
   * level; group 0002 tags there go to the file meta), asked once when it opens. Any order.
   */
  default List<Addition> additions(DicomPath item) {
    return List.of();
  }

  /** Keeps everything: an identity rewrite. */
  static DicomEditor identity() {
    return (path, header, value) -> Edit.KEEP;
  }
}
