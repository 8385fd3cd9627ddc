package org.sinfonia.core.dicomweb;

import java.util.List;
import java.util.Locale;

/**
 * One matching key's rule (PS3.4 C.2.2.2), applied to an attribute's values as text: {@code null}
 * when the attribute is absent, an empty list when it is present without a value. Person names are
 * given as their component groups ("Doe^John", the ideographic and phonetic groups as further
 * values), numbers in their DICOM JSON text.
 */
@FunctionalInterface
public interface Matcher {

  boolean matches(List<String> values);

  /** Universal matching: a zero-length key matches everything (the attribute is only returned). */
  Matcher UNIVERSAL = values -> true;

  /** Empty value matching ({@code ""}): the attribute is absent or has no value. */
  Matcher EMPTY =
      values -> values == null || values.stream().allMatch(v -> v == null || v.isEmpty());

  /**
   * Matches when any of the alternatives does (UID lists, multiple values separated by a
   * backslash).
   */
  static Matcher anyOf(List<Matcher> alternatives) {
    return alternatives.size() == 1
        ? alternatives.get(0)
        : values -> {
          for (Matcher m : alternatives) {
            if (m.matches(values)) {
              return true;
            }
          }
          return false;
        };
  }

  /** Single value matching, or wildcard matching when the key holds {@code *} or {@code ?}. */
  static Matcher text(String key, boolean ignoreCase) {
    String k = ignoreCase ? key.toLowerCase(Locale.ROOT) : key;
    boolean wildcard = k.indexOf('*') >= 0 || k.indexOf('?') >= 0;
    return values -> {
      if (values == null) {
        return false;
      }
      for (String v : values) {
        if (v == null) {
          continue;
        }
        String s = ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
        if (wildcard ? Wildcards.matches(k, s) : k.equals(s.strip())) {
          return true;
        }
      }
      return false;
    };
  }

  /**
   * Fuzzy person name matching ({@code fuzzymatching=true}): every word of the key must begin a
   * word of the name, ignoring case, in any order; "joh do" matches "Doe^John". A key with
   * wildcards (OHIF sends {@code *value*}) matches as a pattern, or by word prefixes once its
   * {@code *} are taken as word breaks.
   */
  static Matcher fuzzyName(String key) {
    Matcher pattern = key.indexOf('*') >= 0 || key.indexOf('?') >= 0 ? text(key, true) : null;
    List<String> words = words(key.replace('*', ' '));
    return values -> {
      if (values == null) {
        return false;
      }
      if (pattern != null && pattern.matches(values)) {
        return true;
      }
      for (String v : values) {
        if (v != null && !words.isEmpty() && key.indexOf('?') < 0 && allPrefixes(words, words(v))) {
          return true;
        }
      }
      return false;
    };
  }

  private static boolean allPrefixes(List<String> keyWords, List<String> nameWords) {
    for (String k : keyWords) {
      boolean found = false;
      for (String n : nameWords) {
        if (n.startsWith(k)) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static List<String> words(String s) {
    return java.util.Arrays.stream(s.toLowerCase(Locale.ROOT).split("[\\^\\s,=]+"))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  /** Numbers (IS, DS, US, ...): equal as numbers. */
  static Matcher number(String key) {
    double wanted;
    try {
      wanted = Double.parseDouble(key.strip());
    } catch (NumberFormatException e) {
      return text(key, false);
    }
    return values -> {
      if (values == null) {
        return false;
      }
      for (String v : values) {
        try {
          if (v != null && Double.parseDouble(v.strip()) == wanted) {
            return true;
          }
        } catch (NumberFormatException ignored) {
          // a value that is not a number matches no number
        }
      }
      return false;
    };
  }

  /**
   * Range or single value matching of DA, TM and DT values on their normalised text (see {@link
   * DateRange}).
   */
  static Matcher range(DateRange range) {
    return values -> {
      if (values == null) {
        return false;
      }
      for (String v : values) {
        if (v != null && !v.isBlank() && range.contains(v)) {
          return true;
        }
      }
      return false;
    };
  }
}
