package org.sinfonia.core.dicom;

import java.io.IOException;

/**
 * A minimal streaming JSON writer: it places commas, escapes strings and optionally indents. The
 * caller is responsible for a well-formed sequence of calls (names only inside objects).
 */
final class JsonOutput {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int MAX_DEPTH = 512;

  private final Appendable out;
  private final boolean pretty;

  /** Per open container: has it a member already (so the next one needs a comma)? */
  private final boolean[] hasMember = new boolean[MAX_DEPTH];

  private int depth;
  private boolean afterName;

  JsonOutput(Appendable out, boolean pretty) {
    this.out = out;
    this.pretty = pretty;
  }

  JsonOutput beginObject() throws IOException {
    return open('{');
  }

  JsonOutput endObject() throws IOException {
    return close('}');
  }

  JsonOutput beginArray() throws IOException {
    return open('[');
  }

  JsonOutput endArray() throws IOException {
    return close(']');
  }

  JsonOutput name(String name) throws IOException {
    separate();
    quoted(name);
    out.append(pretty ? ": " : ":");
    afterName = true;
    return this;
  }

  JsonOutput string(String value) throws IOException {
    separate();
    quoted(value);
    return this;
  }

  /** A number already in JSON number syntax. */
  JsonOutput number(String jsonNumber) throws IOException {
    separate();
    out.append(jsonNumber);
    return this;
  }

  JsonOutput nullValue() throws IOException {
    separate();
    out.append("null");
    return this;
  }

  private JsonOutput open(char bracket) throws IOException {
    separate();
    out.append(bracket);
    hasMember[++depth] = false;
    return this;
  }

  private JsonOutput close(char bracket) throws IOException {
    boolean empty = !hasMember[depth];
    depth--;
    if (pretty && !empty) {
      newline();
    }
    out.append(bracket);
    return this;
  }

  /** Before a value or a name: the comma and line break it needs, unless it follows a name. */
  private void separate() throws IOException {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (hasMember[depth]) {
        out.append(',');
      }
      hasMember[depth] = true;
      if (pretty) {
        newline();
      }
    }
  }

  private void newline() throws IOException {
    out.append('\n');
    for (int i = 0; i < depth; i++) {
      out.append("  ");
    }
  }

  private void quoted(String text) throws IOException {
    out.append('"');
    int from = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
        continue;
      }
      out.append(text, from, i);
      from = i + 1;
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default ->
            out.append("\\u")
                .append(HEX[c >> 12 & 0xF])
                .append(HEX[c >> 8 & 0xF])
                .append(HEX[c >> 4 & 0xF])
                .append(HEX[c & 0xF]);
      }
    }
    out.append(text, from, text.length());
    out.append('"');
  }
}
