package org.sinfonia.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-side ONNX writer: encodes ModelProto / GraphProto / NodeProto / AttributeProto / TensorProto
 * / ValueInfoProto in protobuf wire format by hand (field numbers from onnx.proto), so tests need
 * neither Python's onnx nor protobuf-java.
 */
final class OnnxModelBuilder {
  static final int FLOAT = 1;
  static final int UINT8 = 2;
  static final int INT32 = 6;
  static final int INT64 = 7;
  static final int BOOL = 9;
  static final int DOUBLE = 11;

  private long irVersion = 8;
  private final List<byte[]> opsets = new ArrayList<>();
  private final Graph graph = new Graph("main");
  private final List<byte[]> functions = new ArrayList<>();

  OnnxModelBuilder irVersion(long v) {
    irVersion = v;
    return this;
  }

  OnnxModelBuilder opset(String domain, long version) {
    opsets.add(new Proto().string(1, domain).varint(2, version).bytes());
    return this;
  }

  /**
   * A model-local function (FunctionProto) whose body is the given graph's nodes, importing opset
   * 17.
   */
  OnnxModelBuilder function(
      String domain, String name, List<String> in, List<String> out, Graph body) {
    Proto f = new Proto().string(1, name);
    in.forEach(i -> f.string(4, i));
    out.forEach(o -> f.string(5, o));
    body.nodes.forEach(n -> f.message(7, n));
    f.message(9, new Proto().string(1, "").varint(2, 17).bytes());
    f.string(10, domain);
    functions.add(f.bytes());
    return this;
  }

  Graph graph() {
    return graph;
  }

  byte[] build() {
    Proto m = new Proto().varint(1, irVersion).string(2, "sinfonia-tests");
    if (opsets.isEmpty()) {
      opset("", 17);
    }
    opsets.forEach(o -> m.message(8, o));
    m.message(7, graph.bytes());
    functions.forEach(f -> m.message(25, f));
    return m.bytes();
  }

  Path write(Path dir, String name) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, build());
    return p;
  }

  /** A GraphProto under construction (the main graph or a subgraph for Loop/If attributes). */
  static final class Graph {
    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    Graph(String name) {
      this.name = name;
    }

    Graph input(String n, int elemType, Object... dims) {
      inputs.add(valueInfo(n, elemType, dims));
      return this;
    }

    Graph output(String n, int elemType, Object... dims) {
      outputs.add(valueInfo(n, elemType, dims));
      return this;
    }

    Graph initializer(byte[] tensor) {
      initializers.add(tensor);
      return this;
    }

    Graph node(String opType, List<String> in, List<String> out, byte[]... attributes) {
      return nodeIn("", opType, in, out, attributes);
    }

    Graph nodeIn(String domain, String opType, List<String> in, List<String> out, byte[]... attrs) {
      Proto n = new Proto();
      in.forEach(i -> n.string(1, i));
      out.forEach(o -> n.string(2, o));
      n.string(3, opType + "_" + nodes.size()).string(4, opType);
      for (byte[] a : attrs) {
        n.message(5, a);
      }
      if (!domain.isEmpty()) {
        n.string(7, domain);
      }
      nodes.add(n.bytes());
      return this;
    }

    byte[] bytes() {
      Proto g = new Proto();
      nodes.forEach(n -> g.message(1, n));
      g.string(2, name);
      initializers.forEach(t -> g.message(5, t));
      inputs.forEach(v -> g.message(11, v));
      outputs.forEach(v -> g.message(12, v));
      return g.bytes();
    }
  }

  // ---- tensors and attributes ----

  static byte[] floatTensor(String name, long[] dims, float... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      raw.putFloat(v);
    }
    return tensor(name, FLOAT, dims, raw.array());
  }

  static byte[] int64Tensor(String name, long[] dims, long... values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      raw.putLong(v);
    }
    return tensor(name, INT64, dims, raw.array());
  }

  static byte[] boolTensor(String name, long[] dims, boolean... values) {
    byte[] raw = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      raw[i] = (byte) (values[i] ? 1 : 0);
    }
    return tensor(name, BOOL, dims, raw);
  }

  static byte[] tensor(String name, int dataType, long[] dims, byte[] raw) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    return t.varint(2, dataType).string(8, name).field(9, raw).bytes();
  }

  /**
   * A float tensor whose data is in another file (data_location = EXTERNAL, external_data
   * location).
   */
  static byte[] externalFloatTensor(String name, long[] dims, String location) {
    Proto t = new Proto();
    for (long d : dims) {
      t.varint(1, d);
    }
    t.varint(2, FLOAT).string(8, name);
    t.message(13, new Proto().string(1, "location").string(2, location).bytes());
    t.message(13, new Proto().string(1, "offset").string(2, "0").bytes());
    return t.varint(14, 1).bytes();
  }

  static byte[] attrInt(String name, long v) {
    return new Proto().string(1, name).varint(3, v).varint(20, 2).bytes();
  }

  static byte[] attrFloat(String name, float v) {
    return new Proto().string(1, name).fixed32(2, Float.floatToIntBits(v)).varint(20, 1).bytes();
  }

  static byte[] attrGraph(String name, byte[] graph) {
    return new Proto().string(1, name).message(6, graph).varint(20, 5).bytes();
  }

  static byte[] attrTensor(String name, byte[] tensor) {
    return new Proto().string(1, name).message(5, tensor).varint(20, 4).bytes();
  }

  /**
   * ValueInfoProto of a tensor; dims are Long/Integer (fixed) or String (symbolic), none for a
   * scalar.
   */
  static byte[] valueInfo(String name, int elemType, Object... dims) {
    Proto shape = new Proto();
    for (Object d : dims) {
      Proto dim = new Proto();
      if (d instanceof String s) {
        dim.string(2, s);
      } else {
        dim.varint(1, ((Number) d).longValue());
      }
      shape.message(1, dim.bytes());
    }
    byte[] tensorType = new Proto().varint(1, elemType).message(2, shape.bytes()).bytes();
    byte[] type = new Proto().message(1, tensorType).bytes();
    return new Proto().string(1, name).message(2, type).bytes();
  }

  /** Protobuf wire-format writer. */
  static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long v) {
      tag(field, 0);
      rawVarint(v);
      return this;
    }

    Proto fixed32(int field, int v) {
      tag(field, 5);
      for (int i = 0; i < 4; i++) {
        out.write((v >>> (8 * i)) & 0xff);
      }
      return this;
    }

    Proto string(int field, String s) {
      return field(field, s.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, byte[] m) {
      return field(field, m);
    }

    Proto field(int field, byte[] b) {
      tag(field, 2);
      rawVarint(b.length);
      out.writeBytes(b);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wire) {
      rawVarint(((long) field << 3) | wire);
    }

    private void rawVarint(long v) {
      while ((v & ~0x7fL) != 0) {
        out.write((int) ((v & 0x7f) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
