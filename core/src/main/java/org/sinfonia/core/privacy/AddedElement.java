package org.sinfonia.core.privacy;

import java.util.List;
import org.sinfonia.core.dicom.Vr;

/**
 * An element the de-identifier adds at the end of the top-level dataset (the writer puts it in tag
 * order): a string value, or for SQ the items, each a list of elements.
 */
public record AddedElement(int tag, Vr vr, String value, List<List<AddedElement>> items) {

  public AddedElement {
    items = items == null ? List.of() : items.stream().map(List::copyOf).toList();
  }

  static AddedElement text(int tag, Vr vr, String value) {
    return new AddedElement(tag, vr, value, List.of());
  }

  static AddedElement sequence(int tag, List<List<AddedElement>> items) {
    return new AddedElement(tag, Vr.SQ, null, items);
  }
}
