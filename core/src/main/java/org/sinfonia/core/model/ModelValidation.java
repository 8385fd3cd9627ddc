package org.sinfonia.core.model;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sinfonia.core.model.ModelCard.TensorSpec;
import org.sinfonia.core.model.OnnxModelInfo.GraphValue;
import org.sinfonia.core.model.OnnxModelInfo.Operator;
import org.sinfonia.core.model.OnnxModelInfo.OpsetImport;

/**
 * Decides whether a submitted ONNX file with its card may go to review. Checks, in order: size;
 * ONNX protobuf structure ({@link OnnxInspector}); external data; custom-op domains; IR version and
 * opset; card against graph (names, element types, ranks, fixed and symbolic sizes); loading into
 * ONNX Runtime (unknown operators); a smoke run on synthetic input within the time and memory
 * limits. The file is never given to the runtime by path and never when it references external data
 * or custom domains. Blocking: call from a worker thread. Rules and reasons: docs/models.md.
 */
public final class ModelValidation {
  private static final Duration TERMINATE_GRACE = Duration.ofSeconds(30);
  private static final long SAMPLE_MS = 10;

  /** Why a model was refused; stable codes for the API. */
  public enum ReasonCode {
    TOO_LARGE,
    NOT_ONNX,
    EXTERNAL_DATA,
    CUSTOM_OPERATOR_DOMAIN,
    UNSUPPORTED_IR_VERSION,
    UNSUPPORTED_OPSET,
    UNSUPPORTED_OPERATOR,
    RUNTIME_LOAD_FAILED,
    INPUT_MISMATCH,
    OUTPUT_MISMATCH,
    ELEMENT_TYPE_MISMATCH,
    SHAPE_MISMATCH,
    SMOKE_RUN_FAILED,
    TIMEOUT,
    MEMORY
  }

  public record Reason(ReasonCode code, String message) {
    @Override
    public String toString() {
      return code + ": " + message;
    }
  }

  /**
   * The outcome: {@link #ok()} when {@code reasons} is empty. {@code info} is null when the file
   * did not parse; {@code smokeRun} and {@code smokeMemoryBytes} (resident-memory growth seen) are
   * null/-1 when no smoke run happened.
   */
  public record Result(
      List<Reason> reasons,
      OnnxModelInfo info,
      String runtimeVersion,
      Duration smokeRun,
      long smokeMemoryBytes) {
    public Result {
      reasons = List.copyOf(reasons);
    }

    public boolean ok() {
      return reasons.isEmpty();
    }

    public boolean has(ReasonCode code) {
      return reasons.stream().anyMatch(r -> r.code() == code);
    }
  }

  private final Executor runExecutor;

  /**
   * @param runExecutor where smoke runs execute (a bounded worker pool); the validating thread
   *     waits for them with the time limit and terminates them when it passes, so a runaway model
   *     frees its thread
   */
  public ModelValidation(Executor runExecutor) {
    this.runExecutor = runExecutor;
  }

