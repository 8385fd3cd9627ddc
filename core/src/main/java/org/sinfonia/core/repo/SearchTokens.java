package org.sinfonia.core.repo;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Words of names, descriptions and metadata values, lower-cased and accent-folded, stored as an
 * indexed array so search is an anchored-prefix match on an index (no {@code $text}, which the
 * embedded store lacks).
 */
public final class SearchTokens {

  private static final int MAX_TOKENS = 256;
  private static final int MAX_TOKEN_LENGTH = 64;

  private SearchTokens() {}

  public static Set<String> of(Iterable<String> texts) {
    Set<String> tokens = new LinkedHashSet<>();
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      for (String word : normalize(text).split("[^\\p{L}\\p{N}]+")) {
        if (!word.isEmpty() && tokens.size() < MAX_TOKENS) {
          tokens.add(word.length() > MAX_TOKEN_LENGTH ? word.substring(0, MAX_TOKEN_LENGTH) : word);
        }
      }
    }
    return tokens;
  }

  /** Lower case without diacritics, the form both tokens and queries are compared in. */
  public static String normalize(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
  }
}
