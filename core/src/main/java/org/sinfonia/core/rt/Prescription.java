package org.sinfonia.core.rt;

/**
 * One item of the Dose Reference Sequence (300A,0010).
 *
 * @param number Dose Reference Number (300A,0012)
 * @param structureType Dose Reference Structure Type (300A,0014): POINT, VOLUME, COORDINATES, SITE
 * @param description Dose Reference Description (300A,0016)
 * @param type Dose Reference Type (300A,0020): TARGET or ORGAN_AT_RISK
 * @param targetPrescriptionDose Target Prescription Dose (300A,0026) in Gy; null if absent
 * @param referencedRoiNumber Referenced ROI Number (3006,0084); null if absent
 */
public record Prescription(
    Integer number,
    String structureType,
    String description,
    String type,
    Double targetPrescriptionDose,
    Integer referencedRoiNumber) {}
