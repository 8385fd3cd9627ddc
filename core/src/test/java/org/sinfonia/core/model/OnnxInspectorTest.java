package org.sinfonia.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.model.OnnxModelInfo.Operator;
import org.sinfonia.core.model.OnnxModelInfo.OpsetImport;

class OnnxInspectorTest {
  @TempDir Path dir;

  private static OnnxModelInfo inspect(byte[] b) throws IOException {
    return OnnxInspector.inspect(new ByteArrayInputStream(b), b.length);
  }

  @Test
  void reportsVersionsOperatorsAndSymbolicShapes() throws Exception {
    Path f = TestModels.threshold().write(dir, "threshold.onnx");
    OnnxModelInfo info = OnnxInspector.inspect(f, 1 << 20);
    assertEquals(8, info.irVersion());
    assertEquals(List.of(new OpsetImport("", 17)), info.opsetImports());
    assertEquals(17, info.opsetVersion("ai.onnx"));
    assertEquals(Set.of(new Operator("", "Greater"), new Operator("", "Cast")), info.operators());
    assertEquals(1, info.inputs().size(), "the initializer 't' is not a fed input");
    var image = info.inputs().get(0);
    assertEquals("image", image.name());
    assertEquals("tensor", image.valueKind());
    assertEquals(ElementType.FLOAT32.onnxCode(), image.elementType());
    assertEquals(
        List.of(Dim.fixed(1), Dim.fixed(1), Dim.symbolic("height"), Dim.symbolic("width")),
        image.shape());
    assertEquals(ElementType.UINT8.onnxCode(), info.outputs().get(0).elementType());
    assertTrue(info.externalData().isEmpty());
    assertTrue(info.customDomains().isEmpty());
    assertEquals(2, info.nodeCount());
    assertEquals(1, info.initializerCount());
  }

  @Test
  void findsOperatorsInsideSubgraphs() throws Exception {
    OnnxModelInfo info = inspect(TestModels.endlessLoop().build());
    assertEquals(
        Set.of(new Operator("", "Loop"), new Operator("", "Identity"), new Operator("", "Add")),
        info.operators());
  }

  @Test
  void findsExternalData() throws Exception {
    OnnxModelBuilder b = TestModels.linear();
    b.graph()
        .initializer(OnnxModelBuilder.externalFloatTensor("W2", new long[] {3, 2}, "weights.bin"));
    assertEquals(List.of("W2"), inspect(b.build()).externalData());
  }

  @Test
  void findsExternalDataInAConstantNodesAttribute() throws Exception {
    OnnxModelBuilder b = TestModels.linear();
    b.graph()
        .node(
            "Constant",
            List.of(),
            List.of("c"),
            OnnxModelBuilder.attrTensor(
                "value", OnnxModelBuilder.externalFloatTensor("c", new long[] {1}, "../etc/x")));
    assertEquals(List.of("c"), inspect(b.build()).externalData());
  }

  @Test
  void reportsCustomDomains() throws Exception {
    OnnxModelBuilder b = new OnnxModelBuilder().opset("", 17).opset("com.example", 1);
    b.graph()
        .input("x", OnnxModelBuilder.FLOAT, 1)
        .nodeIn("com.example", "Frobnicate", List.of("x"), List.of("y"))
        .output("y", OnnxModelBuilder.FLOAT, 1);
    OnnxModelInfo info = inspect(b.build());
    assertEquals(Set.of("com.example"), info.customDomains());
    assertTrue(info.operators().contains(new Operator("com.example", "Frobnicate")));
  }

  @Test
  void aDomainHoldingOnlyLocalFunctionsIsNotCustom() throws Exception {
    OnnxModelInfo info = inspect(TestModels.localFunction().build());
    assertEquals(Set.of(), info.customDomains());
    assertTrue(info.operators().contains(new Operator("local.fns", "Twice")));
    assertTrue(info.operators().contains(new Operator("", "Add")), "the function body's operators");
  }

  @Test
  void refusesWhatIsNotOnnx() throws Exception {
    byte[] good = TestModels.linear().build();
    List<byte[]> bad =
        List.of(
            new byte[0],
            "this is not an ONNX model, just text".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOf(good, good.length - 7),
            new byte[] {(byte) 0x08, (byte) 0xff, (byte) 0xff, (byte) 0xff},
            new OnnxModelBuilder.Proto().varint(1, 8).bytes(), // ir_version but no graph
            new OnnxModelBuilder.Proto().field(7, new byte[] {0x0a, 0x05}).bytes());
    for (byte[] b : bad) {
      assertThrows(OnnxFormatException.class, () -> inspect(b), Arrays.toString(b));
    }
  }

  @Test
  void refusesAFileOverTheLimitBeforeReadingIt() throws Exception {
    Path f = dir.resolve("m.onnx");
    Files.write(f, TestModels.linear().build());
    assertThrows(IllegalArgumentException.class, () -> OnnxInspector.inspect(f, 10));
  }

  @Test
  void refusesSubgraphsNestedTooDeep() {
    byte[] g = new OnnxModelBuilder.Graph("leaf").bytes();
    for (int i = 0; i < OnnxInspector.MAX_DEPTH + 2; i++) {
      g =
          new OnnxModelBuilder.Graph("g" + i)
              .node("If", List.of("c"), List.of("o"), OnnxModelBuilder.attrGraph("then_branch", g))
              .bytes();
    }
    byte[] model =
        new OnnxModelBuilder.Proto()
            .varint(1, 8)
            .message(8, new OnnxModelBuilder.Proto().string(1, "").varint(2, 17).bytes())
            .message(7, g)
            .bytes();
    assertThrows(OnnxFormatException.class, () -> inspect(model));
  }
}
