package org.sinfonia.core.rt;

import java.util.List;

/**
 * One item of the Fraction Group Sequence (300A,0070).
 *
 * @param number Fraction Group Number (300A,0071)
 * @param fractionsPlanned Number of Fractions Planned (300A,0078); null if absent
 * @param numberOfBeams Number of Beams (300A,0080); null if absent
 * @param beamMetersets Referenced Beam Sequence (300C,0004): beam number to Beam Meterset
 *     (300A,0086)
 */
public record FractionGroup(
    Integer number,
    Integer fractionsPlanned,
    Integer numberOfBeams,
    List<BeamMeterset> beamMetersets) {

  public FractionGroup {
    beamMetersets = List.copyOf(beamMetersets);
  }

  /**
   * @param beamNumber Referenced Beam Number (300C,0006)
   * @param meterset Beam Meterset (300A,0086), in the beam's Primary Dosimeter Unit (MU, NP); null
   *     if absent
   */
  public record BeamMeterset(Integer beamNumber, Double meterset) {}
}
