package org.sinfonia.core.dicom.seg;

/** Segment Algorithm Type (0062,0008): how a segment was made. */
public enum AlgorithmType {
  AUTOMATIC,
  SEMIAUTOMATIC,
  MANUAL
}
