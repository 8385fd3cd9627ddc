package org.sinfonia.core.render;

import java.util.Optional;

/** The Photometric Interpretation values (0028,0004) that Sinfonia renders. */
public enum Photometric {
  MONOCHROME1("MONOCHROME1", 1),
  MONOCHROME2("MONOCHROME2", 1),
  PALETTE_COLOR("PALETTE COLOR", 1),
  RGB("RGB", 3),
  YBR_FULL("YBR_FULL", 3),
  /** Chroma halved horizontally: a native pixel pair is stored as Y Y Cb Cr. */
  YBR_FULL_422("YBR_FULL_422", 3),
  YBR_PARTIAL_422("YBR_PARTIAL_422", 3),
  /** JPEG 2000 irreversible colour transform: the codec returns RGB. */
  YBR_ICT("YBR_ICT", 3),
  /** JPEG 2000 reversible colour transform: the codec returns RGB. */
  YBR_RCT("YBR_RCT", 3);

  private final String dicomName;
  private final int samplesPerPixel;

  Photometric(String dicomName, int samplesPerPixel) {
    this.dicomName = dicomName;
    this.samplesPerPixel = samplesPerPixel;
  }

  /** The value as written in a data set, e.g. {@code PALETTE COLOR}. */
  public String dicomName() {
    return dicomName;
  }

  public int samplesPerPixel() {
    return samplesPerPixel;
  }

  public boolean isMonochrome() {
    return this == MONOCHROME1 || this == MONOCHROME2;
  }

  /** True if a native pixel stores fewer samples than it has (4:2:2 chroma subsampling). */
  public boolean isChromaSubsampled() {
    return this == YBR_FULL_422 || this == YBR_PARTIAL_422;
  }

  public static Optional<Photometric> ofDicomName(String value) {
    String trimmed = value == null ? "" : value.trim();
    for (Photometric photometric : values()) {
      if (photometric.dicomName.equals(trimmed)) {
        return Optional.of(photometric);
      }
    }
    return Optional.empty();
  }
}
