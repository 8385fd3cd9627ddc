package org.sinfonia.core.rt;

import java.util.Arrays;
import java.util.List;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;

/**
 * Typed reads of optional attributes for the RT summaries: absent or unparsable values are null or
 * empty.
 */
final class RtValues {

  private RtValues() {}

  static String text(DicomDataset dataset, int tag) {
    String value = dataset.string(tag);
    return value == null || value.isBlank() ? null : value.trim();
  }

  static Integer integer(DicomDataset dataset, int tag) {
    long[] values = dataset.find(tag).map(DicomElement::longs).orElse(new long[0]);
    return values.length == 0 ? null : (int) values[0];
  }

  static Double decimal(DicomDataset dataset, int tag) {
    double[] values = decimalArray(dataset, tag);
    return values.length == 0 ? null : values[0];
  }

  static List<Double> decimals(DicomDataset dataset, int tag) {
    return Arrays.stream(decimalArray(dataset, tag)).boxed().toList();
  }

  static List<Integer> integers(DicomDataset dataset, int tag) {
    return Arrays.stream(dataset.find(tag).map(DicomElement::longs).orElse(new long[0]))
        .mapToObj(value -> (int) value)
        .toList();
  }

  static List<DicomDataset> items(DicomDataset dataset, int tag) {
    return dataset.find(tag).map(DicomElement::items).orElse(List.of());
  }

  private static double[] decimalArray(DicomDataset dataset, int tag) {
    return dataset.find(tag).map(DicomElement::doubles).orElse(new double[0]);
  }
}
