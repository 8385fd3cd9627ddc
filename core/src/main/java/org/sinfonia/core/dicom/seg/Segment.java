package org.sinfonia.core.dicom.seg;

/**
 * One item of the Segment Sequence (0062,0002): what a segment is and what made it.
 *
 * @param number Segment Number, from 1, consecutive within a segmentation
 * @param label Segment Label (LO)
 * @param category Segmented Property Category, e.g. (85756007, SCT, Tissue)
 * @param type Segmented Property Type, e.g. (10200004, SCT, Liver)
 * @param cieLab Recommended Display CIELab Value (three 0-65535 numbers, PS3.3 C.10.7.1.1), or null
 * @param algorithmType AUTOMATIC, SEMIAUTOMATIC or MANUAL
 * @param algorithmName the model's name; required unless MANUAL, else may be null
 * @param algorithmVersion the model's version; required unless MANUAL, else may be null
 */
public record Segment(
    int number,
    String label,
    CodedConcept category,
    CodedConcept type,
    int[] cieLab,
    AlgorithmType algorithmType,
    String algorithmName,
    String algorithmVersion) {

  public Segment {
    if (number < 1 || number > 0xFFFF) {
      throw new IllegalArgumentException("segment number out of 1-65535: " + number);
    }
    if (label == null || label.isBlank() || category == null || type == null) {
      throw new IllegalArgumentException(
          "segment " + number + " needs a label, a property category and a property type");
    }
    if (algorithmType == null) {
      throw new IllegalArgumentException("segment " + number + " needs an algorithm type");
    }
    if (algorithmType != AlgorithmType.MANUAL
        && (isBlank(algorithmName) || isBlank(algorithmVersion))) {
      throw new IllegalArgumentException(
          "segment "
              + number
              + " is "
              + algorithmType
              + ": it needs an algorithm name and version");
    }
    if (cieLab != null) {
      if (cieLab.length != 3) {
        throw new IllegalArgumentException("a CIELab value has three numbers");
      }
      for (int v : cieLab) {
        if (v < 0 || v > 0xFFFF) {
          throw new IllegalArgumentException("CIELab number out of 0-65535: " + v);
        }
      }
      cieLab = cieLab.clone();
    }
  }

  @Override
  public int[] cieLab() {
    return cieLab == null ? null : cieLab.clone();
  }

  /** True if the segment names the algorithm (and its version) that made it. */
  public boolean hasAlgorithm() {
    return !isBlank(algorithmName) && !isBlank(algorithmVersion);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
