package org.sinfonia.core.privacy;

/**
 * The options of the Basic Application Level Confidentiality Profile (PS3.15 E.3), in the column
 * order of Table E.1-1, each with its code from CID 7050 "De-identification Method" (PS3.16; coding
 * scheme DCM). Code meanings checked against CID 7050 as published in the DICOM terminology.
 */
public enum ConfidentialityOption {
  RETAIN_SAFE_PRIVATE("113111", "Retain Safe Private Option"),
  RETAIN_UIDS("113110", "Retain UIDs Option"),
  RETAIN_DEVICE_IDENTITY("113109", "Retain Device Identity Option"),
  RETAIN_INSTITUTION_IDENTITY("113112", "Retain Institution Identity Option"),
  RETAIN_PATIENT_CHARACTERISTICS("113108", "Retain Patient Characteristics Option"),
  RETAIN_LONGITUDINAL_FULL_DATES(
      "113106", "Retain Longitudinal Temporal Information Full Dates Option"),
  RETAIN_LONGITUDINAL_MODIFIED_DATES(
      "113107", "Retain Longitudinal Temporal Information Modified Dates Option"),
  CLEAN_DESCRIPTORS("113105", "Clean Descriptors Option"),
  CLEAN_STRUCTURED_CONTENT("113104", "Clean Structured Content Option"),
  CLEAN_GRAPHICS("113103", "Clean Graphics Option");

  /** CID 7050 code for the profile itself. */
  public static final String BASIC_PROFILE_CODE = "113100";

  public static final String BASIC_PROFILE_MEANING = "Basic Application Confidentiality Profile";

  /** CID 7050 Clean Pixel Data Option: never claimed, burned-in pixels are not scrubbed. */
  public static final String CLEAN_PIXEL_DATA_CODE = "113101";

  private final String codeValue;
  private final String codeMeaning;

  ConfidentialityOption(String codeValue, String codeMeaning) {
    this.codeValue = codeValue;
    this.codeMeaning = codeMeaning;
  }

  /** Code Value (0008,0100) in CID 7050, scheme DCM. */
  public String codeValue() {
    return codeValue;
  }

  /** Code Meaning (0008,0104) in CID 7050. */
  public String codeMeaning() {
    return codeMeaning;
  }

  /** The option with this CID 7050 code value, or null. */
  public static ConfidentialityOption byCode(String codeValue) {
    for (ConfidentialityOption o : values()) {
      if (o.codeValue.equals(codeValue)) {
        return o;
      }
    }
    return null;
  }
}
