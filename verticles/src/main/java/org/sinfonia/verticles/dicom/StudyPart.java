package org.sinfonia.verticles.dicom;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicomweb.EncodedDataset;

/**
 * One study part (a study's instances in one folder) as a search reads it, extracted once when this
 * node loads the collection: who may read it, its counts, its attributes' values as matching takes
 * them, and its QIDO-RS result encoded (on first use) for the usual case where it is the only part
 * the caller can read.
 */
final class StudyPart {

  static final String MODALITIES = DicomTags.hex(DicomTags.MODALITIES_IN_STUDY);
  static final String SERIES_COUNT = DicomTags.hex(DicomTags.NUMBER_OF_STUDY_RELATED_SERIES);
  static final String INSTANCE_COUNT = DicomTags.hex(DicomTags.NUMBER_OF_STUDY_RELATED_INSTANCES);

  final JsonObject doc;
  final String folderId;
  final List<?> readers;
  final long instances;
  final List<String> series;
  final List<String> modalities;
  private final JsonObject attrs;
  private final Map<String, List<String>> values = new HashMap<>();
  private volatile EncodedDataset encodedAttrs;
  private volatile EncodedDataset encodedAlone;

  /**
   * @param shared equal reader lists and folder ids of one loaded copy, shared: parts of one folder
   *     then hold the same objects, which a search admits once per run of them (see {@link
   *     Admission}) and which stay in the CPU's caches
   */
  StudyPart(JsonObject doc, Map<Object, Object> shared) {
    this.doc = doc;
    this.folderId = (String) shared.computeIfAbsent(doc.getString("folderId", ""), k -> k);
    this.readers =
        (List<?>)
            shared.computeIfAbsent(
                List.copyOf(doc.getJsonArray("readers", new JsonArray()).getList()), k -> k);
    this.instances = doc.getLong("instances", 0L);
    this.series = strings(doc.getJsonArray("series"));
    this.modalities = strings(doc.getJsonArray("modalities"));
    this.attrs = doc.getJsonObject("attrs", new JsonObject());
    for (String key : attrs.fieldNames()) {
      values.put(key, DicomJsonValues.of(attrs, key));
    }
  }

  /** An attribute's values (null when absent), as {@link DicomJsonValues#of} gives them. */
  List<String> values(String key) {
    return values.get(key);
  }

  JsonObject attrs() {
    return attrs;
  }

  /** The study as this part alone shows it: its attributes and the computed ones, encoded once. */
  EncodedDataset encodedAlone() {
    EncodedDataset e = encodedAlone;
    if (e == null) {
      e = encodedAttrs().with(computed(List.of(this)).members());
      encodedAlone = e; // a race only encodes twice: the result is the same
    }
    return e;
  }

  /**
   * This part's own attributes, encoded once (computed attributes come from all readable parts).
   */
  EncodedDataset encodedAttrs() {
    EncodedDataset e = encodedAttrs;
    if (e == null) {
      e = EncodedViews.of(attrs);
      encodedAttrs = e;
    }
    return e;
  }

  /** ModalitiesInStudy, NumberOfStudyRelatedSeries and -Instances over some parts of one study. */
  record Computed(List<String> modalities, int seriesCount, long instanceCount) {

    List<String> values(String key) {
      return key.equals(MODALITIES)
          ? modalities
          : List.of(Long.toString(key.equals(SERIES_COUNT) ? seriesCount : instanceCount));
    }

    Map<String, byte[]> members() {
      return Map.of(
          MODALITIES,
          EncodedDataset.member(MODALITIES, EncodedDataset.textElement("CS", modalities)),
          SERIES_COUNT,
          EncodedDataset.member(SERIES_COUNT, EncodedDataset.numberElement("IS", seriesCount)),
          INSTANCE_COUNT,
          EncodedDataset.member(INSTANCE_COUNT, EncodedDataset.numberElement("IS", instanceCount)));
    }
  }

  static Computed computed(List<StudyPart> parts) {
    if (parts.size() == 1) {
      StudyPart p = parts.get(0);
      return new Computed(
          List.copyOf(new TreeSet<>(p.modalities)),
          (int) p.series.stream().distinct().count(),
          p.instances);
    }
    TreeSet<String> modalities = new TreeSet<>();
    Set<String> series = new HashSet<>();
    long instances = 0;
    for (StudyPart p : parts) {
      modalities.addAll(p.modalities);
      series.addAll(p.series);
      instances += p.instances;
    }
    return new Computed(List.copyOf(modalities), series.size(), instances);
  }

  private static List<String> strings(JsonArray a) {
    List<String> out = new ArrayList<>(a == null ? 0 : a.size());
    if (a != null) {
      a.forEach(v -> out.add(String.valueOf(v)));
    }
    return List.copyOf(out);
  }
}
