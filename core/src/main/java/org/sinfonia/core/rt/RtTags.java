package org.sinfonia.core.rt;

/** Tags of the RT modules (PS3.3 C.8.8) that the summaries read. */
final class RtTags {

  // RT Dose
  static final int DOSE_UNITS = 0x30040002;
  static final int DOSE_TYPE = 0x30040004;
  static final int DOSE_SUMMATION_TYPE = 0x3004000A;
  static final int GRID_FRAME_OFFSET_VECTOR = 0x3004000C;
  static final int DOSE_GRID_SCALING = 0x3004000E;

  // RT Structure Set
  static final int STRUCTURE_SET_LABEL = 0x30060002;
  static final int STRUCTURE_SET_NAME = 0x30060004;
  static final int STRUCTURE_SET_DATE = 0x30060008;
  static final int STRUCTURE_SET_TIME = 0x30060009;
  static final int REFERENCED_FRAME_OF_REFERENCE_SEQUENCE = 0x30060010;
  static final int RT_REFERENCED_STUDY_SEQUENCE = 0x30060012;
  static final int RT_REFERENCED_SERIES_SEQUENCE = 0x30060014;
  static final int CONTOUR_IMAGE_SEQUENCE = 0x30060016;
  static final int STRUCTURE_SET_ROI_SEQUENCE = 0x30060020;
  static final int ROI_NUMBER = 0x30060022;
  static final int REFERENCED_FRAME_OF_REFERENCE_UID = 0x30060024;
  static final int ROI_NAME = 0x30060026;
  static final int ROI_GENERATION_ALGORITHM = 0x30060036;
  static final int ROI_DISPLAY_COLOR = 0x3006002A;
  static final int ROI_CONTOUR_SEQUENCE = 0x30060039;
  static final int CONTOUR_SEQUENCE = 0x30060040;
  static final int CONTOUR_GEOMETRIC_TYPE = 0x30060042;
  static final int NUMBER_OF_CONTOUR_POINTS = 0x30060046;
  static final int CONTOUR_DATA = 0x30060050;
  static final int REFERENCED_ROI_NUMBER = 0x30060084;
  static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;

  // RT Plan and RT Ion Plan
  static final int RT_PLAN_LABEL = 0x300A0002;
  static final int RT_PLAN_NAME = 0x300A0003;
  static final int RT_PLAN_DATE = 0x300A0006;
  static final int RT_PLAN_TIME = 0x300A0007;
  static final int RT_PLAN_GEOMETRY = 0x300A000C;
  static final int DOSE_REFERENCE_SEQUENCE = 0x300A0010;
  static final int DOSE_REFERENCE_NUMBER = 0x300A0012;
  static final int DOSE_REFERENCE_STRUCTURE_TYPE = 0x300A0014;
  static final int DOSE_REFERENCE_DESCRIPTION = 0x300A0016;
  static final int DOSE_REFERENCE_TYPE = 0x300A0020;
  static final int TARGET_PRESCRIPTION_DOSE = 0x300A0026;
  static final int FRACTION_GROUP_SEQUENCE = 0x300A0070;
  static final int FRACTION_GROUP_NUMBER = 0x300A0071;
  static final int NUMBER_OF_FRACTIONS_PLANNED = 0x300A0078;
  static final int NUMBER_OF_BEAMS = 0x300A0080;
  static final int BEAM_METERSET = 0x300A0086;
  static final int REFERENCED_BEAM_SEQUENCE = 0x300C0004;
  static final int REFERENCED_BEAM_NUMBER = 0x300C0006;
  static final int BEAM_SEQUENCE = 0x300A00B0;
  static final int ION_BEAM_SEQUENCE = 0x300A03A2;
  static final int TREATMENT_MACHINE_NAME = 0x300A00B2;
  static final int PRIMARY_DOSIMETER_UNIT = 0x300A00B3;
  static final int BEAM_NUMBER = 0x300A00C0;
  static final int BEAM_NAME = 0x300A00C2;
  static final int BEAM_TYPE = 0x300A00C4;
  static final int RADIATION_TYPE = 0x300A00C6;
  static final int NUMBER_OF_CONTROL_POINTS = 0x300A0110;
  static final int CONTROL_POINT_SEQUENCE = 0x300A0111;
  static final int ION_CONTROL_POINT_SEQUENCE = 0x300A03A8;
  static final int GANTRY_ANGLE = 0x300A011E;

  private RtTags() {}
}
