package org.sinfonia.core.rt;

import java.util.List;

/**
 * One beam of the Beam Sequence (300A,00B0), or of the Ion Beam Sequence (300A,03A2) of an RT Ion
 * Plan.
 *
 * @param number Beam Number (300A,00C0)
 * @param name Beam Name (300A,00C2)
 * @param type Beam Type (300A,00C4): STATIC or DYNAMIC
 * @param radiationType Radiation Type (300A,00C6): PHOTON, ELECTRON, PROTON, ION, ...
 * @param treatmentMachine Treatment Machine Name (300A,00B2)
 * @param primaryDosimeterUnit Primary Dosimeter Unit (300A,00B3): MU, MINUTE, NP
 * @param controlPoints Number of Control Points (300A,0110), else the control point items
 * @param gantryAngles Gantry Angle (300A,011E) of the control points that state one, in order,
 *     repeats of the previous angle left out (one value: fixed gantry)
 * @param meterset Beam Meterset from the first fraction group that references the beam; null if
 *     none
 */
public record BeamSummary(
    Integer number,
    String name,
    String type,
    String radiationType,
    String treatmentMachine,
    String primaryDosimeterUnit,
    int controlPoints,
    List<Double> gantryAngles,
    Double meterset) {

  public BeamSummary {
    gantryAngles = List.copyOf(gantryAngles);
  }
}
