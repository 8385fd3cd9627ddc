package org.sinfonia.core.privacy;

import java.util.List;
import org.sinfonia.core.dicom.DicomDictionary;
import org.sinfonia.core.dicom.DictionaryEntry;

/** Tag formatting and names for findings. */
final class Tags {

  static final int PATIENT_NAME = 0x00100010;
  static final int PATIENT_ID = 0x00100020;
  static final int PATIENT_IDENTITY_REMOVED = 0x00120062;
  static final int DEIDENTIFICATION_METHOD = 0x00120063;
  static final int DEIDENTIFICATION_METHOD_CODE_SEQUENCE = 0x00120064;
  static final int BURNED_IN_ANNOTATION = 0x00280301;
  static final int LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = 0x00280303;
  static final int CODE_VALUE = 0x00080100;
  static final int CODING_SCHEME_DESIGNATOR = 0x00080102;
  static final int CODE_MEANING = 0x00080104;

  private Tags() {}

  static String format(int tag) {
    return String.format("(%04X,%04X)", tag >>> 16, tag & 0xFFFF);
  }

  static boolean isPrivate(int tag) {
    return (tag >>> 16 & 1) == 1;
  }

  /** Private creator element (gggg,0010-00FF). */
  static boolean isPrivateCreator(int tag) {
    int e = tag & 0xFFFF;
    return isPrivate(tag) && e >= 0x0010 && e <= 0x00FF;
  }

  /** The keyword from the standard dictionary, or a fallback. */
  static String keyword(int tag) {
    if (isPrivate(tag)) {
      return isPrivateCreator(tag) ? "PrivateCreator" : "Private";
    }
    return DicomDictionary.standard().lookup(tag).map(DictionaryEntry::keyword).orElse("Unknown");
  }

  /** {@code (0008,1140)[0]>(0008,1155)}: the path and the element, never a value. */
  static String location(List<PathStep> path, int tag) {
    StringBuilder b = new StringBuilder();
    for (PathStep s : path) {
      b.append(s).append('>');
    }
    return b.append(format(tag)).toString();
  }
}
