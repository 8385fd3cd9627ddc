package org.sinfonia.core.render.display;

/**
 * A VOI window in modality units (e.g. Hounsfield units for CT): Window Center (0028,1050) and
 * Window Width (0028,1051).
 *
 * @param center the centre of the window
 * @param width the width of the window, at least 1
 */
public record Window(double center, double width) {

  public Window {
    if (!Double.isFinite(center) || !Double.isFinite(width) || width < 1) {
      throw new IllegalArgumentException(
          "window needs a finite centre and a width >= 1: " + center + "/" + width);
    }
  }

  /**
   * The window spanning {@code min..max}, defined as dcmtk's min-max window is (centre
   * (min+max+1)/2, width max-min+1), so that min renders black and max white.
   */
  public static Window spanning(double min, double max) {
    return new Window((min + max + 1) / 2, Math.max(1, max - min + 1));
  }
}
