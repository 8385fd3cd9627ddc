package org.sinfonia.core.dicom;

/**
 * One attribute of the data dictionary.
 *
 * @param tag the tag; for a repeating group such as (60xx,3000) the first one, (6000,3000)
 * @param pattern eight hex digits with 'x' for the digits a repeating group leaves free
 * @param vr the VR implicit VR data sets are read with (dcmtk's "US or SS" style alternatives are
 *     resolved to US, OW or UL)
 * @param vm value multiplicity, as in the standard ("1", "2-n", "1-n")
 * @param keyword the standard keyword, e.g. {@code PatientName}
 * @param name a readable name derived from the keyword
 * @param retired true if the standard has retired the attribute
 */
public record DictionaryEntry(
    int tag, String pattern, Vr vr, String vm, String keyword, String name, boolean retired) {}
