package org.sinfonia.core.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.sinfonia.core.model.CardError.Code;
import org.sinfonia.core.model.ModelCard.Kind;
import org.sinfonia.core.model.ModelCard.Normalisation;
import org.sinfonia.core.model.ModelCard.Postprocessing;
import org.sinfonia.core.model.ModelCard.Preprocessing;
import org.sinfonia.core.model.ModelCard.Resampling;
import org.sinfonia.core.model.ModelCard.TensorSpec;
import org.sinfonia.core.model.ModelCard.Window;

/**
 * Reads a model card from a JSON-like tree ({@link Map} / {@link List} / {@link String} / {@link
 * Number} / {@link Boolean}, as Vert.x's {@code JsonObject.getMap()} gives; nested iterables of map
 * entries, such as a nested {@code JsonObject}, are read as objects and other iterables as arrays).
 * Every problem is collected; {@link #parse} throws one {@link ModelCardException} listing them
 * all. Format: docs/models.md.
 */
public final class ModelCardParser {
  static final int MAX_TEXT = 20_000;
  static final int MAX_NAME = 200;
  static final int MAX_TENSORS = 64;
  static final int MAX_RANK = 8;
  private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");

  private final List<CardError> errors = new ArrayList<>();

  private ModelCardParser() {}

  /** The card, or {@link ModelCardException} with every error found. */
  public static ModelCard parse(Map<String, ?> json) {
    ModelCardParser p = new ModelCardParser();
    ModelCard card = p.card(json);
    if (!p.errors.isEmpty()) {
      throw new ModelCardException(p.errors);
    }
    return card;
  }

  private ModelCard card(Map<String, ?> m) {
    if (m == null) {
      error(Code.MISSING_FIELD, "card", "the model card is required");
      return null;
    }
    fields(
        m,
        "",
        Set.of(
            "name",
            "version",
            "authors",
            "description",
            "licence",
            "intendedUse",
            "limitations",
            "inputs",
            "outputs"));
    String name = text(m, "", "name", true, MAX_NAME);
    String version = text(m, "", "version", true, MAX_NAME);
    List<String> authors = new ArrayList<>();
    List<Object> authorList = list(m, "", "authors", true);
    if (authorList != null) {
      if (authorList.isEmpty()) {
        error(Code.MISSING_FIELD, "authors", "at least one author is required");
      }
      for (int i = 0; i < authorList.size(); i++) {
        Object a = authorList.get(i);
        if (a instanceof String s && !s.isBlank() && s.length() <= MAX_NAME) {
          authors.add(s.strip());
        } else {
          error(Code.WRONG_TYPE, "authors[" + i + "]", "an author is a non-empty string");
        }
      }
    }
    String description = text(m, "", "description", true, MAX_TEXT);
    String licence = text(m, "", "licence", true, MAX_NAME);
    String intendedUse = text(m, "", "intendedUse", true, MAX_TEXT);
    String limitations = text(m, "", "limitations", true, MAX_TEXT);
    List<TensorSpec> inputs = tensors(m, "inputs", true);
    List<TensorSpec> outputs = tensors(m, "outputs", false);
    return new ModelCard(
        name, version, authors, description, licence, intendedUse, limitations, inputs, outputs);
  }

  private List<TensorSpec> tensors(Map<String, ?> m, String field, boolean input) {
    List<TensorSpec> out = new ArrayList<>();
    List<Object> items = list(m, "", field, true);
    if (items == null) {
      return out;
    }
    if (items.isEmpty()) {
      error(
          Code.MISSING_FIELD,
          field,
          "at least one " + (input ? "input" : "output") + " is required");
    } else if (items.size() > MAX_TENSORS) {
      error(Code.INVALID_VALUE, field, "at most " + MAX_TENSORS + " entries");
      return out;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String path = field + "[" + i + "]";
      Map<String, Object> t = asMap(items.get(i));
      if (t == null) {
        error(Code.WRONG_TYPE, path, "expected an object");
        continue;
      }
      TensorSpec spec = tensor(t, path, input);
      if (spec.name() != null && !names.add(spec.name())) {
        error(Code.DUPLICATE_NAME, path + ".name", "'" + spec.name() + "' is declared twice");
      }
      out.add(spec);
    }
    return out;
  }

