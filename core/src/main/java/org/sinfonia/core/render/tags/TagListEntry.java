package org.sinfonia.core.render.tags;

import java.util.List;

/**
 * One row of the previewer's attribute list.
 *
 * @param tag "(gggg,eeee)"
 * @param keyword the dictionary keyword ("PatientName"); empty for private and unknown tags
 * @param name the dictionary name ("Patient Name"); empty for private and unknown tags
 * @param vr the value representation as read
 * @param privateCreator the creator that reserved a private element's block; null for public tags
 * @param value the value as people read it: names in natural order, numbers, bulk data as "OW,
 *     524288 bytes at offset 1234", a sequence as "2 items"
 * @param items a sequence's items, each a list of rows; empty for other values
 */
public record TagListEntry(
    String tag,
    String keyword,
    String name,
    String vr,
    String privateCreator,
    String value,
    List<List<TagListEntry>> items) {

  public TagListEntry {
    items = items.stream().map(List::copyOf).toList();
  }
}
