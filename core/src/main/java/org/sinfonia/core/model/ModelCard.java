package org.sinfonia.core.model;

import java.util.List;

/**
 * A submitted model's card: who made it, what it is for, and exactly what goes in and comes out.
 * Parsed and checked by {@link ModelCardParser}; compared with the ONNX graph by {@link
 * ModelValidation}.
 */
public record ModelCard(
    String name,
    String version,
    List<String> authors,
    String description,
    String licence,
    String intendedUse,
    String limitations,
    List<TensorSpec> inputs,
    List<TensorSpec> outputs) {

  public ModelCard {
    authors = List.copyOf(authors);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /** What a tensor means to Sinfonia, which decides how inputs are prepared and outputs written. */
  public enum Kind {
    IMAGE_SERIES("image-series"),
    IMAGE("image"),
    SCALARS("scalars"),
    TABLE("table");

    private final String cardName;

    Kind(String cardName) {
      this.cardName = cardName;
    }

    public String cardName() {
      return cardName;
    }

    public boolean isImage() {
      return this == IMAGE || this == IMAGE_SERIES;
    }
  }

  /**
   * One declared input or output. {@code preprocessing} only on image inputs, {@code
   * postprocessing} only on outputs.
   */
  public record TensorSpec(
      String name,
      Kind kind,
      List<Dim> shape,
      ElementType elementType,
      Preprocessing preprocessing,
      Postprocessing postprocessing) {
    public TensorSpec {
      shape = List.copyOf(shape);
    }
  }

  /**
   * How a stored image becomes the input tensor. Either {@code targetSize} ([h, w] pixels) or
   * {@code spacing} (mm per pixel, [row, column] or [z, y, x]) may be given, not both; likewise
   * {@code window} or {@code clip}.
   */
  public record Preprocessing(
      String modality,
      List<Integer> targetSize,
      List<Double> spacing,
      Resampling resampling,
      Window window,
      List<Double> clip,
      Normalisation normalisation,
      String channelOrder) {}

  public enum Resampling {
    NEAREST,
    LINEAR
  }

  /** A display window in modality units (e.g. Hounsfield units for CT). */
  public record Window(double center, double width) {}

  /**
   * Intensity normalisation after windowing: {@code none}, {@code minmax} (to [0,1]), {@code
   * zscore} ((v - mean) / std) or {@code scale} (v * factor + offset). Unused numbers are 0.
   */
  public record Normalisation(Type type, double mean, double std, double factor, double offset) {
    public enum Type {
      NONE,
      MINMAX,
      ZSCORE,
      SCALE
    }
  }

  /**
   * How an output tensor becomes a result: {@code argmax} / {@code softmax} over classes ({@code
   * labels}, optional {@code labelColours} as {@code #rrggbb}), {@code sigmoid} with a {@code
   * threshold}, {@code regression} with {@code units}, or {@code none} (values written as they
   * are).
   */
  public record Postprocessing(
      Type type, Double threshold, List<String> labels, List<String> labelColours, String units) {
    public enum Type {
      NONE,
      ARGMAX,
      SIGMOID,
      SOFTMAX,
      REGRESSION
    }
  }
}
