package org.sinfonia.core.dicom;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What dcmdump says a file holds, parsed into a tree. dcmdump runs with options that make its
 * output unambiguous: UIDs as numbers (-Un), values in full (+L) except those over 64 KiB (-M +R
 * 64, printed "(not loaded)"), text converted to UTF-8 (+U8) and every non-ASCII or control byte
 * written as an XML character reference (+Qn), no automatic corrections (-dc).
 */
final class DcmdumpReference {

  /** One line of the dump: an element, with its items or pixel data fragments. */
  record Node(
      int tag, String vr, String value, long length, List<List<Node>> items, List<Long> fragments) {
    boolean isSequence() {
      return value.startsWith("(Sequence");
    }

    boolean isPixelSequence() {
      return value.startsWith("(PixelSequence");
    }
  }

  private static final Pattern LINE =
      Pattern.compile(
          "^\\s*\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?) +# *(\\d+|u/l), *(\\d+|\\?) .*$");
  private static final Pattern REFERENCE = Pattern.compile("&(#(\\d+)|amp|lt|gt|quot|apos);");

  private DcmdumpReference() {}

  /**
   * Runs dcmdump on a file. Without {@code toUtf8}, text affected by the character set is left as
   * dcmdump's raw bytes (Debian's dcmtk 3.6.7 converts through glibc iconv, which cannot follow
   * DICOM's ISO 2022 escape sequences).
   */
  static List<Node> of(Path file, boolean toUtf8) {
    List<String> command =
        new ArrayList<>(List.of("dcmdump", "-q", "-Un", "+L", "-M", "+R", "64", "+Qn", "-dc"));
    if (toUtf8) {
      command.add("+U8");
    }
    command.add(file.getFileName().toString());
    return parse(Dcmtk.run(file.getParent(), command));
  }

  static List<Node> parse(String dump) {
    List<Node> top = new ArrayList<>();
    Deque<List<Node>> containers = new ArrayDeque<>();
    Deque<Node> open = new ArrayDeque<>();
    containers.push(top);
    for (String line : dump.split("\n")) {
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        continue; // comments, blank lines
      }
      int tag = Integer.parseUnsignedInt(m.group(1) + m.group(2), 16);
      String vr = m.group(3);
      String value = m.group(4).trim();
      long length = m.group(5).equals("u/l") ? -1 : Long.parseLong(m.group(5));
      if (tag == DicomTags.ITEM && vr.equals("pi")) {
        open.peek().fragments().add(length);
      } else if (tag == DicomTags.ITEM) {
        List<Node> item = new ArrayList<>();
        open.peek().items().add(item);
        containers.push(item);
      } else if (tag == DicomTags.ITEM_DELIMITATION_ITEM) {
        containers.pop();
      } else if (tag == DicomTags.SEQUENCE_DELIMITATION_ITEM) {
        open.pop();
      } else {
        Node node = new Node(tag, vr, value, length, new ArrayList<>(), new ArrayList<>());
        containers.peek().add(node);
        if (node.isSequence() || node.isPixelSequence()) {
          open.push(node);
        }
      }
    }
    return top;
  }

  /** The text inside [...], XML character references decoded (they stand for UTF-8 bytes). */
  static String text(String value) {
    if (!value.startsWith("[") || !value.endsWith("]")) {
      return "";
    }
    String inner = value.substring(1, value.length() - 1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Matcher m = REFERENCE.matcher(inner);
    int from = 0;
    while (m.find()) {
      bytes.writeBytes(inner.substring(from, m.start()).getBytes(StandardCharsets.ISO_8859_1));
      String entity = m.group(1);
      bytes.write(
          switch (entity) {
            case "amp" -> '&';
            case "lt" -> '<';
            case "gt" -> '>';
            case "quot" -> '"';
            case "apos" -> '\'';
            default -> Integer.parseInt(m.group(2));
          });
      from = m.end();
    }
    bytes.writeBytes(inner.substring(from).getBytes(StandardCharsets.ISO_8859_1));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
