package org.sinfonia.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.model.ModelValidation.ReasonCode;
import org.sinfonia.core.model.ModelValidation.Result;

class ModelValidationTest {
  /** One thread: a smoke run that kept it after a timeout would make every later test here fail. */
  private static final ExecutorService POOL = Executors.newSingleThreadExecutor();

  private static final ModelValidation VALIDATION = new ModelValidation(POOL);
  private static final ModelLimits LIMITS =
      ModelLimits.defaults().withSmokeTimeout(Duration.ofSeconds(30));

  @TempDir Path dir;

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private Result validate(OnnxModelBuilder model, ModelCard card) throws Exception {
    return validate(model.build(), card, LIMITS);
  }

  private Result validate(byte[] model, ModelCard card, ModelLimits limits) throws Exception {
    Path f = Files.createTempFile(dir, "model", ".onnx");
    Files.write(f, model);
    return VALIDATION.validate(f, card, limits);
  }

  private static void assertRefused(Result r, ReasonCode code) {
    assertFalse(r.ok(), "expected " + code);
    assertTrue(r.has(code), "expected " + code + ", got " + r.reasons());
  }

  @Test
  void acceptsMatchingModelsAfterASmokeRun() throws Exception {
    for (var c :
        List.of(
            Map.entry(TestModels.threshold(), TestModels.thresholdCard()),
            Map.entry(TestModels.linear(), TestModels.linearCard()),
            Map.entry(TestModels.softmax(), TestModels.softmaxCard()))) {
      Result r = validate(c.getKey(), c.getValue());
      assertTrue(r.ok(), r.reasons().toString());
      assertNotNull(r.smokeRun());
      assertNotNull(r.info());
      assertEquals(OnnxRunner.runtimeVersion(), r.runtimeVersion());
    }
  }

  @Test
  void acceptsModelLocalFunctions() throws Exception {
    Result r = validate(TestModels.localFunction(), TestModels.loopCard());
    assertTrue(r.ok(), r.reasons().toString());
    try (OnnxRunner runner = OnnxRunner.open(TestModels.localFunction().build(), 1)) {
      NdArray y = runner.run(Map.of("x", NdArray.floats(new long[] {1}, 21))).get("y");
      assertEquals(42.0, y.asDoubles()[0]);
    }
  }

  @Test
  void refusesMalformedFiles() throws Exception {
    Result r =
        validate(
            "definitely not protobuf".getBytes(StandardCharsets.US_ASCII),
            TestModels.linearCard(),
            LIMITS);
    assertRefused(r, ReasonCode.NOT_ONNX);
    byte[] good = TestModels.linear().build();
    byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
    assertRefused(validate(cut, TestModels.linearCard(), LIMITS), ReasonCode.NOT_ONNX);
  }

  @Test
  void refusesExternalDataWithoutLoadingIt() throws Exception {
    Result r = validate(TestModels.externalData(), TestModels.linearCard());
    assertRefused(r, ReasonCode.EXTERNAL_DATA);
    assertEquals(1, r.reasons().size(), r.reasons().toString());
    assertTrue(r.reasons().get(0).message().contains("W"));
  }

  @Test
  void refusesAnUnknownOperatorThroughTheRuntime() throws Exception {
    assertRefused(
        validate(TestModels.unknownOperator(), TestModels.loopCard()),
        ReasonCode.UNSUPPORTED_OPERATOR);
  }

