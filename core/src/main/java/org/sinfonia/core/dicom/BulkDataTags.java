package org.sinfonia.core.dicom;

/**
 * Elements whose values are bulk data whatever their size: pixel data and its float variants,
 * waveform, spectroscopy, overlay, curve and audio data, and encapsulated documents. The parser
 * skips them and records where they are, so they can be served later as byte ranges of the file.
 */
final class BulkDataTags {

  private BulkDataTags() {}

  static boolean isBulkData(int tag) {
    switch (tag) {
      case DicomTags.PIXEL_DATA:
      case DicomTags.FLOAT_PIXEL_DATA:
      case DicomTags.DOUBLE_FLOAT_PIXEL_DATA:
      case DicomTags.WAVEFORM_DATA:
      case DicomTags.SPECTROSCOPY_DATA:
      case DicomTags.ENCAPSULATED_DOCUMENT:
        return true;
      default:
        break;
    }
    int group = tag >>> 16;
    int element = tag & 0xFFFF;
    boolean repeatingGroup = (group & 1) == 0;
    return repeatingGroup && (group & 0xFF00) == 0x6000 && element == 0x3000 // Overlay Data
        || repeatingGroup
            && (group & 0xFF00) == 0x5000
            && (element == 0x3000 || element == 0x200C) // Curve, Audio
        || repeatingGroup && (group & 0xFF00) == 0x7F00 && element == 0x0010; // Variable Pixel Data
  }
}
