/**
 * Summaries of radiotherapy objects for the previewer, as plain records the web layer serialises:
 *
 * <ul>
 *   <li>RT Dose: {@link org.sinfonia.core.rt.RtDoseReader} (grid, units, maximum found by streaming
 *       the grid plane by plane) and {@link org.sinfonia.core.rt.DoseSliceRenderer} (the plane
 *       through the maximum, colour-mapped, with a legend in the dose units).
 *   <li>RT Structure Set: {@link org.sinfonia.core.rt.RtStructureSetReader} (ROIs, colours, contour
 *       and point counts, referenced series); {@link org.sinfonia.core.rt.SliceContourReader} and
 *       {@link org.sinfonia.core.rt.ContourPainter} draw the contours of one image slice.
 *   <li>RT Plan and RT Ion Plan: {@link org.sinfonia.core.rt.RtPlanReader} (prescription, fraction
 *       groups, beams with control points, gantry angles and metersets).
 * </ul>
 */
package org.sinfonia.core.rt;
