package org.sinfonia.core.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session on a model held in memory, run with plain {@link NdArray} tensors.
 * Blocking: call it from a worker thread, never an event loop. {@link #run(Map, Control)} can be
 * stopped from another thread via {@link Control#terminate()}. Thread-safe for concurrent runs
 * (ONNX Runtime sessions are), closed once.
 */
public final class OnnxRunner implements AutoCloseable {
  private final OrtEnvironment env;
  private final OrtSession session;

  private OnnxRunner(OrtEnvironment env, OrtSession session) {
    this.env = env;
    this.session = session;
  }

  /**
   * Opens a session on the model bytes (never a path, so the runtime resolves no files next to the
   * model) with {@code intraOpThreads} threads per run (0 = the runtime's default, all cores),
   * graph optimisations on, and no custom-op libraries.
   */
  public static OnnxRunner open(byte[] model, int intraOpThreads) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
      if (intraOpThreads > 0) {
        opts.setIntraOpNumThreads(intraOpThreads);
      }
      opts.setInterOpNumThreads(1);
      opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      return new OnnxRunner(env, env.createSession(model, opts));
    }
  }

  /** The bundled ONNX Runtime's version (e.g. {@code 1.20.0}), for provenance. */
  public static String runtimeVersion() {
    return OrtEnvironment.getEnvironment().getVersion();
  }

  public Map<String, NodeInfo> inputInfo() throws OrtException {
    return session.getInputInfo();
  }

  public Map<String, NodeInfo> outputInfo() throws OrtException {
    return session.getOutputInfo();
  }

  /** Runs the model on the named inputs; returns every tensor output by name. */
  public Map<String, NdArray> run(Map<String, NdArray> inputs) throws OrtException {
    try (Control c = new Control()) {
      return run(inputs, c);
    }
  }

  /**
   * As {@link #run(Map)}, stoppable through {@code control} (the run then throws {@link
   * OrtException}).
   */
  public Map<String, NdArray> run(Map<String, NdArray> inputs, Control control)
      throws OrtException {
    List<OnnxTensor> created = new ArrayList<>();
    try {
      Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
      for (Map.Entry<String, NdArray> e : inputs.entrySet()) {
        OnnxTensor t = toTensor(e.getValue());
        created.add(t);
        feeds.put(e.getKey(), t);
      }
      try (OrtSession.Result result = session.run(feeds, control.options)) {
        Map<String, NdArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, OnnxValue> e : result) {
          if (e.getValue() instanceof OnnxTensor t) {
            out.put(e.getKey(), fromTensor(t));
          }
        }
        return out;
      }
    } finally {
      created.forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor toTensor(NdArray a) throws OrtException {
    long[] shape = a.shape();
    return switch (a.type()) {
      case FLOAT32 -> OnnxTensor.createTensor(env, FloatBuffer.wrap((float[]) a.data()), shape);
      case FLOAT64 -> OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) a.data()), shape);
      case INT64 -> OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) a.data()), shape);
      case INT32 -> OnnxTensor.createTensor(env, IntBuffer.wrap((int[]) a.data()), shape);
      case UINT8 ->
          OnnxTensor.createTensor(
              env, ByteBuffer.wrap((byte[]) a.data()), shape, OnnxJavaType.UINT8);
      case BOOL -> {
        boolean[] b = (boolean[]) a.data();
        ByteBuffer buf = ByteBuffer.allocateDirect(b.length).order(ByteOrder.nativeOrder());
        for (boolean v : b) {
          buf.put((byte) (v ? 1 : 0));
        }
        buf.flip();
        yield OnnxTensor.createTensor(env, buf, shape, OnnxJavaType.BOOL);
      }
    };
  }

  private static NdArray fromTensor(OnnxTensor t) throws OrtException {
    TensorInfo info = t.getInfo();
    long[] shape = info.getShape();
    int n = Math.toIntExact(NdArray.elementCount(shape));
    return switch (info.type) {
      case FLOAT -> {
        float[] v = new float[n];
        t.getFloatBuffer().get(v);
        yield new NdArray(ElementType.FLOAT32, shape, v);
      }
      case DOUBLE -> {
        double[] v = new double[n];
        t.getDoubleBuffer().get(v);
        yield new NdArray(ElementType.FLOAT64, shape, v);
      }
      case INT64 -> {
        long[] v = new long[n];
        t.getLongBuffer().get(v);
        yield new NdArray(ElementType.INT64, shape, v);
      }
      case INT32 -> {
        int[] v = new int[n];
        t.getIntBuffer().get(v);
        yield new NdArray(ElementType.INT32, shape, v);
      }
      case UINT8, INT8 -> {
        byte[] v = new byte[n];
        t.getByteBuffer().get(v);
        yield new NdArray(ElementType.UINT8, shape, v);
      }
      case BOOL -> {
        byte[] raw = new byte[n];
        t.getByteBuffer().get(raw);
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = raw[i] != 0;
        }
        yield new NdArray(ElementType.BOOL, shape, v);
      }
      default -> throw new OrtException("output element type " + info.type + " is not supported");
    };
  }

  @Override
  public void close() throws OrtException {
    session.close();
  }

  /**
   * Stops a run from another thread: the runtime checks the flag between operators (also inside
   * loops).
   */
  public static final class Control implements AutoCloseable {
    private final OrtSession.RunOptions options;

    public Control() throws OrtException {
      options = new OrtSession.RunOptions();
    }

    private boolean closed;

    /** Asks the run to stop; harmless after the run ended or the control was closed. */
    public synchronized void terminate() throws OrtException {
      if (!closed) {
        options.setTerminate(true);
      }
    }

    @Override
    public synchronized void close() {
      if (!closed) {
        closed = true;
        options.close();
      }
    }
  }
}
