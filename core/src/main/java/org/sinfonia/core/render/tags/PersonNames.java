package org.sinfonia.core.render.tags;

import java.util.ArrayList;
import java.util.List;

/**
 * PN values as people write names: "Doe^John^W^Dr.^Jr." reads "Dr. John W Doe, Jr."; the
 * alphabetic, ideographic and phonetic groups (separated by '=') are kept, joined by " = ".
 */
final class PersonNames {

  private PersonNames() {}

  static String readable(String value) {
    List<String> groups = new ArrayList<>();
    for (String group : value.split("=", -1)) {
      String readable = readableGroup(group);
      if (!readable.isEmpty()) {
        groups.add(readable);
      }
    }
    return String.join(" = ", groups);
  }

  private static String readableGroup(String group) {
    String[] parts = group.split("\\^", -1);
    String family = part(parts, 0);
    String given = part(parts, 1);
    String middle = part(parts, 2);
    String prefix = part(parts, 3);
    String suffix = part(parts, 4);
    List<String> words = new ArrayList<>();
    for (String word : new String[] {prefix, given, middle, family}) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    String name = String.join(" ", words);
    return suffix.isEmpty() ? name : name + ", " + suffix;
  }

  private static String part(String[] parts, int index) {
    return index < parts.length ? parts[index].trim() : "";
  }
}
