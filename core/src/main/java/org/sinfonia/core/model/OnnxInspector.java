package org.sinfonia.core.model;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sinfonia.core.model.OnnxModelInfo.GraphValue;
import org.sinfonia.core.model.OnnxModelInfo.Operator;
import org.sinfonia.core.model.OnnxModelInfo.OpsetImport;

/**
 * Reads an ONNX file's protobuf in one streaming pass with bounded memory: tensor data ({@code
 * raw_data}, {@code float_data}, ...) is skipped, never held; only names, types, shapes and
 * operator names are kept, each bounded. Field numbers are those of onnx.proto (ModelProto,
 * GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
 * FunctionProto).
 */
public final class OnnxInspector {
  /**
   * Subgraph nesting deeper than this is refused (hostile files could otherwise exhaust the stack).
   */
  static final int MAX_DEPTH = 32;

  static final int MAX_NAME = 4096;
  static final int MAX_VALUES = 100_000;
  static final Set<String> STANDARD_DOMAINS = Set.of("", "ai.onnx", "ai.onnx.ml");

  private final Set<Operator> operators = new LinkedHashSet<>();
  private final Set<Operator> localFunctions = new HashSet<>();
  private final List<String> external = new ArrayList<>();
  private final List<OpsetImport> opsets = new ArrayList<>();
  private final Set<String> initializerNames = new HashSet<>();
  private final List<GraphValue> inputs = new ArrayList<>();
  private final List<GraphValue> outputs = new ArrayList<>();
  private long nodes;
  private long initializers;
  private long values;
  private ProtoReader r;

  private OnnxInspector() {}

