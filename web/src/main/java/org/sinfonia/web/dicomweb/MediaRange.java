package org.sinfonia.web.dicomweb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media range of an Accept header, or a Content-Type, with its parameters ({@code type}, {@code
 * transfer-syntax}, {@code boundary}, {@code q}); names lower-case, quotes removed.
 */
public record MediaRange(String type, Map<String, String> params) {

  public static List<MediaRange> parseAccept(String header) {
    List<MediaRange> out = new ArrayList<>();
    if (header == null || header.isBlank()) {
      out.add(parse("*/*"));
      return out;
    }
    for (String one : splitOutsideQuotes(header, ',')) {
      if (!one.isBlank()) {
        out.add(parse(one));
      }
    }
    out.removeIf(r -> "0".equals(r.params().get("q")) || "0.0".equals(r.params().get("q")));
    out.sort((a, b) -> Double.compare(b.q(), a.q()));
    return out;
  }

  public static MediaRange parse(String text) {
    List<String> pieces = splitOutsideQuotes(text, ';');
    String type = pieces.get(0).trim().toLowerCase(Locale.ROOT);
    Map<String, String> params = new HashMap<>();
    for (int i = 1; i < pieces.size(); i++) {
      String p = pieces.get(i);
      int eq = p.indexOf('=');
      if (eq > 0) {
        String v = p.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        params.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), v);
      }
    }
    return new MediaRange(type, params);
  }

  public double q() {
    try {
      return Double.parseDouble(params.getOrDefault("q", "1"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  public String param(String name) {
    return params.get(name);
  }

  /** True when this range admits the media type (wildcards allowed on this side). */
  public boolean admits(String mediaType) {
    if (type.equals("*/*") || type.equals(mediaType)) {
      return true;
    }
    return type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1));
  }

  private static List<String> splitOutsideQuotes(String s, char sep) {
    List<String> out = new ArrayList<>();
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == sep && !quoted) {
        out.add(s.substring(from, i));
        from = i + 1;
      }
    }
    out.add(s.substring(from));
    return out;
  }
}
