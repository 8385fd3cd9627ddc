package org.sinfonia.core.rt;

import java.util.List;

/**
 * What the previewer shows of an RT Plan or RT Ion Plan.
 *
 * @param label RT Plan Label (300A,0002)
 * @param name RT Plan Name (300A,0003)
 * @param date RT Plan Date (300A,0006), as stored
 * @param time RT Plan Time (300A,0007), as stored
 * @param geometry RT Plan Geometry (300A,000C): PATIENT or TREATMENT_DEVICE
 * @param ionPlan true if the beams came from the Ion Beam Sequence
 * @param prescriptions Dose Reference Sequence items
 * @param fractionGroups Fraction Group Sequence items
 * @param beams Beam (or Ion Beam) Sequence items
 */
public record RtPlanSummary(
    String label,
    String name,
    String date,
    String time,
    String geometry,
    boolean ionPlan,
    List<Prescription> prescriptions,
    List<FractionGroup> fractionGroups,
    List<BeamSummary> beams) {

  public RtPlanSummary {
    prescriptions = List.copyOf(prescriptions);
    fractionGroups = List.copyOf(fractionGroups);
    beams = List.copyOf(beams);
  }
}
