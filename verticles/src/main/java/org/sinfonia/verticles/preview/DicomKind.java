package org.sinfonia.verticles.preview;

import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomTags;

/**
 * What a DICOM object is to the previewer, by SOP Class UID (Modality when the class is unknown).
 */
enum DicomKind {
  IMAGE,
  RT_DOSE,
  RT_STRUCT,
  RT_PLAN,
  OTHER;

  static final String RT_DOSE_STORAGE = "1.2.840.10008.5.1.4.1.1.481.2";
  static final String RT_STRUCTURE_SET_STORAGE = "1.2.840.10008.5.1.4.1.1.481.3";
  static final String RT_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.5";
  static final String RT_ION_PLAN_STORAGE = "1.2.840.10008.5.1.4.1.1.481.8";

  static DicomKind of(DicomDataset header) {
    String sopClass = trimmed(header.string(DicomTags.SOP_CLASS_UID));
    String modality = trimmed(header.string(DicomTags.MODALITY));
    if (sopClass.equals(RT_DOSE_STORAGE) || modality.equals("RTDOSE")) {
      return RT_DOSE;
    }
    if (sopClass.equals(RT_STRUCTURE_SET_STORAGE) || modality.equals("RTSTRUCT")) {
      return RT_STRUCT;
    }
    if (sopClass.equals(RT_PLAN_STORAGE)
        || sopClass.equals(RT_ION_PLAN_STORAGE)
        || modality.equals("RTPLAN")) {
      return RT_PLAN;
    }
    return header.contains(DicomTags.PIXEL_DATA) ? IMAGE : OTHER;
  }

  /** Whether an ingest-time thumbnail is worth making (there are pixels to show). */
  boolean hasPicture() {
    return this == IMAGE || this == RT_DOSE;
  }

  String label() {
    return switch (this) {
      case IMAGE -> "image";
      case RT_DOSE -> "rtdose";
      case RT_STRUCT -> "rtstruct";
      case RT_PLAN -> "rtplan";
      case OTHER -> "other";
    };
  }

  private static String trimmed(String s) {
    return s == null ? "" : s.trim();
  }
}
