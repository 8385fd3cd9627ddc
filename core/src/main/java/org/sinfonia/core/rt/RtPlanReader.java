package org.sinfonia.core.rt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sinfonia.core.dicom.DicomDataset;

/** Summarises an RT Plan or RT Ion Plan from its header: prescription, fractionation and beams. */
public final class RtPlanReader {

  private RtPlanReader() {}

  public static RtPlanSummary summarize(DicomDataset header) {
    List<FractionGroup> fractionGroups = fractionGroups(header);
    Map<Integer, Double> metersets = new HashMap<>();
    for (FractionGroup group : fractionGroups) {
      for (FractionGroup.BeamMeterset beam : group.beamMetersets()) {
        if (beam.beamNumber() != null && beam.meterset() != null) {
          metersets.putIfAbsent(beam.beamNumber(), beam.meterset());
        }
      }
    }
    List<DicomDataset> ionBeams = RtValues.items(header, RtTags.ION_BEAM_SEQUENCE);
    boolean ion = !ionBeams.isEmpty();
    List<BeamSummary> beams = new ArrayList<>();
    for (DicomDataset beam : ion ? ionBeams : RtValues.items(header, RtTags.BEAM_SEQUENCE)) {
      beams.add(beam(beam, ion, metersets));
    }
    return new RtPlanSummary(
        RtValues.text(header, RtTags.RT_PLAN_LABEL),
        RtValues.text(header, RtTags.RT_PLAN_NAME),
        RtValues.text(header, RtTags.RT_PLAN_DATE),
        RtValues.text(header, RtTags.RT_PLAN_TIME),
        RtValues.text(header, RtTags.RT_PLAN_GEOMETRY),
        ion,
        prescriptions(header),
        fractionGroups,
        beams);
  }

  private static List<Prescription> prescriptions(DicomDataset header) {
    List<Prescription> prescriptions = new ArrayList<>();
    for (DicomDataset item : RtValues.items(header, RtTags.DOSE_REFERENCE_SEQUENCE)) {
      prescriptions.add(
          new Prescription(
              RtValues.integer(item, RtTags.DOSE_REFERENCE_NUMBER),
              RtValues.text(item, RtTags.DOSE_REFERENCE_STRUCTURE_TYPE),
              RtValues.text(item, RtTags.DOSE_REFERENCE_DESCRIPTION),
              RtValues.text(item, RtTags.DOSE_REFERENCE_TYPE),
              RtValues.decimal(item, RtTags.TARGET_PRESCRIPTION_DOSE),
              RtValues.integer(item, RtTags.REFERENCED_ROI_NUMBER)));
    }
    return prescriptions;
  }

  private static List<FractionGroup> fractionGroups(DicomDataset header) {
    List<FractionGroup> groups = new ArrayList<>();
    for (DicomDataset item : RtValues.items(header, RtTags.FRACTION_GROUP_SEQUENCE)) {
      List<FractionGroup.BeamMeterset> metersets = new ArrayList<>();
      for (DicomDataset beam : RtValues.items(item, RtTags.REFERENCED_BEAM_SEQUENCE)) {
        metersets.add(
            new FractionGroup.BeamMeterset(
                RtValues.integer(beam, RtTags.REFERENCED_BEAM_NUMBER),
                RtValues.decimal(beam, RtTags.BEAM_METERSET)));
      }
      groups.add(
          new FractionGroup(
              RtValues.integer(item, RtTags.FRACTION_GROUP_NUMBER),
              RtValues.integer(item, RtTags.NUMBER_OF_FRACTIONS_PLANNED),
              RtValues.integer(item, RtTags.NUMBER_OF_BEAMS),
              metersets));
    }
    return groups;
  }

  private static BeamSummary beam(DicomDataset beam, boolean ion, Map<Integer, Double> metersets) {
    List<DicomDataset> points =
        RtValues.items(
            beam, ion ? RtTags.ION_CONTROL_POINT_SEQUENCE : RtTags.CONTROL_POINT_SEQUENCE);
    List<Double> angles = new ArrayList<>();
    for (DicomDataset point : points) {
      Double angle = RtValues.decimal(point, RtTags.GANTRY_ANGLE);
      if (angle != null
          && (angles.isEmpty() || !Objects.equals(angles.get(angles.size() - 1), angle))) {
        angles.add(angle);
      }
    }
    Integer number = RtValues.integer(beam, RtTags.BEAM_NUMBER);
    Integer stated = RtValues.integer(beam, RtTags.NUMBER_OF_CONTROL_POINTS);
    return new BeamSummary(
        number,
        RtValues.text(beam, RtTags.BEAM_NAME),
        RtValues.text(beam, RtTags.BEAM_TYPE),
        RtValues.text(beam, RtTags.RADIATION_TYPE),
        RtValues.text(beam, RtTags.TREATMENT_MACHINE_NAME),
        RtValues.text(beam, RtTags.PRIMARY_DOSIMETER_UNIT),
        stated != null ? stated : points.size(),
        angles,
        number == null ? null : metersets.get(number));
  }
}
