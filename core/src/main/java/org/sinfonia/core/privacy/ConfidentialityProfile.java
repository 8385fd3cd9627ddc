package org.sinfonia.core.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PS3.15 Table E.1-1 read from {@code confidentiality-profile-e1-1.tsv} (a transcription of the
 * standard's table; the file header names the source). Lookup by tag: exact rows first, then the
 * repeating groups ({@code (50xx,xxxx)} curve data, {@code (60xx,3000)} overlay data, {@code
 * (60xx,4000)} overlay comments, matched on even groups only), then the "private attributes" rule
 * for every odd group (private creators included).
 */
public final class ConfidentialityProfile {

  static final String PRIVATE_PATTERN = "(gggg,eeee)";
  private static final String RESOURCE = "confidentiality-profile-e1-1.tsv";
  private static final ConfidentialityOption[] COLUMNS = ConfidentialityOption.values();

  private final List<ProfileAttribute> rows;
  private final Map<Integer, ProfileAttribute> exact;
  private final List<ProfileAttribute> repeating;
  private final ProfileAttribute privateRule;

  private ConfidentialityProfile(List<ProfileAttribute> rows) {
    this.rows = List.copyOf(rows);
    this.exact = new HashMap<>(rows.size() * 2);
    this.repeating = new ArrayList<>();
    ProfileAttribute priv = null;
    for (ProfileAttribute row : rows) {
      if (row.pattern().equals(PRIVATE_PATTERN)) {
        priv = row;
      } else if (row.pattern().indexOf('x') >= 0) {
        repeating.add(row);
      } else {
        exact.put(parseTag(row.pattern()), row);
      }
    }
    if (priv == null) {
      throw new IllegalStateException(RESOURCE + " has no private attributes row");
    }
    this.privateRule = priv;
  }

  /** The table shipped with core, loaded on first use. */
  public static ConfidentialityProfile standard() {
    return Holder.STANDARD;
  }

  /** All rows, in tag order. */
  public List<ProfileAttribute> rows() {
    return rows;
  }

  /** The row for a tag (exact, repeating group or private rule), or empty when not in the table. */
  public Optional<ProfileAttribute> lookup(int tag) {
    ProfileAttribute row = exact.get(tag);
    if (row != null) {
      return Optional.of(row);
    }
    int group = tag >>> 16;
    if ((group & 1) == 1) {
      return Optional.of(privateRule);
    }
    for (ProfileAttribute r : repeating) {
      if (matches(r.pattern(), tag)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** The private attributes row ({@code (gggg,eeee)}, odd groups). */
  public ProfileAttribute privateRule() {
    return privateRule;
  }

  static boolean matches(String pattern, int tag) {
    String hex = String.format("%04X%04X", tag >>> 16, tag & 0xFFFF);
    String p = pattern.substring(1, 5) + pattern.substring(6, 10);
    for (int i = 0; i < 8; i++) {
      char c = Character.toUpperCase(p.charAt(i));
      if (c != 'X' && c != hex.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  static int parseTag(String pattern) {
    if (pattern.length() != 11
        || pattern.charAt(0) != '('
        || pattern.charAt(5) != ','
        || pattern.charAt(10) != ')') {
      throw new IllegalArgumentException("not a tag: " + pattern);
    }
    return Integer.parseInt(pattern.substring(1, 5), 16) << 16
        | Integer.parseInt(pattern.substring(6, 10), 16);
  }

  /** Reads a table in the resource's format (tests and tools). */
  static ConfidentialityProfile read(InputStream in) throws IOException {
    List<ProfileAttribute> rows = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 5 + COLUMNS.length) {
        throw new IOException(RESOURCE + " line " + number + ": " + f.length + " columns");
      }
      Map<ConfidentialityOption, ProfileAction> options =
          new EnumMap<>(ConfidentialityOption.class);
      for (int i = 0; i < COLUMNS.length; i++) {
        String cell = f[5 + i].trim();
        if (!cell.equals("-") && !cell.isEmpty()) {
          options.put(COLUMNS[i], ProfileAction.parse(cell));
        }
      }
      try {
        rows.add(
            new ProfileAttribute(
                f[0].trim(),
                f[1].trim(),
                f[2].trim().equals("Y"),
                f[3].trim().equals("Y"),
                ProfileAction.parse(f[4]),
                options));
      } catch (IllegalArgumentException e) {
        throw new IOException(RESOURCE + " line " + number + ": " + e.getMessage(), e);
      }
    }
    return new ConfidentialityProfile(rows);
  }

  private static final class Holder {
    static final ConfidentialityProfile STANDARD = load();

    private static ConfidentialityProfile load() {
      try (InputStream in = ConfidentialityProfile.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("missing resource " + RESOURCE);
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
