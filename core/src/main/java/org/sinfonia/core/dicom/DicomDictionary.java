package org.sinfonia.core.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The standard data dictionary: tag to VR, VM, keyword, name and retired flag, and keyword to tag.
 * The table is generated from dcmtk's {@code dicom.dic} by {@code
 * core/tools/gen-dicom-dictionary.py} into {@code dictionary.tsv} and read once, the first time
 * {@link #standard()} is called. Repeating groups ((50xx,xxxx) curves, (60xx,xxxx) overlays,
 * (7Fxx,0010)) match by mask; group lengths and private creators are answered by rule.
 */
public final class DicomDictionary {

  private static final String RESOURCE = "dictionary.tsv";

  private final Map<Integer, DictionaryEntry> byTag;
  private final List<DictionaryEntry> repeating;
  private final Map<String, DictionaryEntry> byKeyword;

  private DicomDictionary(List<DictionaryEntry> entries) {
    byTag = new HashMap<>(entries.size() * 2);
    repeating = new ArrayList<>();
    byKeyword = new HashMap<>(entries.size() * 2);
    for (DictionaryEntry entry : entries) {
      if (entry.pattern().indexOf('x') >= 0) {
        repeating.add(entry);
      } else {
        byTag.put(entry.tag(), entry);
      }
      byKeyword.put(entry.keyword(), entry);
    }
  }

  /** The dictionary generated from the standard, loaded on first use. */
  public static DicomDictionary standard() {
    return Holder.STANDARD;
  }

  /** The entry for a tag, matching repeating groups; empty for private and unknown tags. */
  public Optional<DictionaryEntry> lookup(int tag) {
    DictionaryEntry exact = byTag.get(tag);
    if (exact != null) {
      return Optional.of(exact);
    }
    if ((tag >>> 16 & 1) == 1) {
      return Optional.empty(); // repeating groups are even; odd groups are private
    }
    for (DictionaryEntry entry : repeating) {
      if (matches(entry.pattern(), tag)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * The VR to read a tag with when the data set does not say (implicit VR): the dictionary's, UL
   * for group lengths, LO for private creators, UN for anything unknown.
   */
  public Vr vrOf(int tag) {
    if ((tag & 0xFFFF) == 0) {
      return Vr.UL;
    }
    if (DicomTags.isPrivateCreator(tag)) {
      return Vr.LO;
    }
    return lookup(tag).map(DictionaryEntry::vr).orElse(Vr.UN);
  }

  /** The keyword of a tag, e.g. "PatientName"; empty for private and unknown tags. */
  public Optional<String> keywordOf(int tag) {
    return lookup(tag).map(DictionaryEntry::keyword);
  }

  /** The tag a keyword names; a repeating group answers with its first group, e.g. (6000,3000). */
  public OptionalInt tagOf(String keyword) {
    DictionaryEntry entry = byKeyword.get(keyword);
    return entry == null ? OptionalInt.empty() : OptionalInt.of(entry.tag());
  }

  private static boolean matches(String pattern, int tag) {
    for (int i = 0; i < 8; i++) {
      char expected = pattern.charAt(i);
      if (expected != 'x' && Character.digit(expected, 16) != (tag >>> (28 - 4 * i) & 0xF)) {
        return false;
      }
    }
    return true;
  }

  private static DicomDictionary load() {
    try (InputStream in = DicomDictionary.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + RESOURCE + " next to DicomDictionary");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      List<DictionaryEntry> entries = new ArrayList<>(5000);
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isEmpty() && line.charAt(0) != '#') {
          entries.add(parse(line));
        }
      }
      return new DicomDictionary(entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static DictionaryEntry parse(String line) {
    String[] fields = line.split("\t", -1);
    String pattern = fields[0];
    int tag = Integer.parseUnsignedInt(pattern.replace('x', '0'), 16);
    Vr vr = Vr.ofCode(fields[1]);
    if (vr == null) {
      throw new IllegalStateException("dictionary line with unknown VR: " + line);
    }
    return new DictionaryEntry(
        tag, pattern, vr, fields[2], fields[3], fields[4], "R".equals(fields[5]));
  }

  /** Lazy, thread-safe initialisation by the class loader; the table is immutable once built. */
  private static final class Holder {
    static final DicomDictionary STANDARD = load();
  }
}
