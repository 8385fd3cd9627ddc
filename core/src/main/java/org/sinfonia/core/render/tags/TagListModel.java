package org.sinfonia.core.render.tags;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomDictionary;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DictionaryEntry;

/**
 * The previewer's attribute list: every element of a data set in tag order, sequences nested,
 * private elements with their creator, values as {@link TagValueText} shows them.
 */
public final class TagListModel {

  private final DicomDictionary dictionary;

  public TagListModel(DicomDictionary dictionary) {
    this.dictionary = dictionary;
  }

  public TagListModel() {
    this(DicomDictionary.standard());
  }

  public List<TagListEntry> of(DicomDataset dataset) {
    List<TagListEntry> rows = new ArrayList<>(dataset.size());
    for (DicomElement element : dataset.elements()) {
      int tag = element.tag();
      List<List<TagListEntry>> items = new ArrayList<>();
      for (DicomDataset item : element.items()) {
        items.add(of(item));
      }
      String creator =
          DicomTags.isPrivate(tag) && !DicomTags.isPrivateCreator(tag)
              ? dataset.privateCreatorOf(tag).orElse("")
              : null;
      Optional<DictionaryEntry> entry = publicEntry(tag);
      rows.add(
          new TagListEntry(
              DicomTags.format(tag),
              keyword(tag, entry),
              entry
                  .map(DictionaryEntry::name)
                  .orElse(DicomTags.isPrivateCreator(tag) ? "Private Creator" : ""),
              element.vr().name(),
              creator,
              TagValueText.of(element),
              items));
    }
    return rows;
  }

  private static String keyword(int tag, Optional<DictionaryEntry> entry) {
    return DicomTags.isPrivateCreator(tag)
        ? "PrivateCreator"
        : entry.map(DictionaryEntry::keyword).orElse("");
  }

  /**
   * The dictionary entry of a public tag; private tags have none (their meaning depends on the
   * creator).
   */
  private Optional<DictionaryEntry> publicEntry(int tag) {
    return DicomTags.isPrivate(tag) ? Optional.empty() : dictionary.lookup(tag);
  }
}
