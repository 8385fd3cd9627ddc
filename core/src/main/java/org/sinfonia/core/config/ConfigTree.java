package org.sinfonia.core.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed, path-aware view over the nested maps a YAML document parses into. Every accessor names
 * the full key in its error, so a bad value stops start-up with e.g. {@code http.port: expected an
 * integer}.
 */
public final class ConfigTree {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private final String path;
  private final Map<String, Object> values;

  public ConfigTree(String path, Map<String, Object> values) {
    this.path = path;
    this.values = values == null ? Map.of() : values;
  }

  public static ConfigTree root(Map<String, Object> values) {
    return new ConfigTree("", values);
  }

  private String key(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  @SuppressWarnings("unchecked")
  public ConfigTree section(String name) {
    Object v = values.get(name);
    if (v == null) {
      return new ConfigTree(key(name), Map.of());
    }
    if (!(v instanceof Map)) {
      throw new ConfigException(key(name), "expected a section (a map of keys)");
    }
    return new ConfigTree(key(name), (Map<String, Object>) v);
  }

  /** This section's keys and values as read (an empty map when the section is absent). */
  public Map<String, Object> asMap() {
    return java.util.Collections.unmodifiableMap(values);
  }

  public String string(String name, String fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ConfigException(key(name), "expected a single value");
    }
    return v.toString();
  }

  public int integer(String name, int fallback, int min, int max) {
    long v = number(name, fallback);
    if (v < min || v > max) {
      throw new ConfigException(key(name), "must be between " + min + " and " + max + ", was " + v);
    }
    return (int) v;
  }

  public long longValue(String name, long fallback, long min) {
    long v = number(name, fallback);
    if (v < min) {
      throw new ConfigException(key(name), "must be at least " + min + ", was " + v);
    }
    return v;
  }

  private long number(String name, long fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(v.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key(name), "expected an integer, was '" + v + "'");
    }
  }

  public boolean bool(String name, boolean fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    return switch (v.toString().trim().toLowerCase()) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new ConfigException(key(name), "expected true or false, was '" + v + "'");
    };
  }

  /**
   * Durations are written {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h} or {@code 7d}; a
   * bare number is seconds.
   */
  public Duration duration(String name, Duration fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(v.toString().trim());
    if (!m.matches()) {
      throw new ConfigException(
          key(name), "expected a duration such as 500ms, 30s, 15m, 12h or 7d, was '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /**
   * Sizes are written as bytes or with a binary suffix: {@code 512KiB}, {@code 64MiB}, {@code
   * 10GiB}, {@code 1TiB}.
   */
  public long size(String name, long fallback) {
    Object v = values.get(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    Matcher m =
        Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE)
            .matcher(v.toString().trim());
    if (!m.matches()) {
      throw new ConfigException(
          key(name), "expected a size such as 512KiB, 64MiB or 10GiB, was '" + v + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase();
    long factor =
        switch (unit) {
          case "KIB", "KB" -> 1L << 10;
          case "MIB", "MB" -> 1L << 20;
          case "GIB", "GB" -> 1L << 30;
          case "TIB", "TB" -> 1L << 40;
          default -> 1L;
        };
    return Math.multiplyExact(n, factor);
  }

  public List<String> strings(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    String s = v.toString().trim();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s*,\\s*"));
  }

  /** Deep merge: {@code override}'s leaves replace {@code base}'s; sections merge key by key. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override) {
    Map<String, Object> out = new LinkedHashMap<>(base);
    override.forEach(
        (k, v) -> {
          Object old = out.get(k);
          if (old instanceof Map && v instanceof Map) {
            out.put(k, merge((Map<String, Object>) old, (Map<String, Object>) v));
          } else {
            out.put(k, v);
          }
        });
    return out;
  }

  /** Sets one dotted key (creating sections on the way), used for environment overrides. */
  @SuppressWarnings("unchecked")
  public static void put(Map<String, Object> tree, String dottedKey, Object value) {
    String[] parts = dottedKey.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      Object child = node.get(parts[i]);
      if (!(child instanceof Map)) {
        child = new LinkedHashMap<String, Object>();
        node.put(parts[i], child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
