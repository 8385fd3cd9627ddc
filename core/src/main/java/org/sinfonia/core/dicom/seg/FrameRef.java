package org.sinfonia.core.dicom.seg;

/**
 * One frame of a segmentation: the mask of segment {@code segmentNumber} on source slice {@code
 * sliceIndex} (an index into {@link SegmentationHeader#sources()}).
 */
public record FrameRef(int segmentNumber, int sliceIndex) {}
