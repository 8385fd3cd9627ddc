package org.sinfonia.core.dicom;

/**
 * Tags (group in the high 16 bits, element in the low 16) used by name in Sinfonia's code: the file
 * meta information, the QIDO-RS / OHIF attributes, image pixel description and the bulk data
 * elements. Any other tag is reachable through {@link DicomDictionary#tagOf(String)}.
 */
public final class DicomTags {

  // File meta information (group 0002)
  public static final int FILE_META_INFORMATION_GROUP_LENGTH = 0x00020000;
  public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
  public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
  public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

  // SOP common, study, series and instance level attributes queried by QIDO-RS and shown by OHIF
  public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
  public static final int IMAGE_TYPE = 0x00080008;
  public static final int SOP_CLASS_UID = 0x00080016;
  public static final int SOP_INSTANCE_UID = 0x00080018;
  public static final int STUDY_DATE = 0x00080020;
  public static final int SERIES_DATE = 0x00080021;
  public static final int STUDY_TIME = 0x00080030;
  public static final int SERIES_TIME = 0x00080031;
  public static final int ACCESSION_NUMBER = 0x00080050;
  public static final int RETRIEVE_URL = 0x00081190;
  public static final int INSTANCE_AVAILABILITY = 0x00080056;
  public static final int MODALITIES_IN_STUDY = 0x00080061;
  public static final int MODALITY = 0x00080060;
  public static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
  public static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
  public static final int STUDY_DESCRIPTION = 0x00081030;
  public static final int SERIES_DESCRIPTION = 0x0008103E;
  public static final int PATIENT_NAME = 0x00100010;
  public static final int PATIENT_ID = 0x00100020;
  public static final int PATIENT_BIRTH_DATE = 0x00100030;
  public static final int PATIENT_SEX = 0x00100040;
  public static final int STUDY_INSTANCE_UID = 0x0020000D;
  public static final int SERIES_INSTANCE_UID = 0x0020000E;
  public static final int STUDY_ID = 0x00200010;
  public static final int SERIES_NUMBER = 0x00200011;
  public static final int INSTANCE_NUMBER = 0x00200013;
  public static final int IMAGE_POSITION_PATIENT = 0x00200032;
  public static final int IMAGE_ORIENTATION_PATIENT = 0x00200037;
  public static final int FRAME_OF_REFERENCE_UID = 0x00200052;
  public static final int NUMBER_OF_STUDY_RELATED_SERIES = 0x00201206;
  public static final int NUMBER_OF_STUDY_RELATED_INSTANCES = 0x00201208;
  public static final int NUMBER_OF_SERIES_RELATED_INSTANCES = 0x00201209;

  // Image pixel description
  public static final int SAMPLES_PER_PIXEL = 0x00280002;
  public static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
  public static final int NUMBER_OF_FRAMES = 0x00280008;
  public static final int ROWS = 0x00280010;
  public static final int COLUMNS = 0x00280011;
  public static final int PIXEL_SPACING = 0x00280030;
  public static final int BITS_ALLOCATED = 0x00280100;
  public static final int BITS_STORED = 0x00280101;
  public static final int HIGH_BIT = 0x00280102;
  public static final int PIXEL_REPRESENTATION = 0x00280103;
  public static final int WINDOW_CENTER = 0x00281050;
  public static final int WINDOW_WIDTH = 0x00281051;
  public static final int RESCALE_INTERCEPT = 0x00281052;
  public static final int RESCALE_SLOPE = 0x00281053;

  // Bulk data: skipped by the parser, located by offset and length
  public static final int FLOAT_PIXEL_DATA = 0x7FE00008;
  public static final int DOUBLE_FLOAT_PIXEL_DATA = 0x7FE00009;
  public static final int PIXEL_DATA = 0x7FE00010;
  public static final int WAVEFORM_DATA = 0x54001010;
  public static final int SPECTROSCOPY_DATA = 0x56000020;
  public static final int ENCAPSULATED_DOCUMENT = 0x00420011;

  // Items and delimiters (group FFFE): structure, not attributes
  public static final int ITEM = 0xFFFEE000;
  public static final int ITEM_DELIMITATION_ITEM = 0xFFFEE00D;
  public static final int SEQUENCE_DELIMITATION_ITEM = 0xFFFEE0DD;

  private DicomTags() {}

  /** "(gggg,eeee)" in upper-case hex, the way tag paths and error messages show a tag. */
  public static String format(int tag) {
    return "(" + hex4(tag >>> 16) + "," + hex4(tag & 0xFFFF) + ")";
  }

  /** "GGGGEEEE", the DICOM JSON attribute key. */
  public static String hex(int tag) {
    return hex4(tag >>> 16) + hex4(tag & 0xFFFF);
  }

  /**
   * True for the odd groups that hold private attributes (groups 0001-0007 and FFFF are not
   * private).
   */
  public static boolean isPrivate(int tag) {
    int group = tag >>> 16;
    return (group & 1) == 1 && group > 0x0008 && group != 0xFFFF;
  }

  /** True for (gggg,0010)-(gggg,00FF) of a private group: the element that reserves a block. */
  public static boolean isPrivateCreator(int tag) {
    int element = tag & 0xFFFF;
    return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
  }

  private static String hex4(int value) {
    String digits = Integer.toHexString(value).toUpperCase(java.util.Locale.ROOT);
    return "0000".substring(digits.length()) + digits;
  }
}