  private TensorSpec tensor(Map<String, Object> t, String path, boolean input) {
    fields(
        t,
        path,
        input
            ? Set.of("name", "kind", "shape", "elementType", "preprocessing", "description")
            : Set.of("name", "kind", "shape", "elementType", "postprocessing", "description"));
    String name = text(t, path, "name", true, MAX_NAME);
    String kindName = text(t, path, "kind", true, 40);
    Kind kind = null;
    if (kindName != null) {
      for (Kind k : Kind.values()) {
        if (k.cardName().equals(kindName)) {
          kind = k;
        }
      }
      if (kind == null) {
        error(
            Code.INVALID_VALUE,
            join(path, "kind"),
            "'" + kindName + "' is not one of image-series, image, scalars, table");
      }
    }
    List<Dim> shape = shape(t, path);
    String typeName = text(t, path, "elementType", true, 40);
    ElementType type = null;
    if (typeName != null) {
      type = ElementType.fromCardName(typeName).orElse(null);
      if (type == null) {
        error(
            Code.INVALID_VALUE,
            join(path, "elementType"),
            "'" + typeName + "' is not one of float32, float64, int64, int32, uint8, bool");
      }
    }
    Preprocessing pre = null;
    Postprocessing post = null;
    if (input) {
      Map<String, Object> p = object(t, path, "preprocessing", false);
      if (p != null) {
        if (kind != null && !kind.isImage()) {
          error(
              Code.INVALID_VALUE,
              join(path, "preprocessing"),
              "preprocessing applies to image and image-series inputs only");
        }
        pre = preprocessing(p, join(path, "preprocessing"));
      } else if (kind != null && kind.isImage()) {
        error(
            Code.MISSING_FIELD,
            join(path, "preprocessing"),
            "an image input must say how images are prepared");
      }
    } else {
      Map<String, Object> p = object(t, path, "postprocessing", false);
      if (p != null) {
        post = postprocessing(p, join(path, "postprocessing"));
      }
    }
    return new TensorSpec(name, kind, shape, type, pre, post);
  }

  private List<Dim> shape(Map<String, Object> t, String path) {
    List<Dim> shape = new ArrayList<>();
    List<Object> dims = list(t, path, "shape", true);
    if (dims == null) {
      return shape;
    }
    if (dims.size() > MAX_RANK) {
      error(Code.INVALID_VALUE, join(path, "shape"), "at most " + MAX_RANK + " dimensions");
      return shape;
    }
    for (int i = 0; i < dims.size(); i++) {
      Object d = dims.get(i);
      String p = join(path, "shape") + "[" + i + "]";
      if (d instanceof Number n && isInteger(n)) {
        long v = n.longValue();
        if (v == -1) {
          shape.add(Dim.DYNAMIC);
        } else if (v >= 1 && v <= Integer.MAX_VALUE) {
          shape.add(Dim.fixed(v));
        } else {
          error(Code.INVALID_VALUE, p, "a size is a positive integer, or -1 for a dynamic size");
        }
      } else if (d instanceof String s) {
        if (SYMBOL.matcher(s).matches()) {
          shape.add(Dim.symbolic(s));
        } else {
          error(Code.INVALID_VALUE, p, "a symbolic size is an identifier such as 'batch'");
        }
      } else {
        error(Code.WRONG_TYPE, p, "a size is an integer, -1 or a symbolic name");
      }
    }
    return shape;
  }

