package org.sinfonia.core.dicom.seg;

/** Enhanced General Equipment module (PS3.3 C.7.5.2): all four attributes are type 1. */
public record Equipment(
    String manufacturer, String modelName, String deviceSerialNumber, String softwareVersions) {

  /** Sinfonia itself as the equipment that wrote the segmentation. */
  public static final Equipment SINFONIA =
      new Equipment("Sinfonia", "Sinfonia SEG writer", "1", "SINFONIA_1");

  public Equipment {
    if (isBlank(manufacturer)
        || isBlank(modelName)
        || isBlank(deviceSerialNumber)
        || isBlank(softwareVersions)) {
      throw new IllegalArgumentException("every equipment attribute is required (type 1)");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
