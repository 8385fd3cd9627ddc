package org.sinfonia.core.rt;

/**
 * What the previewer shows of an RT Dose object.
 *
 * @param grid the dose grid's geometry
 * @param doseGridScaling Dose Grid Scaling (3004,000E): stored value x scaling = dose
 * @param doseUnits Dose Units (3004,0002): GY or RELATIVE
 * @param doseType Dose Type (3004,0004): PHYSICAL, EFFECTIVE, ERROR
 * @param doseSummationType Dose Summation Type (3004,000A): PLAN, BEAM, FRACTION, ...
 * @param maximum the largest dose in the grid
 */
public record RtDoseSummary(
    DoseGrid grid,
    double doseGridScaling,
    String doseUnits,
    String doseType,
    String doseSummationType,
    DoseMaximum maximum) {}
