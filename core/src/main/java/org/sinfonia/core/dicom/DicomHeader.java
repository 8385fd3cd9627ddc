package org.sinfonia.core.dicom;

/**
 * What ingest learned of a DICOM file while it streamed in: its header attributes (bulk values as offsets
 * into the stored file), transfer syntax and the identifying UIDs an index needs.
 */
public record DicomHeader(DicomDataset dataset, TransferSyntax transferSyntax, String sopInstanceUid,
                          String sopClassUid, String studyInstanceUid, String seriesInstanceUid) {

    /** The header if the data set names its instance, series and study; else why it cannot be indexed. */
    public static DicomHeader of(DicomDataset dataset, TransferSyntax syntax) throws DicomParseException {
        String sop = dataset.string(DicomTags.SOP_INSTANCE_UID);
        String study = dataset.string(DicomTags.STUDY_INSTANCE_UID);
        String series = dataset.string(DicomTags.SERIES_INSTANCE_UID);
        if (isBlank(sop) || isBlank(study) || isBlank(series)) {
            throw new DicomParseException(0, "",
                "no SOP Instance, Study Instance and Series Instance UID: not an indexable DICOM instance");
        }
        String sopClass = dataset.string(DicomTags.SOP_CLASS_UID);
        return new DicomHeader(dataset, syntax, sop.trim(), sopClass == null ? "" : sopClass.trim(), study.trim(),
            series.trim());
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
