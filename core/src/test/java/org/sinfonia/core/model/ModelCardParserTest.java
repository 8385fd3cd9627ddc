package org.sinfonia.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.model.CardError.Code;
import org.sinfonia.core.model.ModelCard.Kind;
import org.sinfonia.core.model.ModelCard.Normalisation;
import org.sinfonia.core.model.ModelCard.Postprocessing;
import org.sinfonia.core.model.ModelCard.Resampling;

class ModelCardParserTest {

  /** The complete example of docs/models.md, as the web layer would pass it. */
  static Map<String, Object> fullCard() {
    Map<String, Object> in =
        TestModels.tensor("image", "image-series", "float32", "batch", 1, 256, 256);
    Map<String, Object> pre = new LinkedHashMap<>();
    pre.put("modality", "CT");
    pre.put("spacing", List.of(1.5, 1.5));
    pre.put("resampling", "nearest");
    pre.put("clip", List.of(-1000, 400));
    pre.put("normalisation", Map.of("zscore", Map.of("mean", -300.5, "std", 420)));
    pre.put("channelOrder", "NCHW");
    in.put("preprocessing", pre);
    Map<String, Object> age = TestModels.tensor("age", "scalars", "float32", "batch", 1);
    Map<String, Object> seg =
        TestModels.tensor("labels", "image-series", "int64", "batch", 256, 256);
    seg.put(
        "postprocessing",
        Map.of(
            "type",
            "argmax",
            "labels",
            List.of("background", "liver", "tumour"),
            "labelColours",
            List.of("#000000", "#00ff00", "#ff0000")));
    Map<String, Object> p = TestModels.tensor("malignancy", "scalars", "float32", "batch", 1);
    p.put(
        "postprocessing",
        Map.of("type", "sigmoid", "threshold", 0.5, "labels", List.of("malignant")));
    Map<String, Object> vol = TestModels.tensor("volume", "scalars", "float32", "batch", 1);
    vol.put("postprocessing", Map.of("type", "regression", "units", "ml"));
    return TestModels.card(List.of(in, age), List.of(seg, p, vol));
  }

  private static List<CardError> errors(Map<String, Object> card) {
    return assertThrows(ModelCardException.class, () -> ModelCardParser.parse(card)).errors();
  }

  private static void assertError(List<CardError> errors, Code code, String path) {
    assertTrue(
        errors.stream().anyMatch(e -> e.code() == code && e.path().equals(path)),
        "expected " + code + " at " + path + " in " + errors);
  }

  @Test
  void parsesACompleteCard() {
    ModelCard c = ModelCardParser.parse(fullCard());
    assertEquals("Test model", c.name());
    assertEquals(List.of("Alice Example"), c.authors());
    assertEquals(2, c.inputs().size());
    var image = c.inputs().get(0);
    assertEquals(Kind.IMAGE_SERIES, image.kind());
    assertEquals(
        List.of(Dim.symbolic("batch"), Dim.fixed(1), Dim.fixed(256), Dim.fixed(256)),
        image.shape());
    assertEquals(ElementType.FLOAT32, image.elementType());
    var pre = image.preprocessing();
    assertEquals("CT", pre.modality());
    assertEquals(List.of(1.5, 1.5), pre.spacing());
    assertNull(pre.targetSize());
    assertEquals(Resampling.NEAREST, pre.resampling());
    assertEquals(List.of(-1000.0, 400.0), pre.clip());
    assertNull(pre.window());
    assertEquals(
        new Normalisation(Normalisation.Type.ZSCORE, -300.5, 420, 0, 0), pre.normalisation());
    assertNull(c.inputs().get(1).preprocessing());
    var seg = c.outputs().get(0).postprocessing();
    assertEquals(Postprocessing.Type.ARGMAX, seg.type());
    assertEquals(List.of("background", "liver", "tumour"), seg.labels());
    assertEquals("#00ff00", seg.labelColours().get(1));
    assertEquals(0.5, c.outputs().get(1).postprocessing().threshold());
    assertEquals("ml", c.outputs().get(2).postprocessing().units());
  }

  @Test
  void windowAndScaleNormalisation() {
    Map<String, Object> card = fullCard();
    Map<String, Object> pre = preOf(card);
    pre.remove("clip");
    pre.remove("spacing");
    pre.put("targetSize", List.of(512, 256));
    pre.remove("resampling");
    pre.put("window", Map.of("center", 40, "width", 400));
    pre.put("normalisation", Map.of("scale", Map.of("factor", 0.0025, "offset", 0.5)));
    var p = ModelCardParser.parse(card).inputs().get(0).preprocessing();
    assertEquals(List.of(512, 256), p.targetSize());
    assertEquals(Resampling.LINEAR, p.resampling(), "linear is the default when resizing");
    assertEquals(new ModelCard.Window(40, 400), p.window());
    assertEquals(Normalisation.Type.SCALE, p.normalisation().type());
    assertEquals(0.0025, p.normalisation().factor());
  }

  @Test
  void reportsMissingFieldsWithTheirPaths() {
    Map<String, Object> card = fullCard();
    card.remove("name");
    card.put("licence", " ");
    input(card, 0).remove("elementType");
    List<CardError> e = errors(card);
    assertError(e, Code.MISSING_FIELD, "name");
    assertError(e, Code.MISSING_FIELD, "licence");
    assertError(e, Code.MISSING_FIELD, "inputs[0].elementType");
    assertEquals(3, e.size(), e.toString());
  }

