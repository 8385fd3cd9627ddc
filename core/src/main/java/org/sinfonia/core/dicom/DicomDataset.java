package org.sinfonia.core.dicom;

import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * The attributes of a data set (or of one sequence item) in ascending tag order, as collected by
 * {@link DicomDatasetCollector}. File meta information elements (group 0002) are included in the
 * top-level data set. Read-only for its users.
 */
public final class DicomDataset {

  private final TreeMap<Integer, DicomElement> elements = new TreeMap<>(Integer::compareUnsigned);

  DicomDataset() {}

  /** Adds or replaces an element (a file that repeats a tag keeps the last one). */
  void put(DicomElement element) {
    elements.put(element.tag(), element);
  }

  public Optional<DicomElement> find(int tag) {
    return Optional.ofNullable(elements.get(tag));
  }

  public boolean contains(int tag) {
    return elements.containsKey(tag);
  }

  /** The first text value of an element, or null if it is absent or empty. */
  public String string(int tag) {
    DicomElement element = elements.get(tag);
    return element == null ? null : element.string();
  }

  /** The first integer value (binary or IS text), or {@code absent}. */
  public long longValue(int tag, long absent) {
    DicomElement element = elements.get(tag);
    long[] values = element == null ? new long[0] : element.longs();
    return values.length == 0 ? absent : values[0];
  }

  /** All elements in ascending tag order. */
  public Collection<DicomElement> elements() {
    return Collections.unmodifiableCollection(elements.values());
  }

  public int size() {
    return elements.size();
  }

  /**
   * The private creator that reserved the block of a private tag: (gggg,xxyy) is reserved by
   * (gggg,00xx).
   */
  public Optional<String> privateCreatorOf(int tag) {
    int block = tag >>> 8 & 0xFF;
    if (!DicomTags.isPrivate(tag) || block < 0x10) {
      return Optional.empty();
    }
    return Optional.ofNullable(string(tag & 0xFFFF0000 | block));
  }

  /**
   * The tag of private element {@code offset} (00-FF) of {@code creator}'s block in {@code group}:
   * the block number depends on the file, so private attributes are found by creator.
   */
  public OptionalInt privateTag(String creator, int group, int offset) {
    for (int block = 0x10; block <= 0xFF; block++) {
      int creatorTag = group << 16 | block;
      if (creator.equals(string(creatorTag))) {
        return OptionalInt.of(group << 16 | block << 8 | offset & 0xFF);
      }
    }
    return OptionalInt.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DicomDataset dataset && elements.equals(dataset.elements);
  }

  @Override
  public int hashCode() {
    return elements.hashCode();
  }

  @Override
  public String toString() {
    return "DicomDataset" + elements.values();
  }
}
