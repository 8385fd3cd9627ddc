package org.sinfonia.web.preview;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.RecordComponent;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The JSON view of core's value records (RT summaries, tag lists, zip trees): one member per record
 * component, named as the component; nulls and empty optionals left out; enums by name; times as
 * ISO-8601; non-finite numbers as strings (JSON has none). Their shape is documented with the
 * records in {@code core}.
 */
public final class RecordJson {

  private RecordJson() {}

  public static Object of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Integer
        || value instanceof Long) {
      return value;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? d : d.toString();
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? (double) f : f.toString();
    }
    if (value instanceof Number n) {
      return n;
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof TemporalAccessor || value instanceof CharSequence) {
      return value.toString();
    }
    if (value instanceof Optional<?> o) {
      return o.map(RecordJson::of).orElse(null);
    }
    if (value instanceof OptionalInt o) {
      return o.isPresent() ? o.getAsInt() : null;
    }
    if (value instanceof OptionalDouble o) {
      return o.isPresent() ? of(o.getAsDouble()) : null;
    }
    if (value instanceof Collection<?> c) {
      JsonArray out = new JsonArray();
      c.forEach(x -> out.add(of(x)));
      return out;
    }
    if (value instanceof double[] a) {
      JsonArray out = new JsonArray();
      for (double d : a) {
        out.add(of(d));
      }
      return out;
    }
    if (value instanceof Map<?, ?> m) {
      JsonObject out = new JsonObject();
      m.forEach((k, v) -> put(out, String.valueOf(k), of(v)));
      return out;
    }
    if (value instanceof Record r) {
      return object(r);
    }
    return value.toString();
  }

  public static JsonObject object(Record r) {
    JsonObject out = new JsonObject();
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      try {
        c.getAccessor().setAccessible(true);
        put(out, c.getName(), of(c.getAccessor().invoke(r)));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(
            "cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
      }
    }
    return out;
  }

  private static void put(JsonObject out, String name, Object v) {
    if (v != null) {
      out.put(name, v);
    }
  }
}