  public Result validate(Path file, ModelCard card, ModelLimits limits) throws IOException {
    List<Reason> reasons = new ArrayList<>();
    String runtime = OnnxRunner.runtimeVersion();
    long size = Files.size(file);
    if (size > limits.maxBytes()) {
      reasons.add(
          new Reason(
              ReasonCode.TOO_LARGE,
              "the file has " + size + " bytes; the limit is " + limits.maxBytes()));
      return new Result(reasons, null, runtime, null, -1);
    }
    OnnxModelInfo info;
    try {
      info = OnnxInspector.inspect(file, limits.maxBytes());
    } catch (OnnxFormatException e) {
      reasons.add(new Reason(ReasonCode.NOT_ONNX, "not an ONNX model: " + e.getMessage()));
      return new Result(reasons, null, runtime, null, -1);
    }
    if (!info.externalData().isEmpty()) {
      reasons.add(
          new Reason(
              ReasonCode.EXTERNAL_DATA,
              "tensors "
                  + info.externalData()
                  + " reference data in files outside the model; export with the weights inside"
                  + " (e.g. onnx.save_model(..., save_as_external_data=False))"));
    }
    if (!info.customDomains().isEmpty()) {
      reasons.add(
          new Reason(
              ReasonCode.CUSTOM_OPERATOR_DOMAIN,
              "operators from custom domains "
                  + info.customDomains().stream().sorted().toList()
                  + " need custom-op libraries, which are not loaded"));
    }
    if (info.irVersion() > limits.maxIrVersion()) {
      reasons.add(
          new Reason(
              ReasonCode.UNSUPPORTED_IR_VERSION,
              "IR version "
                  + info.irVersion()
                  + " is newer than the runtime's "
                  + limits.maxIrVersion()));
    }
    for (OpsetImport o : info.opsetImports()) {
      boolean standard = o.domain().isEmpty() || o.domain().equals("ai.onnx");
      if (standard && o.version() > limits.maxOpset()) {
        reasons.add(
            new Reason(
                ReasonCode.UNSUPPORTED_OPSET,
                "opset "
                    + o.version()
                    + " is newer than the runtime supports ("
                    + limits.maxOpset()
                    + "); export with opset_version="
                    + limits.maxOpset()
                    + " or lower"));
      }
    }
    if (!reasons.isEmpty()) {
      return new Result(reasons, info, runtime, null, -1);
    }
    compare(card, info, reasons);

    long baseline = residentBytes();
    byte[] bytes = Files.readAllBytes(file);
    OnnxRunner runner;
    try {
      runner = OnnxRunner.open(bytes, limits.intraOpThreads());
    } catch (OrtException e) {
      reasons.add(loadFailure(e, info));
      return new Result(reasons, info, runtime, null, -1);
    }
    bytes = null;
    if (!reasons.isEmpty()) {
      close(runner);
      return new Result(reasons, info, runtime, null, -1);
    }
    return smokeRun(runner, card, info, limits, baseline, reasons, runtime);
  }

  /**
   * Card against graph: every card tensor exists with the same type and a compatible shape, and
   * vice versa.
   */
  static void compare(ModelCard card, OnnxModelInfo info, List<Reason> reasons) {
    compareSide("input", card.inputs(), info.inputs(), ReasonCode.INPUT_MISMATCH, reasons);
    compareSide("output", card.outputs(), info.outputs(), ReasonCode.OUTPUT_MISMATCH, reasons);
  }

  private static void compareSide(
      String side,
      List<TensorSpec> declared,
      List<GraphValue> actual,
      ReasonCode missing,
      List<Reason> reasons) {
    Map<String, GraphValue> byName = new LinkedHashMap<>();
    actual.forEach(v -> byName.put(v.name(), v));
    Map<String, TensorSpec> declaredByName = new HashMap<>();
    declared.forEach(s -> declaredByName.put(s.name(), s));
    for (TensorSpec s : declared) {
      GraphValue v = byName.get(s.name());
      if (v == null) {
        reasons.add(
            new Reason(
                missing,
                "the card's "
                    + side
                    + " '"
                    + s.name()
                    + "' is not in the graph (graph "
                    + side
                    + "s: "
                    + byName.keySet()
                    + ")"));
        continue;
      }
      if (!v.valueKind().equals("tensor")) {
        reasons.add(
            new Reason(
                ReasonCode.ELEMENT_TYPE_MISMATCH,
                side + " '" + s.name() + "' is a " + v.valueKind() + ", not a tensor"));
        continue;
      }
      if (v.elementType() != s.elementType().onnxCode()) {
        reasons.add(
            new Reason(
                ReasonCode.ELEMENT_TYPE_MISMATCH,
                side
                    + " '"
                    + s.name()
                    + "': the card says "
                    + s.elementType().cardName()
                    + ", the graph has "
                    + ElementType.onnxName(v.elementType())));
      }
      if (v.shape() != null) {
        String problem = shapeProblem(s.shape(), v.shape());
        if (problem != null) {
          reasons.add(
              new Reason(
                  ReasonCode.SHAPE_MISMATCH,
                  side
                      + " '"
                      + s.name()
                      + "': the card says "
                      + s.shape()
                      + ", the graph has "
                      + v.shape()
                      + ": "
                      + problem));
        }
      }
    }
    for (GraphValue v : actual) {
      if (!declaredByName.containsKey(v.name())) {
        reasons.add(
            new Reason(
                missing,
                "the graph's " + side + " '" + v.name() + "' is not declared in the card"));
      }
    }
  }

