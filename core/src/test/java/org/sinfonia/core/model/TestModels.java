package org.sinfonia.core.model;

import static org.sinfonia.core.model.OnnxModelBuilder.BOOL;
import static org.sinfonia.core.model.OnnxModelBuilder.FLOAT;
import static org.sinfonia.core.model.OnnxModelBuilder.INT64;
import static org.sinfonia.core.model.OnnxModelBuilder.UINT8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The models and cards the model tests share, all built in memory. */
final class TestModels {
  private TestModels() {}

  static final float THRESHOLD = 100f;

  /** mask = Cast(Greater(image, 100), uint8) on [1, 1, height, width]. */
  static OnnxModelBuilder threshold() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("image", FLOAT, 1, 1, "height", "width")
        .initializer(OnnxModelBuilder.floatTensor("t", new long[0], THRESHOLD))
        .node("Greater", List.of("image", "t"), List.of("above"))
        .node("Cast", List.of("above"), List.of("mask"), OnnxModelBuilder.attrInt("to", UINT8))
        .output("mask", UINT8, 1, 1, "height", "width");
    return b;
  }

  static final float[] W = {1, 2, -1, 0.5f, 3, -2};
  static final float[] B = {10, -4};

  /** y = x W + b with W [3, 2], b [2], on x [batch, 3] (Gemm). */
  static OnnxModelBuilder linear() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("x", FLOAT, "batch", 3)
        .initializer(OnnxModelBuilder.floatTensor("W", new long[] {3, 2}, W))
        .initializer(OnnxModelBuilder.floatTensor("B", new long[] {2}, B))
        .node("Gemm", List.of("x", "W", "B"), List.of("y"))
        .output("y", FLOAT, "batch", 2);
    return b;
  }

  static final float[] CW = {1, 0, -1, 0, 2, 0, 0.5f, -0.5f, 1, -1, 0, 3};

  /** probabilities = Softmax(features [1, 4] x CW [4, 3]). */
  static OnnxModelBuilder softmax() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("features", FLOAT, 1, 4)
        .initializer(OnnxModelBuilder.floatTensor("CW", new long[] {4, 3}, CW))
        .node("MatMul", List.of("features", "CW"), List.of("logits"))
        .node(
            "Softmax",
            List.of("logits"),
            List.of("probabilities"),
            OnnxModelBuilder.attrInt("axis", -1))
        .output("probabilities", FLOAT, 1, 3);
    return b;
  }

  /** The linear model with W stored in an external file (a path outside the model). */
  static OnnxModelBuilder externalData() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("x", FLOAT, "batch", 3)
        .initializer(OnnxModelBuilder.externalFloatTensor("W", new long[] {3, 2}, "/etc/passwd"))
        .initializer(OnnxModelBuilder.floatTensor("B", new long[] {2}, B))
        .node("Gemm", List.of("x", "W", "B"), List.of("y"))
        .output("y", FLOAT, "batch", 2);
    return b;
  }

  /** y = FrobnicateNotAnOp(x) on [1]: parses, but no runtime knows the operator. */
  static OnnxModelBuilder unknownOperator() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("x", FLOAT, 1)
        .node("FrobnicateNotAnOp", List.of("x"), List.of("y"))
        .output("y", FLOAT, 1);
    return b;
  }

  /** A Loop with a trip count of 10^15 adding 1 each time: runs until stopped. */
  static OnnxModelBuilder endlessLoop() {
    OnnxModelBuilder.Graph body =
        new OnnxModelBuilder.Graph("body")
            .input("i", INT64)
            .input("cond_in", BOOL)
            .input("v_in", FLOAT, 1)
            .initializer(OnnxModelBuilder.floatTensor("one", new long[] {1}, 1f))
            .node("Identity", List.of("cond_in"), List.of("cond_out"))
            .node("Add", List.of("v_in", "one"), List.of("v_out"))
            .output("cond_out", BOOL)
            .output("v_out", FLOAT, 1);
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17);
    b.graph()
        .input("x", FLOAT, 1)
        .initializer(OnnxModelBuilder.int64Tensor("M", new long[0], 1_000_000_000_000_000L))
        .initializer(OnnxModelBuilder.boolTensor("go", new long[0], true))
        .node(
            "Loop",
            List.of("M", "go", "x"),
            List.of("y"),
            OnnxModelBuilder.attrGraph("body", body.bytes()))
        .output("y", FLOAT, 1);
    return b;
  }

  /** y = Twice(x) where Twice is a model-local function in domain "local.fns" (Add(a, a)). */
  static OnnxModelBuilder localFunction() {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17).opset("local.fns", 1);
    b.function(
        "local.fns",
        "Twice",
        List.of("a"),
        List.of("b"),
        new OnnxModelBuilder.Graph("body").node("Add", List.of("a", "a"), List.of("b")));
    b.graph()
        .input("x", FLOAT, 1)
        .nodeIn("local.fns", "Twice", List.of("x"), List.of("y"))
        .output("y", FLOAT, 1);
    return b;
  }

  // ---- cards ----

  static Map<String, Object> tensor(String name, String kind, String type, Object... shape) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", kind);
    m.put("shape", new ArrayList<>(List.of(shape)));
    m.put("elementType", type);
    return m;
  }

  static Map<String, Object> card(
      List<Map<String, Object>> inputs, List<Map<String, Object>> outputs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "Test model");
    m.put("version", "1.0.0");
    m.put("authors", List.of("Alice Example"));
    m.put("description", "A model built by the tests.");
    m.put("licence", "CC-BY-4.0");
    m.put("intendedUse", "Testing Sinfonia.");
    m.put("limitations", "None worth mentioning.");
    m.put("inputs", inputs);
    m.put("outputs", outputs);
    return m;
  }

  static Map<String, Object> ctPreprocessing() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("modality", "CT");
    p.put("targetSize", List.of(512, 512));
    p.put("resampling", "linear");
    p.put("window", Map.of("center", 40, "width", 400));
    p.put("normalisation", "none");
    p.put("channelOrder", "NCHW");
    return p;
  }

  static ModelCard thresholdCard() {
    Map<String, Object> in = tensor("image", "image-series", "float32", 1, 1, "height", "width");
    in.put("preprocessing", ctPreprocessing());
    Map<String, Object> out = tensor("mask", "image-series", "uint8", 1, 1, "height", "width");
    out.put("postprocessing", Map.of("type", "none"));
    return ModelCardParser.parse(card(List.of(in), List.of(out)));
  }

  static ModelCard linearCard() {
    Map<String, Object> out = tensor("y", "scalars", "float32", "batch", 2);
    out.put("postprocessing", Map.of("type", "regression", "units", "mm"));
    return ModelCardParser.parse(
        card(List.of(tensor("x", "scalars", "float32", -1, 3)), List.of(out)));
  }

  static ModelCard softmaxCard() {
    Map<String, Object> out = tensor("probabilities", "scalars", "float32", 1, 3);
    out.put(
        "postprocessing",
        Map.of("type", "softmax", "labels", List.of("benign", "malignant", "other")));
    return ModelCardParser.parse(
        card(List.of(tensor("features", "table", "float32", 1, 4)), List.of(out)));
  }

  static ModelCard loopCard() {
    return ModelCardParser.parse(
        card(
            List.of(tensor("x", "scalars", "float32", 1)),
            List.of(tensor("y", "scalars", "float32", 1))));
  }
}
