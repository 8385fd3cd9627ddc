package org.sinfonia.core.dicom.seg;

import java.time.LocalDateTime;

/**
 * What identifies the new segmentation: its series and instance, and the Content Identification
 * macro (PS3.3 10.9).
 *
 * @param contentLabel Content Label (CS): upper-case letters, digits, space and underscore, at most
 *     16
 * @param contentCreator Content Creator's Name (PN), or null
 * @param contentDateTime Content Date and Time, also the instance's creation and the series' date
 */
public record SegmentationSeries(
    String seriesInstanceUid,
    String sopInstanceUid,
    int seriesNumber,
    int instanceNumber,
    String seriesDescription,
    String contentLabel,
    String contentDescription,
    String contentCreator,
    LocalDateTime contentDateTime) {

  public SegmentationSeries {
    if (seriesInstanceUid == null || sopInstanceUid == null || contentDateTime == null) {
      throw new IllegalArgumentException(
          "a segmentation needs its series and instance UIDs and a content date and time");
    }
    if (contentLabel == null || !contentLabel.matches("[A-Z0-9_ ]{1,16}")) {
      throw new IllegalArgumentException(
          "Content Label must be 1-16 upper-case letters, digits, spaces or underscores: "
              + contentLabel);
    }
    if (seriesNumber < 0 || instanceNumber < 0) {
      throw new IllegalArgumentException("series and instance numbers must not be negative");
    }
  }

  /** A new series holding one new instance (number 1), with fresh UIDs. */
  public static SegmentationSeries fresh(
      int seriesNumber,
      String seriesDescription,
      String contentLabel,
      String contentDescription,
      String contentCreator,
      LocalDateTime contentDateTime) {
    return new SegmentationSeries(
        Uids.random(),
        Uids.random(),
        seriesNumber,
        1,
        seriesDescription,
        contentLabel,
        contentDescription,
        contentCreator,
        contentDateTime);
  }
}
