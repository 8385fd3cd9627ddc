package org.sinfonia.core.dicom.write;

import java.util.Arrays;
import org.sinfonia.core.dicom.DicomTags;

/**
 * Where an element or item is in a data set: the enclosing sequence tags with their item indexes
 * (from 0), then, for an element, its own tag. E.g. {@code (0008,1115)[0]>(0008,1150)}. Immutable.
 */
public final class DicomPath {

  /** The top-level data set (an item path with no steps). */
  private static final int NO_TAG = -1;

  public static final DicomPath ROOT = new DicomPath(new int[0], new int[0], NO_TAG, false);

  private final int[] sequenceTags;
  private final int[] itemIndexes;
  private final int tag;
  private final boolean element;

  private DicomPath(int[] sequenceTags, int[] itemIndexes, int tag, boolean element) {
    this.sequenceTags = sequenceTags;
    this.itemIndexes = itemIndexes;
    this.tag = tag;
    this.element = element;
  }

  /** The element {@code tag} in this data set or item. */
  public DicomPath element(int elementTag) {
    if (isElement()) {
      throw new IllegalStateException("an element has no children: " + this);
    }
    return new DicomPath(sequenceTags, itemIndexes, elementTag, true);
  }

  /** Item {@code index} of the sequence this path names. */
  public DicomPath item(int index) {
    if (!isElement()) {
      throw new IllegalStateException("only a sequence element has items: " + this);
    }
    int n = sequenceTags.length;
    int[] tags = Arrays.copyOf(sequenceTags, n + 1);
    int[] indexes = Arrays.copyOf(itemIndexes, n + 1);
    tags[n] = tag;
    indexes[n] = index;
    return new DicomPath(tags, indexes, NO_TAG, false);
  }

  /** True for an element's path, false for a data set's or item's. */
  public boolean isElement() {
    return element;
  }

  /** The element's tag (for an item: the tag of its sequence; for ROOT: -1). */
  public int tag() {
    return element
        ? tag
        : sequenceTags.length == 0 ? NO_TAG : sequenceTags[sequenceTags.length - 1];
  }

  /** How many sequences enclose the element or item: 0 at the top level. */
  public int depth() {
    return sequenceTags.length;
  }

  public int sequenceTag(int level) {
    return sequenceTags[level];
  }

  public int itemIndex(int level) {
    return itemIndexes[level];
  }

  /** True if in the top-level data set (an element there, or ROOT). */
  public boolean isTopLevel() {
    return sequenceTags.length == 0;
  }

  /**
   * True if the sequence tags and the element tag are exactly {@code tags}, whatever the item
   * indexes: {@code matches(0x00081115, 0x00081150)} for a Referenced SOP Instance UID in any item
   * of the Referenced Series Sequence.
   */
  public boolean matches(int... tags) {
    int n = sequenceTags.length;
    if (!element || tags.length != n + 1 || tags[n] != tag) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (tags[i] != sequenceTags[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DicomPath path
        && path.tag == tag
        && path.element == element
        && Arrays.equals(path.sequenceTags, sequenceTags)
        && Arrays.equals(path.itemIndexes, itemIndexes);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(sequenceTags) + Arrays.hashCode(itemIndexes)) + tag;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sequenceTags.length; i++) {
      text.append(i == 0 ? "" : ">")
          .append(DicomTags.format(sequenceTags[i]))
          .append('[')
          .append(itemIndexes[i])
          .append(']');
    }
    if (element) {
      text.append(text.length() == 0 ? "" : ">").append(DicomTags.format(tag));
    }
    return text.toString();
  }
}
