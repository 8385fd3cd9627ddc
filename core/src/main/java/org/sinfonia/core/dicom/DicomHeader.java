package org.sinfonia.core.dicom;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What ingest learned of a DICOM file while it streamed in: its header attributes (bulk values as
 * offsets into the stored file), transfer syntax, the identifying UIDs an index needs, and what the
 * file does that the standard forbids but is tolerated ({@link DicomWarning}).
 *
 * <p>The data set is the instance and the file meta only its wrapper: the UIDs are always the data
 * set's (0008,0016)/(0008,0018), whatever (0002,0002)/(0002,0003) say.
 */
public record DicomHeader(
    DicomDataset dataset,
    TransferSyntax transferSyntax,
    String sopInstanceUid,
    String sopClassUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    List<DicomWarning> warnings) {

  public DicomHeader {
    warnings = List.copyOf(warnings);
  }

  /**
   * The header if the data set names its instance, series and study; else why it cannot be indexed.
   */
  public static DicomHeader of(DicomDataset dataset, TransferSyntax syntax)
      throws DicomParseException {
    return of(dataset, syntax, List.of());
  }

  /**
   * As {@link #of(DicomDataset, TransferSyntax)}, for a file whose data set also held the group
   * 0002 tags {@code strayFileMetaTags} (see {@link DicomDatasetCollector#strayFileMetaTags()}).
   */
  public static DicomHeader of(
      DicomDataset dataset, TransferSyntax syntax, List<Integer> strayFileMetaTags)
      throws DicomParseException {
    String sop = dataset.string(DicomTags.SOP_INSTANCE_UID);
    String study = dataset.string(DicomTags.STUDY_INSTANCE_UID);
    String series = dataset.string(DicomTags.SERIES_INSTANCE_UID);
    if (isBlank(sop) || isBlank(study) || isBlank(series)) {
      throw new DicomParseException(
          0,
          "",
          "no SOP Instance, Study Instance and Series Instance UID: not an indexable DICOM instance");
    }
    String sopClass = trimmed(dataset.string(DicomTags.SOP_CLASS_UID));
    List<DicomWarning> warnings = new ArrayList<>();
    fileMetaMismatch(dataset, sop.trim(), sopClass).ifPresent(warnings::add);
    if (!strayFileMetaTags.isEmpty()) {
      warnings.add(
          new DicomWarning(
              DicomWarning.Kind.FILE_META_IN_DATASET,
              "the data set holds file meta "
                  + "elements "
                  + strayFileMetaTags.stream().map(DicomTags::format).distinct().toList()
                  + "; the file meta information's own values are used"));
    }
    return new DicomHeader(
        dataset,
        syntax,
        sop.trim(),
        sopClass == null ? "" : sopClass,
        study.trim(),
        series.trim(),
        warnings);
  }

  /**
   * A file meta that names another instance or class than the data set; absent meta UIDs are no
   * mismatch.
   */
  private static Optional<DicomWarning> fileMetaMismatch(
      DicomDataset dataset, String sop, String sopClass) {
    String metaInstance = trimmed(dataset.string(DicomTags.MEDIA_STORAGE_SOP_INSTANCE_UID));
    String metaClass = trimmed(dataset.string(DicomTags.MEDIA_STORAGE_SOP_CLASS_UID));
    List<String> differences = new ArrayList<>();
    if (metaInstance != null && !metaInstance.equals(sop)) {
      differences.add(
          "Media Storage SOP Instance UID " + metaInstance + " is not the data set's " + sop);
    }
    if (metaClass != null && sopClass != null && !metaClass.equals(sopClass)) {
      differences.add(
          "Media Storage SOP Class UID " + metaClass + " is not the data set's " + sopClass);
    }
    return differences.isEmpty()
        ? Optional.empty()
        : Optional.of(
            new DicomWarning(
                DicomWarning.Kind.FILE_META_MISMATCH,
                String.join("; ", differences) + "; stored under the data set's"));
  }

  private static String trimmed(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
