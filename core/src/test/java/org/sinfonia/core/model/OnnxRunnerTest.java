package org.sinfonia.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxRunnerTest {

  @Test
  void thresholdSegmentationGivesExactVoxels() throws Exception {
    float[] ct = {-1000, 0, 99.9f, 100, 100.1f, 2000, 40, 101, 3000, -5, 100, 250};
    byte[] expected = new byte[ct.length];
    for (int i = 0; i < ct.length; i++) {
      expected[i] = (byte) (ct[i] > TestModels.THRESHOLD ? 1 : 0);
    }
    try (OnnxRunner r = OnnxRunner.open(TestModels.threshold().build(), 1)) {
      Map<String, NdArray> out =
          r.run(Map.of("image", NdArray.floats(new long[] {1, 1, 3, 4}, ct)));
      NdArray mask = out.get("mask");
      assertEquals(ElementType.UINT8, mask.type());
      assertArrayEquals(new long[] {1, 1, 3, 4}, mask.shape());
      assertArrayEquals(expected, (byte[]) mask.data());
      // A different size for the symbolic height and width on the same session.
      out = r.run(Map.of("image", NdArray.floats(new long[] {1, 1, 1, 2}, 101, 99)));
      assertArrayEquals(new byte[] {1, 0}, (byte[]) out.get("mask").data());
    }
  }

  @Test
  void linearModelGivesExactValues() throws Exception {
    float[] x = {1, 2, 3, -2, 0, 4};
    float[] expected = new float[4];
    for (int row = 0; row < 2; row++) {
      for (int col = 0; col < 2; col++) {
        float v = TestModels.B[col];
        for (int k = 0; k < 3; k++) {
          v += x[row * 3 + k] * TestModels.W[k * 2 + col];
        }
        expected[row * 2 + col] = v;
      }
    }
    try (OnnxRunner r = OnnxRunner.open(TestModels.linear().build(), 2)) {
      NdArray y = r.run(Map.of("x", NdArray.floats(new long[] {2, 3}, x))).get("y");
      assertArrayEquals(new long[] {2, 2}, y.shape());
      assertArrayEquals(expected, (float[]) y.data());
      assertArrayEquals(new float[] {18f, -7f, 20f, -16f}, (float[]) y.data());
    }
  }

  @Test
  void softmaxClassifierGivesProbabilitiesInLabelOrder() throws Exception {
    ModelCard card = TestModels.softmaxCard();
    float[] f = {1, 2, 0.5f, -1};
    double[] logits = new double[3];
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < 4; k++) {
        logits[c] += f[k] * TestModels.CW[k * 3 + c];
      }
    }
    double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
    double sum = 0;
    double[] expected = new double[3];
    for (int c = 0; c < 3; c++) {
      expected[c] = Math.exp(logits[c] - max);
      sum += expected[c];
    }
    try (OnnxRunner r = OnnxRunner.open(TestModels.softmax().build(), 1)) {
      double[] p =
          r.run(Map.of("features", NdArray.floats(new long[] {1, 4}, f)))
              .get("probabilities")
              .asDoubles();
      assertEquals(3, card.outputs().get(0).postprocessing().labels().size());
      int best = 0;
      for (int c = 0; c < 3; c++) {
        assertEquals(expected[c] / sum, p[c], 1e-6);
        if (p[c] > p[best]) {
          best = c;
        }
      }
      assertEquals("malignant", card.outputs().get(0).postprocessing().labels().get(best));
    }
  }

  @Test
  void runtimeVersionIsReported() {
    String v = OnnxRunner.runtimeVersion();
    assertFalse(v.isBlank());
    assertTrue(v.matches("\\d+\\.\\d+\\.\\d+.*"), v);
  }
}
