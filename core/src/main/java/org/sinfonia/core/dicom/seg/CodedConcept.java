package org.sinfonia.core.dicom.seg;

/**
 * A coded concept (PS3.3 Code Sequence Macro, table 8.8-1): Code Value, Coding Scheme Designator
 * and Code Meaning, e.g. {@code (85756007, SCT, "Tissue")}.
 */
public record CodedConcept(String value, String scheme, String meaning) {

  /** DCM 113076 "Segmentation": the derivation of every frame. */
  public static final CodedConcept SEGMENTATION = new CodedConcept("113076", "DCM", "Segmentation");

  /** DCM 121322: what the source image of a frame was for (CID 7202). */
  public static final CodedConcept SOURCE_IMAGE_FOR_PROCESSING =
      new CodedConcept("121322", "DCM", "Source image for image processing operation");

  /** DCM 123110 "Artificial Intelligence", the algorithm family of a model (CID 7162). */
  public static final CodedConcept ARTIFICIAL_INTELLIGENCE =
      new CodedConcept("123110", "DCM", "Artificial Intelligence");

  public CodedConcept {
    if (isBlank(value) || isBlank(scheme) || isBlank(meaning)) {
      throw new IllegalArgumentException(
          "a coded concept needs a value, a scheme and a meaning: " + value + ", " + scheme);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
