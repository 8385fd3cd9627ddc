package org.sinfonia.core.dicom.seg;

import java.io.IOException;

/**
 * The masks of a segmentation, asked for by segment and slice, possibly twice each (see {@link
 * SegmentationWriter#write}): the same question must get the same answer. A mask is rows x columns
 * bytes, row by row; a pixel is in the segment when its byte is not 0. Null means an empty mask.
 */
@FunctionalInterface
public interface FrameSource {

  byte[] mask(int segmentNumber, int sliceIndex) throws IOException;
}