  private Preprocessing preprocessing(Map<String, Object> p, String path) {
    fields(
        p,
        path,
        Set.of(
            "modality",
            "targetSize",
            "spacing",
            "resampling",
            "window",
            "clip",
            "normalisation",
            "channelOrder"));
    String modality = text(p, path, "modality", true, 16);
    List<Integer> targetSize = null;
    List<Double> spacing = null;
    if (p.containsKey("targetSize") && p.containsKey("spacing")) {
      error(Code.CONFLICT, join(path, "targetSize"), "give targetSize or spacing, not both");
    }
    List<Double> ts = numbers(p, path, "targetSize", 2, 2);
    if (ts != null) {
      targetSize = new ArrayList<>();
      for (int i = 0; i < ts.size(); i++) {
        double v = ts.get(i);
        if (v != Math.rint(v) || v < 1 || v > 65_536) {
          error(
              Code.INVALID_VALUE,
              join(path, "targetSize") + "[" + i + "]",
              "a size is an integer from 1 to 65536");
        } else {
          targetSize.add((int) v);
        }
      }
    }
    List<Double> sp = numbers(p, path, "spacing", 2, 3);
    if (sp != null) {
      for (int i = 0; i < sp.size(); i++) {
        if (!(sp.get(i) > 0)) {
          error(
              Code.INVALID_VALUE,
              join(path, "spacing") + "[" + i + "]",
              "spacing is positive (mm)");
        }
      }
      spacing = sp;
    }
    Resampling resampling = null;
    String r = text(p, path, "resampling", false, 16);
    if (r != null) {
      switch (r) {
        case "nearest" -> resampling = Resampling.NEAREST;
        case "linear" -> resampling = Resampling.LINEAR;
        default ->
            error(
                Code.INVALID_VALUE,
                join(path, "resampling"),
                "'" + r + "' is not one of nearest, linear");
      }
    } else if (targetSize != null || spacing != null) {
      resampling = Resampling.LINEAR;
    }
    if (p.containsKey("window") && p.containsKey("clip")) {
      error(Code.CONFLICT, join(path, "window"), "give window or clip, not both");
    }
    Window window = null;
    Map<String, Object> w = object(p, path, "window", false);
    if (w != null) {
      String wp = join(path, "window");
      fields(w, wp, Set.of("center", "width"));
      Double c = number(w, wp, "center", true);
      Double wd = number(w, wp, "width", true);
      if (wd != null && !(wd > 0)) {
        error(Code.INVALID_VALUE, join(wp, "width"), "the window width is positive");
      }
      if (c != null && wd != null) {
        window = new Window(c, wd);
      }
    }
    List<Double> clip = numbers(p, path, "clip", 2, 2);
    if (clip != null && !(clip.get(0) < clip.get(1))) {
      error(Code.INVALID_VALUE, join(path, "clip"), "clip is [low, high] with low < high");
    }
    Normalisation norm = normalisation(p, path);
    String channelOrder = text(p, path, "channelOrder", false, 16);
    if (channelOrder != null && !Set.of("NCHW", "NHWC", "NCDHW", "NDHWC").contains(channelOrder)) {
      error(
          Code.INVALID_VALUE,
          join(path, "channelOrder"),
          "'" + channelOrder + "' is not one of NCHW, NHWC, NCDHW, NDHWC");
    }
    return new Preprocessing(
        modality,
        targetSize,
        spacing,
        resampling,
        window,
        clip,
        norm,
        channelOrder == null ? "NCHW" : channelOrder);
  }