  @Test
  void refusesCustomDomains() throws Exception {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17).opset("com.example", 1);
    b.graph()
        .input("x", OnnxModelBuilder.FLOAT, 1)
        .nodeIn("com.example", "Frobnicate", List.of("x"), List.of("y"))
        .output("y", OnnxModelBuilder.FLOAT, 1);
    Result r = validate(b, TestModels.loopCard());
    assertRefused(r, ReasonCode.CUSTOM_OPERATOR_DOMAIN);
    assertTrue(r.reasons().get(0).message().contains("com.example"));
  }

  @Test
  void refusesAnOpsetNewerThanTheRuntime() throws Exception {
    OnnxModelBuilder b = TestModels.linear();
    assertRefused(
        validate(b.build(), TestModels.linearCard(), LIMITS.withMaxOpset(13)),
        ReasonCode.UNSUPPORTED_OPSET);
  }

  @Test
  void refusesCardsThatDoNotMatchTheGraph() throws Exception {
    // The card says "x", the graph has "input".
    OnnxModelBuilder renamed = new OnnxModelBuilder().opset("", 17);
    renamed
        .graph()
        .input("input", OnnxModelBuilder.FLOAT, "batch", 3)
        .initializer(OnnxModelBuilder.floatTensor("W", new long[] {3, 2}, TestModels.W))
        .node("MatMul", List.of("input", "W"), List.of("y"))
        .output("y", OnnxModelBuilder.FLOAT, "batch", 2);
    Result r = validate(renamed, TestModels.linearCard());
    assertRefused(r, ReasonCode.INPUT_MISMATCH);
    assertTrue(r.reasons().toString().contains("'x'"), r.reasons().toString());
    assertTrue(r.reasons().toString().contains("'input'"), r.reasons().toString());

    // Wrong element type: the card says float64.
    ModelCard float64 =
        ModelCardParser.parse(
            TestModels.card(
                List.of(TestModels.tensor("x", "scalars", "float64", -1, 3)),
                List.of(TestModels.tensor("y", "scalars", "float32", "batch", 2))));
    assertRefused(validate(TestModels.linear(), float64), ReasonCode.ELEMENT_TYPE_MISMATCH);

    // Wrong rank: the card says [batch, 3, 1].
    ModelCard rank3 =
        ModelCardParser.parse(
            TestModels.card(
                List.of(TestModels.tensor("x", "scalars", "float32", "batch", 3, 1)),
                List.of(TestModels.tensor("y", "scalars", "float32", "batch", 2))));
    Result rr = validate(TestModels.linear(), rank3);
    assertRefused(rr, ReasonCode.SHAPE_MISMATCH);
    assertTrue(rr.reasons().get(0).message().contains("rank 3 against 2"), rr.reasons().toString());

    // A fixed size differing from the graph's: [batch, 4] against [batch, 3].
    ModelCard wide =
        ModelCardParser.parse(
            TestModels.card(
                List.of(TestModels.tensor("x", "scalars", "float32", "batch", 4)),
                List.of(TestModels.tensor("y", "scalars", "float32", "batch", 2))));
    assertRefused(validate(TestModels.linear(), wide), ReasonCode.SHAPE_MISMATCH);

    // A card that pins a symbolic size is fine: [2, 3] against [batch, 3].
    ModelCard pinned =
        ModelCardParser.parse(
            TestModels.card(
                List.of(TestModels.tensor("x", "scalars", "float32", 2, 3)),
                List.of(TestModels.tensor("y", "scalars", "float32", 2, 2))));
    Result ok = validate(TestModels.linear(), pinned);
    assertTrue(ok.ok(), ok.reasons().toString());
  }

  @Test
  void refusesFilesOverTheSizeLimit() throws Exception {
    byte[] model = TestModels.linear().build();
    Result r = validate(model, TestModels.linearCard(), LIMITS.withMaxBytes(model.length - 1));
    assertRefused(r, ReasonCode.TOO_LARGE);
    assertEquals(null, r.info());
  }

  @Test
  void refusesAModelThatRunsTooLongAndTheRuntimeKeepsWorking() throws Exception {
    Duration limit = Duration.ofSeconds(1);
    long started = System.nanoTime();
    Result r =
        validate(
            TestModels.endlessLoop().build(),
            TestModels.loopCard(),
            LIMITS.withSmokeTimeout(limit));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertRefused(r, ReasonCode.TIMEOUT);
    // Stopped, not waited for: 10^15 iterations would take years. Generous bound for a loaded
    // machine.
    assertTrue(took.compareTo(Duration.ofSeconds(20)) < 0, "took " + took);
    // The single pool thread was released: the next smoke run on the same runtime works.
    Result next = validate(TestModels.linear(), TestModels.linearCard());
    assertTrue(next.ok(), next.reasons().toString());
    try (OnnxRunner runner = OnnxRunner.open(TestModels.threshold().build(), 1)) {
      NdArray mask =
          runner.run(Map.of("image", NdArray.floats(new long[] {1, 1, 1, 2}, 500, 5))).get("mask");
      assertEquals(List.of(1.0, 0.0), java.util.Arrays.stream(mask.asDoubles()).boxed().toList());
    }
  }

  @Test
  void refusesAModelWhoseSmokeRunNeedsMoreMemoryThanTheCap() throws Exception {
    // [1, 1, 4096, 4096] float32 synthetic input: 64 MiB, over a 16 MiB cap before anything runs.
    ModelCard big =
        ModelCardParser.parse(
            TestModels.card(
                List.of(withCt(TestModels.tensor("image", "image", "float32", 1, 1, 4096, 4096))),
                List.of(TestModels.tensor("mask", "image", "uint8", 1, 1, 4096, 4096))));
    assertRefused(
        validate(TestModels.threshold().build(), big, LIMITS.withMemoryCap(16L << 20)),
        ReasonCode.MEMORY);
  }

  private static Map<String, Object> withCt(Map<String, Object> t) {
    t.put("preprocessing", TestModels.ctPreprocessing());
    return t;
  }
}
