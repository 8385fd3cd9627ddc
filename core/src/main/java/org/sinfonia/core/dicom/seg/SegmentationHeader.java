package org.sinfonia.core.dicom.seg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything a segmentation says besides its frames: the source study and slices, the new series,
 * the equipment and the segments. Checked once here: the slices share one frame of reference, one
 * size, one orientation and one pixel spacing (they become the shared functional groups), and the
 * segments are numbered 1, 2, 3, ... in order (PS3.3 C.8.20.2.4).
 *
 * <p>Also computes each slice's place along the slice normal, which is its Dimension Index Value
 * for Image Position (Patient); the slices may be given in any order.
 */
public final class SegmentationHeader {

  /** Geometry tolerance: direction cosines and millimetres. */
  private static final double TOLERANCE = 1e-4;

  private final SourceStudy study;
  private final SegmentationSeries series;
  private final Equipment equipment;
  private final List<SourceImage> sources;
  private final List<Segment> segments;
  private final int[] positionIndex;
  private final List<Integer> spatialOrder;

  public SegmentationHeader(
      SourceStudy study,
      SegmentationSeries series,
      Equipment equipment,
      List<SourceImage> sources,
      List<Segment> segments) {
    if (study == null || series == null || equipment == null) {
      throw new IllegalArgumentException("a segmentation needs a study, a series and equipment");
    }
    if (sources == null || sources.isEmpty()) {
      throw new IllegalArgumentException("a segmentation needs at least one source slice");
    }
    if (segments == null || segments.isEmpty()) {
      throw new IllegalArgumentException("a segmentation needs at least one segment");
    }
    this.study = study;
    this.series = series;
    this.equipment = equipment;
    this.sources = List.copyOf(sources);
    this.segments = List.copyOf(segments);
    checkSegments();
    checkGeometry();
    this.spatialOrder = sortAlongNormal(this.sources);
    this.positionIndex = positionIndex();
  }

  public SourceStudy study() {
    return study;
  }

  public SegmentationSeries series() {
    return series;
  }

  public Equipment equipment() {
    return equipment;
  }

  public List<SourceImage> sources() {
    return sources;
  }

  public List<Segment> segments() {
    return segments;
  }

  public int rows() {
    return sources.get(0).rows();
  }

  public int columns() {
    return sources.get(0).columns();
  }

  /** Pixels in one frame: rows x columns. */
  public int pixelsPerFrame() {
    return rows() * columns();
  }

  /** Slice indices sorted along the slice normal (ties keep their given order). */
  public List<Integer> spatialOrder() {
    return spatialOrder;
  }

  private static List<Integer> sortAlongNormal(List<SourceImage> sources) {
    double[] normal = sources.get(0).normal();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble(i -> along(normal, sources.get(i))));
    return List.copyOf(order);
  }

  /** The Dimension Index Value (from 1) of slice {@code sliceIndex}'s position. */
  public int positionIndex(int sliceIndex) {
    return positionIndex[sliceIndex];
  }

  /** The segment numbered {@code number}. */
  public Segment segment(int number) {
    if (number < 1 || number > segments.size()) {
      throw new IllegalArgumentException("no segment " + number);
    }
    return segments.get(number - 1);
  }

  private int[] positionIndex() {
    double[] normal = sources.get(0).normal();
    int[] index = new int[sources.size()];
    int rank = 0;
    double previous = Double.NaN;
    for (int slice : spatialOrder) {
      double distance = along(normal, sources.get(slice));
      if (rank == 0 || distance - previous > TOLERANCE) {
        rank++;
      }
      previous = distance;
      index[slice] = rank;
    }
    return index;
  }

  private static double along(double[] normal, SourceImage image) {
    double[] p = image.position();
    return p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2];
  }

  private void checkSegments() {
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i).number() != i + 1) {
        throw new IllegalArgumentException(
            "segments must be numbered 1, 2, 3, ... in order; item "
                + (i + 1)
                + " is segment "
                + segments.get(i).number());
      }
    }
  }

  private void checkGeometry() {
    SourceImage first = sources.get(0);
    for (SourceImage image : sources) {
      String which = "source " + image.sopInstanceUid();
      if (image.rows() != first.rows() || image.columns() != first.columns()) {
        throw new IllegalArgumentException(
            which + " is not " + first.rows() + "x" + first.columns());
      }
      if (!image.frameOfReferenceUid().equals(first.frameOfReferenceUid())) {
        throw new IllegalArgumentException(which + " is in another frame of reference");
      }
      if (!close(image.orientation(), first.orientation())) {
        throw new IllegalArgumentException(which + " has another orientation (not supported)");
      }
      if (!close(image.pixelSpacing(), first.pixelSpacing())) {
        throw new IllegalArgumentException(which + " has another pixel spacing (not supported)");
      }
      if (image.sliceThickness() == null
          ? first.sliceThickness() != null
          : first.sliceThickness() == null
              || Math.abs(image.sliceThickness() - first.sliceThickness()) > TOLERANCE) {
        throw new IllegalArgumentException(which + " has another slice thickness (not supported)");
      }
    }
  }

  private static boolean close(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      if (Math.abs(a[i] - b[i]) > TOLERANCE) {
        return false;
      }
    }
    return true;
  }
}