  private Normalisation normalisation(Map<String, Object> p, String path) {
    Object v = p.get("normalisation");
    String np = join(path, "normalisation");
    if (v == null) {
      return new Normalisation(Normalisation.Type.NONE, 0, 0, 0, 0);
    }
    if (v instanceof String s) {
      return switch (s) {
        case "none" -> new Normalisation(Normalisation.Type.NONE, 0, 0, 0, 0);
        case "minmax" -> new Normalisation(Normalisation.Type.MINMAX, 0, 0, 0, 0);
        default -> {
          error(
              Code.INVALID_VALUE,
              np,
              "'"
                  + s
                  + "' is not one of none, minmax, or an object {\"zscore\": {mean, std}} / {\"scale\":"
                  + " {factor, offset}}");
          yield null;
        }
      };
    }
    Map<String, Object> m = asMap(v);
    if (m == null) {
      error(Code.WRONG_TYPE, np, "expected a string or an object");
      return null;
    }
    fields(m, np, Set.of("zscore", "scale"));
    if (m.size() != 1) {
      error(Code.INVALID_VALUE, np, "exactly one of zscore, scale");
      return null;
    }
    if (m.containsKey("zscore")) {
      Map<String, Object> z = object(m, np, "zscore", true);
      if (z == null) {
        return null;
      }
      String zp = join(np, "zscore");
      fields(z, zp, Set.of("mean", "std"));
      Double mean = number(z, zp, "mean", true);
      Double std = number(z, zp, "std", true);
      if (std != null && !(std > 0)) {
        error(Code.INVALID_VALUE, join(zp, "std"), "std is positive");
      }
      return mean == null || std == null
          ? null
          : new Normalisation(Normalisation.Type.ZSCORE, mean, std, 0, 0);
    }
    Map<String, Object> s = object(m, np, "scale", true);
    if (s == null) {
      return null;
    }
    String sp = join(np, "scale");
    fields(s, sp, Set.of("factor", "offset"));
    Double factor = number(s, sp, "factor", true);
    Double offset = number(s, sp, "offset", false);
    return factor == null
        ? null
        : new Normalisation(Normalisation.Type.SCALE, 0, 0, factor, offset == null ? 0 : offset);
  }

