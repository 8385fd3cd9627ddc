package org.sinfonia.core.privacy;

/** One enclosing sequence of an element: the sequence's tag and the item's index (from 0). */
public record PathStep(int tag, int item) {

  /** {@code (0008,1140)[0]}. */
  @Override
  public String toString() {
    return Tags.format(tag) + "[" + item + "]";
  }
}
