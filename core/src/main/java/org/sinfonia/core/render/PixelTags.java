package org.sinfonia.core.render;

/**
 * Tags of the pixel pipeline that {@link org.sinfonia.core.dicom.DicomTags} does not name: planar
 * configuration, palette colour, modality and VOI LUTs, and the extended offset table.
 */
public final class PixelTags {

  static final int PLANAR_CONFIGURATION = 0x00280006;
  public static final int RED_PALETTE_DESCRIPTOR = 0x00281101;
  public static final int GREEN_PALETTE_DESCRIPTOR = 0x00281102;
  public static final int BLUE_PALETTE_DESCRIPTOR = 0x00281103;
  public static final int RED_PALETTE_DATA = 0x00281201;
  public static final int GREEN_PALETTE_DATA = 0x00281202;
  public static final int BLUE_PALETTE_DATA = 0x00281203;
  public static final int SEGMENTED_RED_PALETTE_DATA = 0x00281221;
  public static final int SEGMENTED_GREEN_PALETTE_DATA = 0x00281222;
  public static final int SEGMENTED_BLUE_PALETTE_DATA = 0x00281223;
  public static final int VOI_LUT_FUNCTION = 0x00281056;
  public static final int VOI_LUT_SEQUENCE = 0x00283010;
  public static final int MODALITY_LUT_SEQUENCE = 0x00283000;
  public static final int LUT_DESCRIPTOR = 0x00283002;
  public static final int LUT_DATA = 0x00283006;
  public static final int EXTENDED_OFFSET_TABLE = 0x7FE00001;
  public static final int EXTENDED_OFFSET_TABLE_LENGTHS = 0x7FE00002;

  private PixelTags() {}
}
