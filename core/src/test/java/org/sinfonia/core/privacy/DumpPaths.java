package org.sinfonia.core.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What dcmdump says a file holds, flattened to one entry per attribute keyed by its tag path
 * ({@code (0008,1140)[0]>(0008,1155)}, the notation of Sinfonia's findings). dcmdump runs with UIDs
 * as numbers (-Un) and values in full (+L). Group lengths are left out (they follow from the rest).
 *
 * @param warnings what dcmdump wrote to standard error, and its "W:"/"E:" lines
 */
record DumpPaths(Map<String, Value> values, String warnings) {

  /**
   * One attribute.
   *
   * @param text the value as dcmdump prints it: "[...]" for strings, numbers, hex bytes, or
   *     "(Sequence ... #=n)"
   * @param length the value's length in bytes (-1 undefined), for sequences the number of items
   */
  record Value(String vr, String text, long length, String keyword) {
    boolean isSequence() {
      return vr.equals("SQ");
    }

    boolean isEmpty() {
      return length == 0;
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "^(\\s*)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) +# *(\\d+|u/l), *(\\d+|\\?) *(\\S*).*$");
  private static final Pattern ITEMS = Pattern.compile("#=(\\d+)\\)");

  static DumpPaths of(Path file) {
    try {
      Process p =
          new ProcessBuilder("dcmdump", "-Un", "+L", file.getFileName().toString())
              .directory(file.getParent().toFile())
              .start();
      p.getOutputStream().close();
      byte[][] err = new byte[1][];
      Thread errors =
          new Thread(
              () -> {
                try {
                  err[0] = p.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  err[0] = e.toString().getBytes(StandardCharsets.UTF_8);
                }
              });
      errors.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("dcmdump timed out on " + file);
      }
      errors.join();
      StringBuilder warnings = new StringBuilder(new String(err[0], StandardCharsets.UTF_8));
      for (String line : out.split("\n")) {
        if (line.startsWith("W: ") || line.startsWith("E: ")) {
          warnings.append(line).append('\n');
        }
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("dcmdump exited " + p.exitValue() + ": " + warnings);
      }
      return new DumpPaths(parse(out), warnings.toString().strip());
    } catch (IOException e) {
      throw new IllegalStateException("cannot run dcmdump (apt-get install dcmtk)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The dump's lines as paths; sequence and item nesting comes from the item lines. */
  static Map<String, Value> parse(String dump) {
    Map<String, Value> values = new LinkedHashMap<>();
    Deque<String> open = new ArrayDeque<>(); // prefix of the item being read, innermost first
    Deque<String> sequences = new ArrayDeque<>(); // path of each open sequence
    Deque<int[]> itemCounts = new ArrayDeque<>();
    open.push("");
    for (String line : dump.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue;
      }
      String tag = ("(" + m.group(2) + "," + m.group(3) + ")").toUpperCase(Locale.ROOT);
      String vr = m.group(4);
      String text = m.group(5).trim();
      switch (tag) {
        case "(FFFE,E000)" -> {
          if (vr.equals("pi")) {
            continue; // a pixel data fragment
          }
          int index = itemCounts.peek()[0]++;
          open.push(sequences.peek() + "[" + index + "]>");
        }
        case "(FFFE,E00D)" -> open.pop();
        case "(FFFE,E0DD)" -> { // dcmdump closes every sequence so, explicit lengths too
          sequences.pop();
          itemCounts.pop();
        }
        default -> {
          if (tag.endsWith(",0000)")) {
            continue;
          }
          String path = open.peek() + tag;
          long length = m.group(6).equals("u/l") ? -1 : Long.parseLong(m.group(6));
          if (vr.equals("SQ")) {
            Matcher items = ITEMS.matcher(text);
            length = items.find() ? Long.parseLong(items.group(1)) : 0;
            sequences.push(path);
            itemCounts.push(new int[1]);
          }
          values.put(path, new Value(vr, text, length, m.group(8)));
        }
      }
    }
    return values;
  }
}
