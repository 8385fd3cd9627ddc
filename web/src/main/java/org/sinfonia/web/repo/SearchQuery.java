package org.sinfonia.web.repo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.repo.ResourceType;

/**
 * A search: word prefixes that must all match, resource types, exact {@code meta.KEY=VALUE} filters
 * and the DICOM facts of indexed files ({@link Dicom#none()} when none are asked).
 */
public record SearchQuery(
    List<String> prefixes, Set<ResourceType> types, Map<String, String> meta, Dicom dicom) {

  public SearchQuery(List<String> prefixes, Set<ResourceType> types, Map<String, String> meta) {
    this(prefixes, types, meta, Dicom.none());
  }

  /**
   * Filters on a file's indexed DICOM instance: exact patient ID and modality, study dates as
   * {@code YYYYMMDD} (inclusive bounds, either may be null) and a case-insensitive piece of the
   * study description.
   */
  public record Dicom(
      String patientId,
      String modality,
      String studyDateFrom,
      String studyDateTo,
      String studyDescription) {

    public static Dicom none() {
      return new Dicom(null, null, null, null, null);
    }

    public boolean any() {
      return patientId != null
          || modality != null
          || studyDateFrom != null
          || studyDateTo != null
          || studyDescription != null;
    }
  }
}