  private Postprocessing postprocessing(Map<String, Object> p, String path) {
    fields(p, path, Set.of("type", "threshold", "labels", "labelColours", "units"));
    String typeName = text(p, path, "type", true, 16);
    Postprocessing.Type type = null;
    if (typeName != null) {
      try {
        type = Postprocessing.Type.valueOf(typeName.toUpperCase(Locale.ROOT));
        if (!typeName.equals(typeName.toLowerCase(Locale.ROOT))) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        type = null;
        error(
            Code.INVALID_VALUE,
            join(path, "type"),
            "'" + typeName + "' is not one of none, argmax, sigmoid, softmax, regression");
      }
    }
    Double threshold = number(p, path, "threshold", type == Postprocessing.Type.SIGMOID);
    if (threshold != null && type != Postprocessing.Type.SIGMOID) {
      error(Code.INVALID_VALUE, join(path, "threshold"), "a threshold belongs to sigmoid");
    }
    if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
      error(Code.INVALID_VALUE, join(path, "threshold"), "the threshold is between 0 and 1");
    }
    boolean classes = type == Postprocessing.Type.SOFTMAX || type == Postprocessing.Type.ARGMAX;
    List<String> labels = strings(p, path, "labels", type == Postprocessing.Type.SOFTMAX);
    List<String> colours = strings(p, path, "labelColours", false);
    if (labels != null && !classes && type != Postprocessing.Type.SIGMOID) {
      error(
          Code.INVALID_VALUE, join(path, "labels"), "labels belong to argmax, softmax or sigmoid");
    }
    if (colours != null) {
      if (labels == null || colours.size() != labels.size()) {
        error(
            Code.INVALID_VALUE,
            join(path, "labelColours"),
            "one colour per label (labels are required with colours)");
      }
      for (int i = 0; i < colours.size(); i++) {
        if (!COLOUR.matcher(colours.get(i)).matches()) {
          error(
              Code.INVALID_VALUE,
              join(path, "labelColours") + "[" + i + "]",
              "a colour is written #rrggbb");
        }
      }
    }
    String units = text(p, path, "units", false, 40);
    if (units != null && type != Postprocessing.Type.REGRESSION) {
      error(Code.INVALID_VALUE, join(path, "units"), "units belong to regression outputs");
    }
    return new Postprocessing(type, threshold, labels, colours, units);
  }

  // ---- typed field access ----

  private void fields(Map<String, ?> m, String path, Set<String> allowed) {
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        error(
            Code.UNKNOWN_FIELD, join(path, k), "unknown field (allowed: " + sorted(allowed) + ")");
      }
    }
  }

  private String text(Map<String, ?> m, String path, String field, boolean required, int max) {
    Object v = m.get(field);
    String p = join(path, field);
    if (v == null) {
      if (required) {
        error(Code.MISSING_FIELD, p, "required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      error(Code.WRONG_TYPE, p, "expected a string");
      return null;
    }
    if (s.isBlank()) {
      if (required) {
        error(Code.MISSING_FIELD, p, "must not be empty");
      }
      return null;
    }
    if (s.length() > max) {
      error(Code.INVALID_VALUE, p, "at most " + max + " characters");
      return null;
    }
    return s.strip();
  }

  private Double number(Map<String, ?> m, String path, String field, boolean required) {
    Object v = m.get(field);
    String p = join(path, field);
    if (v == null) {
      if (required) {
        error(Code.MISSING_FIELD, p, "required");
      }
      return null;
    }
    if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      error(Code.WRONG_TYPE, p, "expected a number");
      return null;
    }
    return n.doubleValue();
  }

  private List<Double> numbers(Map<String, ?> m, String path, String field, int min, int max) {
    if (!m.containsKey(field)) {
      return null;
    }
    List<Object> l = list(m, path, field, true);
    if (l == null) {
      return null;
    }
    String p = join(path, field);
    if (l.size() < min || l.size() > max) {
      error(
          Code.INVALID_VALUE,
          p,
          min == max ? "exactly " + min + " numbers" : min + " to " + max + " numbers");
      return null;
    }
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i) instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.add(n.doubleValue());
      } else {
        error(Code.WRONG_TYPE, p + "[" + i + "]", "expected a number");
        return null;
      }
    }
    return out;
  }

  private List<String> strings(Map<String, ?> m, String path, String field, boolean required) {
    if (!m.containsKey(field) && !required) {
      return null;
    }
    List<Object> l = list(m, path, field, required);
    if (l == null) {
      return null;
    }
    String p = join(path, field);
    if (l.isEmpty()) {
      error(Code.MISSING_FIELD, p, "must not be empty");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < l.size(); i++) {
      if (l.get(i) instanceof String s && !s.isBlank() && s.length() <= MAX_NAME) {
        out.add(s);
      } else {
        error(Code.WRONG_TYPE, p + "[" + i + "]", "expected a non-empty string");
        return null;
      }
    }
    return out;
  }

  private List<Object> list(Map<String, ?> m, String path, String field, boolean required) {
    Object v = m.get(field);
    String p = join(path, field);
    if (v == null) {
      if (required) {
        error(Code.MISSING_FIELD, p, "required");
      }
      return null;
    }
    List<Object> l = asList(v);
    if (l == null) {
      error(Code.WRONG_TYPE, p, "expected an array");
    }
    return l;
  }

  private Map<String, Object> object(
      Map<String, ?> m, String path, String field, boolean required) {
    Object v = m.get(field);
    String p = join(path, field);
    if (v == null) {
      if (required) {
        error(Code.MISSING_FIELD, p, "required");
      }
      return null;
    }
    Map<String, Object> o = asMap(v);
    if (o == null) {
      error(Code.WRONG_TYPE, p, "expected an object");
    }
    return o;
  }

  private static Map<String, Object> asMap(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), val));
      return out;
    }
    if (v instanceof Iterable<?> it && !(v instanceof List<?>)) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Object e : it) {
        if (!(e instanceof Map.Entry<?, ?> en)) {
          return null;
        }
        out.put(String.valueOf(en.getKey()), en.getValue());
      }
      return out;
    }
    return null;
  }

  private static List<Object> asList(Object v) {
    if (v instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (v instanceof Iterable<?> it && !(v instanceof Map<?, ?>)) {
      List<Object> out = new ArrayList<>();
      for (Object e : it) {
        if (e instanceof Map.Entry<?, ?>) {
          return null;
        }
        out.add(e);
      }
      return out;
    }
    return null;
  }

  private static boolean isInteger(Number n) {
    double d = n.doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15;
  }

  private static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", s.stream().sorted().toList());
  }

  private void error(Code code, String path, String message) {
    errors.add(new CardError(code, path, message));
  }
}