  @Test
  void reportsUnknownFields() {
    Map<String, Object> card = fullCard();
    card.put("nmae", "typo");
    preOf(card).put("windw", Map.of());
    List<CardError> e = errors(card);
    assertError(e, Code.UNKNOWN_FIELD, "nmae");
    assertError(e, Code.UNKNOWN_FIELD, "inputs[0].preprocessing.windw");
  }

  @Test
  void reportsWrongTypesAndValues() {
    Map<String, Object> card = fullCard();
    card.put("authors", "Alice");
    input(card, 0).put("shape", new ArrayList<>(List.of(1, true, 0, "9bad")));
    input(card, 1).put("elementType", "float16");
    input(card, 1).put("kind", "video");
    preOf(card).put("resampling", "cubic");
    preOf(card).put("clip", List.of(400, -1000));
    List<CardError> e = errors(card);
    assertError(e, Code.WRONG_TYPE, "authors");
    assertError(e, Code.WRONG_TYPE, "inputs[0].shape[1]");
    assertError(e, Code.INVALID_VALUE, "inputs[0].shape[2]");
    assertError(e, Code.INVALID_VALUE, "inputs[0].shape[3]");
    assertError(e, Code.INVALID_VALUE, "inputs[1].elementType");
    assertError(e, Code.INVALID_VALUE, "inputs[1].kind");
    assertError(e, Code.INVALID_VALUE, "inputs[0].preprocessing.resampling");
    assertError(e, Code.INVALID_VALUE, "inputs[0].preprocessing.clip");
  }

  @Test
  void reportsConflictsAndPostprocessingRules() {
    Map<String, Object> card = fullCard();
    preOf(card).put("window", Map.of("center", 40, "width", -1));
    preOf(card).put("targetSize", List.of(256, 256));
    output(card, 0).put("postprocessing", Map.of("type", "softmax"));
    output(card, 1).put("postprocessing", Map.of("type", "sigmoid"));
    output(card, 2).put("postprocessing", Map.of("type", "argmax", "units", "ml"));
    Map<String, Object> dup = TestModels.tensor("age", "scalars", "float32", 1);
    @SuppressWarnings("unchecked")
    List<Object> inputs = new ArrayList<>((List<Object>) card.get("inputs"));
    inputs.add(dup);
    card.put("inputs", inputs);
    List<CardError> e = errors(card);
    assertError(e, Code.CONFLICT, "inputs[0].preprocessing.window");
    assertError(e, Code.CONFLICT, "inputs[0].preprocessing.targetSize");
    assertError(e, Code.INVALID_VALUE, "inputs[0].preprocessing.window.width");
    assertError(e, Code.MISSING_FIELD, "outputs[0].postprocessing.labels");
    assertError(e, Code.MISSING_FIELD, "outputs[1].postprocessing.threshold");
    assertError(e, Code.INVALID_VALUE, "outputs[2].postprocessing.units");
    assertError(e, Code.DUPLICATE_NAME, "inputs[2].name");
  }

  @Test
  void imageInputsNeedPreprocessingAndOthersMayNotHaveIt() {
    Map<String, Object> card = fullCard();
    input(card, 0).remove("preprocessing");
    input(card, 1).put("preprocessing", Map.of("modality", "CT"));
    List<CardError> e = errors(card);
    assertError(e, Code.MISSING_FIELD, "inputs[0].preprocessing");
    assertError(e, Code.INVALID_VALUE, "inputs[1].preprocessing");
  }

  @Test
  void nestedIterablesActAsObjectsAndArrays() {
    // A nested Vert.x JsonObject iterates as map entries, a JsonArray as values.
    Map<String, Object> card = fullCard();
    Map<String, Object> window = new LinkedHashMap<>(Map.of("center", 40, "width", 400));
    Iterable<Map.Entry<String, Object>> asEntries = () -> window.entrySet().iterator();
    List<Object> clip = List.of(-100, 100);
    Iterable<Object> asValues = clip::iterator;
    preOf(card).remove("clip");
    preOf(card).put("window", asEntries);
    input(card, 1).put("shape", (Iterable<Object>) List.<Object>of("batch", 1)::iterator);
    ModelCard c = ModelCardParser.parse(card);
    assertEquals(new ModelCard.Window(40, 400), c.inputs().get(0).preprocessing().window());
    assertEquals(2, c.inputs().get(1).shape().size());
    preOf(card).remove("window");
    preOf(card).put("clip", asValues);
    assertEquals(
        List.of(-100.0, 100.0), ModelCardParser.parse(card).inputs().get(0).preprocessing().clip());
  }

  @Test
  void refusesANullCard() {
    assertEquals(Code.MISSING_FIELD, errors(null).get(0).code());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> input(Map<String, Object> card, int i) {
    return ((List<Map<String, Object>>) card.get("inputs")).get(i);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> output(Map<String, Object> card, int i) {
    return ((List<Map<String, Object>>) card.get("outputs")).get(i);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> preOf(Map<String, Object> card) {
    return (Map<String, Object>) input(card, 0).get("preprocessing");
  }
}