  /** Null when the card's shape fits the graph's; otherwise why not. */
  static String shapeProblem(List<Dim> card, List<Dim> graph) {
    if (card.size() != graph.size()) {
      return "rank " + card.size() + " against " + graph.size();
    }
    for (int i = 0; i < card.size(); i++) {
      Dim c = card.get(i);
      Dim g = graph.get(i);
      if (g.isFixed() && c.isFixed() && g.size() != c.size()) {
        return "dimension " + i + " is " + c.size() + " in the card, " + g.size() + " in the graph";
      }
      if (g.isFixed() && !c.isFixed()) {
        return "dimension "
            + i
            + " is dynamic in the card but fixed at "
            + g.size()
            + " in the graph";
      }
    }
    return null;
  }

  private static Reason loadFailure(OrtException e, OnnxModelInfo info) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("not a registered function/op")
        || lower.contains("could not find an implementation")
        || lower.contains("no opset import for domain")
        || lower.contains("unrecognized attribute")
        || lower.contains("op type not registered")
        || lower.contains("no op registered for")) {
      List<String> ops = info.operators().stream().map(Operator::toString).sorted().toList();
      return new Reason(
          ReasonCode.UNSUPPORTED_OPERATOR,
          "the runtime does not support an operator of this model: "
              + m
              + " (operators used: "
              + ops
              + ")");
    }
    if (lower.contains("protobuf parsing failed") || lower.contains("invalid_protobuf")) {
      return new Reason(ReasonCode.NOT_ONNX, "the runtime could not parse the model: " + m);
    }
    if (lower.contains("opset") && lower.contains("support")) {
      return new Reason(ReasonCode.UNSUPPORTED_OPSET, m);
    }
    return new Reason(ReasonCode.RUNTIME_LOAD_FAILED, "the runtime refused the model: " + m);
  }

  private Result smokeRun(
      OnnxRunner runner,
      ModelCard card,
      OnnxModelInfo info,
      ModelLimits limits,
      long baseline,
      List<Reason> reasons,
      String runtime)
      throws IOException {
    Map<String, NdArray> feeds = new LinkedHashMap<>();
    long inputBytes = 0;
    try {
      for (TensorSpec s : card.inputs()) {
        GraphValue g =
            info.inputs().stream().filter(v -> v.name().equals(s.name())).findFirst().orElseThrow();
        long[] shape = syntheticShape(s.shape(), g.shape());
        inputBytes += NdArray.elementCount(shape) * s.elementType().bytes();
        if (inputBytes > limits.memoryCapBytes()) {
          reasons.add(
              new Reason(
                  ReasonCode.MEMORY,
                  "the declared input shapes need "
                      + inputBytes
                      + " bytes, more than the memory cap of "
                      + limits.memoryCapBytes()));
          close(runner);
          return new Result(reasons, info, runtime, null, -1);
        }
        feeds.put(s.name(), synthetic(s.elementType(), shape));
      }
    } catch (ArithmeticException | IllegalArgumentException e) {
      reasons.add(new Reason(ReasonCode.MEMORY, "the declared input shapes are too large"));
      close(runner);
      return new Result(reasons, info, runtime, null, -1);
    }
    OnnxRunner.Control control;
    try {
      control = new OnnxRunner.Control();
    } catch (OrtException e) {
      close(runner);
      throw new IOException(e);
    }
    long started = System.nanoTime();
    CompletableFuture<Map<String, NdArray>> run = new CompletableFuture<>();
    runExecutor.execute(
        () -> {
          try {
            run.complete(runner.run(feeds, control));
          } catch (Throwable t) {
            run.completeExceptionally(t);
          }
        });
    // The session and run options are closed only once the run has ended, even after a timeout.
    run.whenComplete(
        (r, t) -> {
          control.close();
          close(runner);
        });
    long deadline = started + limits.smokeTimeout().toNanos();
    long peak = 0;
    Map<String, NdArray> outputs = null;
    boolean stopped = false;
    while (outputs == null && !stopped) {
      peak = Math.max(peak, residentBytes() - baseline);
      if (peak > limits.memoryCapBytes()) {
        terminate(control, run);
        reasons.add(
            new Reason(
                ReasonCode.MEMORY,
                "the smoke run grew resident memory by "
                    + peak
                    + " bytes, more than the cap of "
                    + limits.memoryCapBytes()));
        stopped = true;
        break;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        terminate(control, run);
        reasons.add(
            new Reason(
                ReasonCode.TIMEOUT,
                "the smoke run on synthetic input did not finish within "
                    + limits.smokeTimeout().toMillis()
                    + " ms and was stopped"));
        stopped = true;
        break;
      }
      try {
        outputs =
            run.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS)), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // sample memory again
      } catch (InterruptedException e) {
        terminate(control, run);
        Thread.currentThread().interrupt();
        throw new IOException("interrupted during the smoke run", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        reasons.add(
            new Reason(
                ReasonCode.SMOKE_RUN_FAILED,
                "the smoke run on synthetic input failed: " + cause.getMessage()));
        stopped = true;
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (outputs != null) {
      checkOutputs(card, outputs, reasons);
    }
    return new Result(reasons, info, runtime, took, Math.max(0, peak));
  }

  private static void checkOutputs(
      ModelCard card, Map<String, NdArray> outputs, List<Reason> reasons) {
    for (TensorSpec s : card.outputs()) {
      NdArray a = outputs.get(s.name());
      if (a == null) {
        reasons.add(
            new Reason(
                ReasonCode.OUTPUT_MISMATCH, "the smoke run gave no output '" + s.name() + "'"));
        continue;
      }
      if (a.type() != s.elementType()) {
        reasons.add(
            new Reason(
                ReasonCode.ELEMENT_TYPE_MISMATCH,
                "output '"
                    + s.name()
                    + "' came out as "
                    + a.type().cardName()
                    + ", the card says "
                    + s.elementType().cardName()));
      }
      if (a.shape().length != s.shape().size()) {
        reasons.add(
            new Reason(
                ReasonCode.SHAPE_MISMATCH,
                "output '"
                    + s.name()
                    + "' came out with rank "
                    + a.shape().length
                    + ", the card says "
                    + s.shape().size()));
      }
    }
  }

  /** The card's fixed sizes, else the graph's, else 1 for dynamic sizes. */
  static long[] syntheticShape(List<Dim> card, List<Dim> graph) {
    long[] shape = new long[card.size()];
    for (int i = 0; i < shape.length; i++) {
      Dim c = card.get(i);
      Dim g = graph != null && i < graph.size() ? graph.get(i) : Dim.DYNAMIC;
      shape[i] = c.isFixed() ? c.size() : g.isFixed() ? g.size() : 1;
    }
    return shape;
  }

  /** Deterministic values: floats in [0, 1), integers 0, booleans false. */
  static NdArray synthetic(ElementType type, long[] shape) {
    NdArray a = NdArray.zeros(type, shape);
    Random random = new Random(18);
    if (a.data() instanceof float[] f) {
      for (int i = 0; i < f.length; i++) {
        f[i] = random.nextFloat();
      }
    } else if (a.data() instanceof double[] d) {
      for (int i = 0; i < d.length; i++) {
        d[i] = random.nextDouble();
      }
    }
    return a;
  }

  private static void terminate(OnnxRunner.Control control, CompletableFuture<?> run) {
    try {
      control.terminate();
    } catch (OrtException e) {
      // the run may have just finished and closed its options
    }
    try {
      run.get(TERMINATE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // terminated runs end with an exception; a run that ignores the flag keeps its thread
    }
  }

  private static void close(OnnxRunner runner) {
    try {
      runner.close();
    } catch (OrtException e) {
      // nothing more to release
    }
  }

  /** The process's resident set size from /proc/self/status, or 0 where that is unavailable. */
  static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return 0;
  }
}
