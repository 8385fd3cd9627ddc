package org.sinfonia.web.dicomweb;

import org.sinfonia.core.dicomweb.EncodedDataset;

/**
 * One QIDO-RS result as the index hands it over: every attribute it has for the caller (computed
 * ones included), already encoded, and the UIDs its RetrieveURL is made of (those below the level
 * searched are null).
 */
public record QidoMatch(
    EncodedDataset dataset, String studyUid, String seriesUid, String sopInstanceUid) {}
