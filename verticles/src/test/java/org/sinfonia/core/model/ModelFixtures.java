package org.sinfonia.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Core's test models (package-private {@link TestModels} and {@link OnnxModelBuilder}, from core's
 * test jar), opened to the end-to-end tests of the model API: ONNX bytes and cards as JSON maps.
 */
public final class ModelFixtures {

  private ModelFixtures() {}

  /** y = x W + b on x [batch, 3]: validates and smoke-runs in milliseconds. */
  public static byte[] linear() {
    return TestModels.linear().build();
  }

  /** The linear model's card, named as given. */
  public static Map<String, Object> linearCard(String name, String version) {
    Map<String, Object> out = TestModels.tensor("y", "scalars", "float32", "batch", 2);
    out.put("postprocessing", Map.of("type", "regression", "units", "mm"));
    Map<String, Object> card =
        TestModels.card(List.of(TestModels.tensor("x", "scalars", "float32", -1, 3)), List.of(out));
    card.put("name", name);
    card.put("version", version);
    return card;
  }

  /** A card for the linear model whose input is called {@code features}: not the graph's name. */
  public static Map<String, Object> mismatchedLinearCard() {
    Map<String, Object> card = linearCard("Mismatched", "1.0.0");
    card.put("inputs", List.of(TestModels.tensor("features", "scalars", "float32", -1, 3)));
    return card;
  }

  /** The linear model carrying an unused initializer of {@code padFloats} floats (to be large). */
  public static byte[] paddedLinear(int padFloats) {
    OnnxModelBuilder b = TestModels.linear();
    b.graph()
        .initializer(
            OnnxModelBuilder.floatTensor("padding", new long[] {padFloats}, new float[padFloats]));
    return b.build();
  }

  /** The linear model with W stored in an external file (a path outside the model). */
  public static byte[] externalData() {
    return TestModels.externalData().build();
  }

  /** y = FrobnicateNotAnOp(x) on [1]: parses, but no runtime knows the operator. */
  public static byte[] unknownOperator() {
    return TestModels.unknownOperator().build();
  }

  /** A Loop that runs until stopped, on x [1] -> y [1]. */
  public static byte[] endlessLoop() {
    return TestModels.endlessLoop().build();
  }

  /** The card of the [1] -> [1] models (unknown operator, endless loop). */
  public static Map<String, Object> scalarCard(String name) {
    Map<String, Object> card =
        TestModels.card(
            List.of(TestModels.tensor("x", "scalars", "float32", 1)),
            List.of(TestModels.tensor("y", "scalars", "float32", 1)));
    card.put("name", name);
    return new LinkedHashMap<>(card);
  }
}
