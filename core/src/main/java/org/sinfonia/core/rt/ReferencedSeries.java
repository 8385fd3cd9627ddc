package org.sinfonia.core.rt;

/**
 * A series that a structure set was drawn on: Referenced Frame of Reference Sequence (3006,0010) >
 * RT Referenced Study Sequence (3006,0012) > RT Referenced Series Sequence (3006,0014).
 *
 * @param frameOfReferenceUid Frame of Reference UID (0020,0052) of the outer item
 * @param studyInstanceUid Referenced SOP Instance UID (0008,1155) of the study item
 * @param seriesInstanceUid Series Instance UID (0020,000E)
 * @param contourImageCount items of the Contour Image Sequence (3006,0016)
 */
public record ReferencedSeries(
    String frameOfReferenceUid,
    String studyInstanceUid,
    String seriesInstanceUid,
    int contourImageCount) {}