  /**
   * Inspects the file; {@link OnnxFormatException} if it is not a well-formed ONNX model, {@link
   * IllegalArgumentException} if it is larger than {@code maxBytes} (checked before reading).
   */
  public static OnnxModelInfo inspect(Path file, long maxBytes) throws IOException {
    long size = Files.size(file);
    if (size > maxBytes) {
      throw new IllegalArgumentException(
          "the file has " + size + " bytes, more than the limit of " + maxBytes);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 65_536)) {
      return inspect(in, size);
    }
  }

  /** Inspects {@code length} bytes of {@code in} (the whole model). */
  public static OnnxModelInfo inspect(InputStream in, long length) throws IOException {
    return new OnnxInspector().model(new ProtoReader(in, length));
  }

  private OnnxModelInfo model(ProtoReader reader) throws IOException {
    this.r = reader;
    long irVersion = -1;
    boolean graph = false;
    if (r.atEnd()) {
      throw new OnnxFormatException("empty file");
    }
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) -> irVersion = r.readVarint(); // ir_version
        case (8 << 3) | 2 -> opsets.add(opset()); // opset_import
        case (7 << 3) | 2 -> { // graph
          if (graph) {
            throw new OnnxFormatException("more than one graph");
          }
          graph = true;
          graph(0, true);
        }
        case (25 << 3) | 2 -> function(); // functions
        default -> r.skipField(tag);
      }
    }
    if (irVersion < 1) {
      throw new OnnxFormatException("no ir_version: not an ONNX model");
    }
    if (!graph) {
      throw new OnnxFormatException("no graph: not an ONNX model");
    }
    if (irVersion >= 3 && opsets.isEmpty()) {
      throw new OnnxFormatException("no opset_import: not an ONNX model");
    }
    Set<String> functionDomains = new HashSet<>();
    localFunctions.forEach(f -> functionDomains.add(f.domain()));
    Set<String> custom = new LinkedHashSet<>();
    for (OpsetImport o : opsets) {
      if (!STANDARD_DOMAINS.contains(o.domain()) && !functionDomains.contains(o.domain())) {
        custom.add(o.domain());
      }
    }
    for (Operator op : operators) {
      if (!STANDARD_DOMAINS.contains(op.domain()) && !localFunctions.contains(op)) {
        custom.add(op.domain());
      }
    }
    List<GraphValue> fed =
        inputs.stream().filter(v -> !initializerNames.contains(v.name())).toList();
    return new OnnxModelInfo(
        irVersion,
        List.copyOf(opsets),
        Set.copyOf(operators),
        List.copyOf(external),
        Set.copyOf(custom),
        fed,
        List.copyOf(outputs),
        nodes,
        initializers);
  }

  private OpsetImport opset() throws IOException {
    long old = r.pushLimit();
    String domain = "";
    long version = -1;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | 2 -> domain = r.readString(MAX_NAME);
        case (2 << 3) -> version = r.readVarint();
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
    return new OpsetImport(domain, version);
  }

  private void graph(int depth, boolean main) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new OnnxFormatException("subgraphs nested deeper than " + MAX_DEPTH);
    }
    long old = r.pushLimit();
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | 2 -> node(depth); // node
        case (5 << 3) | 2 -> { // initializer
          String name = tensor();
          initializers++;
          if (main && name != null) {
            initializerNames.add(name);
          }
        }
        case (15 << 3) | 2 -> sparseTensor(); // sparse_initializer
        case (11 << 3) | 2 -> { // input
          GraphValue v = valueInfo();
          if (main) {
            count();
            inputs.add(v);
          }
        }
        case (12 << 3) | 2 -> { // output
          GraphValue v = valueInfo();
          if (main) {
            count();
            outputs.add(v);
          }
        }
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
  }

  private void function() throws IOException {
    long old = r.pushLimit();
    String name = null;
    String domain = "";
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | 2 -> name = r.readString(MAX_NAME);
        case (10 << 3) | 2 -> domain = r.readString(MAX_NAME);
        case (7 << 3) | 2 -> node(1);
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
    if (name != null) {
      localFunctions.add(new Operator(domain, name));
    }
  }

  private void node(int depth) throws IOException {
    long old = r.pushLimit();
    String opType = null;
    String domain = "";
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (4 << 3) | 2 -> opType = r.readString(MAX_NAME);
        case (7 << 3) | 2 -> domain = r.readString(MAX_NAME);
        case (5 << 3) | 2 -> attribute(depth);
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
    if (opType == null || opType.isEmpty()) {
      throw new OnnxFormatException("a node without op_type");
    }
    nodes++;
    count();
    operators.add(new Operator("ai.onnx".equals(domain) ? "" : domain, opType));
  }

  private void attribute(int depth) throws IOException {
    long old = r.pushLimit();
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (6 << 3) | 2, (11 << 3) | 2 -> graph(depth + 1, false); // g, graphs
        case (5 << 3) | 2, (10 << 3) | 2 -> tensor(); // t, tensors
        case (22 << 3) | 2, (23 << 3) | 2 -> sparseTensor(); // sparse_tensor(s)
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
  }

  private void sparseTensor() throws IOException {
    long old = r.pushLimit();
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (1 << 3) | 2, (2 << 3) | 2 -> tensor(); // values, indices
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
  }

  /** Reads a TensorProto, notes external data, returns its name (data skipped). */
  private String tensor() throws IOException {
    long old = r.pushLimit();
    String name = null;
    boolean ext = false;
    while (!r.atEnd()) {
      int tag = r.readTag();
      switch (tag) {
        case (8 << 3) | 2 -> name = r.readString(MAX_NAME);
        case (14 << 3) -> ext |= r.readVarint() == 1; // data_location EXTERNAL
        case (13 << 3) | 2 -> { // external_data
          ext = true;
          r.skipField(tag);
        }
        default -> r.skipField(tag);
      }
    }
    r.popLimit(old);
    count();
    if (ext) {
      external.add(name == null ? "(unnamed tensor)" : name);
    }
    return name;
  }

  private GraphValue valueInfo() throws IOException {
    long old = r.pushLimit();
    String name = null;
    String kind = "unknown";
    int elem = 0;
    List<Dim> shape = null;
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (tag == ((1 << 3) | 2)) {
        name = r.readString(MAX_NAME);
      } else if (tag == ((2 << 3) | 2)) { // TypeProto
        long t = r.pushLimit();
        while (!r.atEnd()) {
          int tt = r.readTag();
          switch (tt) {
            case (1 << 3) | 2 -> { // tensor_type
              kind = "tensor";
              long tl = r.pushLimit();
              while (!r.atEnd()) {
                int f = r.readTag();
                if (f == (1 << 3)) {
                  elem = (int) r.readVarint();
                } else if (f == ((2 << 3) | 2)) {
                  shape = shape();
                } else {
                  r.skipField(f);
                }
              }
              r.popLimit(tl);
            }
            case (4 << 3) | 2 -> {
              kind = "sequence";
              r.skipField(tt);
            }
            case (5 << 3) | 2 -> {
              kind = "map";
              r.skipField(tt);
            }
            case (8 << 3) | 2 -> {
              kind = "sparse_tensor";
              r.skipField(tt);
            }
            case (9 << 3) | 2 -> {
              kind = "optional";
              r.skipField(tt);
            }
            default -> r.skipField(tt);
          }
        }
        r.popLimit(t);
      } else {
        r.skipField(tag);
      }
    }
    r.popLimit(old);
    if (name == null) {
      throw new OnnxFormatException("a graph input or output without a name");
    }
    return new GraphValue(name, kind, elem, shape);
  }

  private List<Dim> shape() throws IOException {
    long old = r.pushLimit();
    List<Dim> dims = new ArrayList<>();
    while (!r.atEnd()) {
      int tag = r.readTag();
      if (tag == ((1 << 3) | 2)) {
        long d = r.pushLimit();
        Dim dim = Dim.DYNAMIC;
        while (!r.atEnd()) {
          int f = r.readTag();
          if (f == (1 << 3)) {
            dim = Dim.fixed(r.readVarint());
          } else if (f == ((2 << 3) | 2)) {
            dim = Dim.symbolic(r.readString(MAX_NAME));
          } else {
            r.skipField(f);
          }
        }
        r.popLimit(d);
        if (dims.size() >= 64) {
          throw new OnnxFormatException("a shape with more than 64 dimensions");
        }
        dims.add(dim);
      } else {
        r.skipField(tag);
      }
    }
    r.popLimit(old);
    return dims;
  }

  private void count() throws OnnxFormatException {
    if (++values > MAX_VALUES) {
      throw new OnnxFormatException(
          "more than " + MAX_VALUES + " nodes, tensors and values: refused as too complex");
    }
  }
}
