/**
 * Binary DICOM Segmentation (SEG) files written as a stream: {@link
 * org.sinfonia.core.dicom.seg.SegmentationWriter} over a {@link
 * org.sinfonia.core.dicom.seg.SegmentationHeader} (source study and slices, new series, equipment,
 * segments) and the masks, through {@link org.sinfonia.core.dicom.write.DicomPart10Writer}. See
 * docs/seg.md.
 */
package org.sinfonia.core.dicom.seg;
