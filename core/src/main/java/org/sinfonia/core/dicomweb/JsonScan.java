package org.sinfonia.core.dicomweb;

/**
 * Steps over the parts of JSON text we wrote ourselves (DICOM JSON kept in the index), so that
 * members can be cut out or skipped without parsing and re-encoding them. Each method takes the
 * index of a part's first character and returns the index just after it.
 */
public final class JsonScan {

  private JsonScan() {}

  public static int skipSpace(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  /** From a string's opening quote to just after its closing one. */
  public static int skipString(String json, int i) {
    i++;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated string");
  }

  /**
   * From a value's first character to just after it: a string, an object or array (nested), or a
   * literal.
   */
  public static int skipValue(String json, int i) {
    char first = json.charAt(i);
    if (first == '"') {
      return skipString(json, i);
    }
    if (first != '{' && first != '[') {
      while (i < json.length()
          && ",}]".indexOf(json.charAt(i)) < 0
          && !Character.isWhitespace(json.charAt(i))) {
        i++;
      }
      return i;
    }
    int depth = 0;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        i = skipString(json, i);
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    throw new IllegalArgumentException("unterminated value");
  }

  /** From a member's opening quote to just after its value. */
  public static int skipMember(String json, int i) {
    int keyEnd = skipString(json, i);
    return skipValue(json, skipSpace(json, json.indexOf(':', keyEnd) + 1));
  }
}
