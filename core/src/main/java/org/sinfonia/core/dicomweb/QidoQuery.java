package org.sinfonia.core.dicomweb;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.sinfonia.core.dicom.DicomDictionary;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.error.ApiError;

/**
 * A QIDO-RS search (PS3.18 8.3.4, 10.6), parsed once into a value: the level searched, the matching
 * keys with their rules (PS3.4 C.2.2.2), {@code includefield}, {@code fuzzymatching}, {@code limit}
 * and {@code offset}. Attributes are named by keyword or by tag. Keys the index cannot match at
 * this level are not applied and listed in {@link #unsupported()} (the response then carries a
 * Warning, as PS3.18 allows).
 *
 * @param level what is searched for
 * @param filters the matching keys applied, in request order
 * @param includeFields extra attributes to return (DICOM JSON keys)
 * @param includeAll {@code includefield=all}: every attribute the index holds for the level
 * @param fuzzy {@code fuzzymatching=true}
 * @param offset results skipped
 * @param limit results returned at most (already capped by the server's maximum)
 * @param limitCapped true when the client asked for more than the maximum (or for no limit)
 * @param unsupported matching keys left out because the index does not hold them at this level
 */
public record QidoQuery(
    DicomLevel level,
    List<Filter> filters,
    Set<String> includeFields,
    boolean includeAll,
    boolean fuzzy,
    int offset,
    int limit,
    boolean limitCapped,
    List<String> unsupported) {

  /** One matching key. {@code key} is the DICOM JSON tag ("00100010"). */
  public record Filter(String key, int tag, Vr vr, String value, Matcher matcher) {
    public boolean universal() {
      return matcher == Matcher.UNIVERSAL;
    }
  }

  /**
   * Attributes a study search can also match and return, computed from the study's series and
   * instances.
   */
  public static final List<String> STUDY_COMPUTED =
      List.of(
          DicomTags.hex(DicomTags.MODALITIES_IN_STUDY),
          DicomTags.hex(DicomTags.NUMBER_OF_STUDY_RELATED_SERIES),
          DicomTags.hex(DicomTags.NUMBER_OF_STUDY_RELATED_INSTANCES));

  public static final List<String> SERIES_COMPUTED =
      List.of(DicomTags.hex(DicomTags.NUMBER_OF_SERIES_RELATED_INSTANCES));
  public static final String RETRIEVE_URL = DicomTags.hex(DicomTags.RETRIEVE_URL);

  /**
   * Default attributes of each level's results (PS3.18 tables 10.6.3-3 to -5), those the index can
   * hold.
   */
  public static final List<String> STUDY_DEFAULTS =
      List.of(
          "00080005",
          "00080020",
          "00080030",
          "00080050",
          "00080056",
          "00080061",
          "00080090",
          "00080201",
          "00100010",
          "00100020",
          "00100030",
          "00100040",
          "0020000D",
          "00200010",
          "00201206",
          "00201208");

  public static final List<String> SERIES_DEFAULTS =
      List.of("00080005", "00080060", "00080201", "0008103E", "0020000E", "00200011", "00201209");
  public static final List<String> INSTANCE_DEFAULTS =
      List.of(
          "00080005",
          "00080016",
          "00080018",
          "00080056",
          "00080201",
          "00200013",
          "00280008",
          "00280010",
          "00280011",
          "00280100");

  private static final Set<String> CONTROL =
      Set.of("limit", "offset", "fuzzymatching", "includefield");

  /**
   * @param params the query string, each name with its values in order
   * @param level the level searched
   * @param maxLimit the most results one response may hold
   */
  public static QidoQuery parse(Map<String, List<String>> params, DicomLevel level, int maxLimit) {
    boolean fuzzy = false;
    for (String v : params.getOrDefault("fuzzymatching", List.of())) {
      fuzzy =
          switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false", "" -> false;
            default ->
                throw ApiError.badRequest(
                    "INVALID_QUERY", "fuzzymatching is true or false, not %s", v);
          };
    }
    int offset = integer(params, "offset", 0);
    int requested = integer(params, "limit", -1);
    boolean capped = requested < 0 || requested > maxLimit;
    int limit = requested < 0 ? maxLimit : Math.min(requested, maxLimit);

    Set<String> available = available(level);
    Set<String> include = new LinkedHashSet<>();
    boolean all = false;
    for (String v : params.getOrDefault("includefield", List.of())) {
      for (String name : v.split(",")) {
        String n = name.strip();
        if (n.isEmpty()) {
          continue;
        }
        if (n.equalsIgnoreCase("all")) {
          all = true;
        } else {
          include.add(DicomTags.hex(tagOf(n)));
        }
      }
    }
    List<Filter> filters = new ArrayList<>();
    List<String> unsupported = new ArrayList<>();
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      String name = p.getKey();
      if (CONTROL.contains(name)
          || name.isEmpty()
          || !Character.isUpperCase(name.charAt(0)) && !Character.isDigit(name.charAt(0))) {
        continue; // control parameters; lower-case names are not attributes (cache busters, tokens)
      }
      if (name.indexOf('.') >= 0) {
        unsupported.add(name); // sequence matching keys
        continue;
      }
      int tag = tagOf(name);
      String key = DicomTags.hex(tag);
      if (!available.contains(key)) {
        unsupported.add(name);
        continue;
      }
      Vr vr = vrOf(tag);
      for (String value : p.getValue()) {
        filters.add(new Filter(key, tag, vr, value, matcher(vr, value, fuzzy)));
      }
    }
    return new QidoQuery(
        level,
        List.copyOf(filters),
        Set.copyOf(include),
        all,
        fuzzy,
        offset,
        limit,
        capped,
        List.copyOf(unsupported));
  }

  /**
   * The DICOM JSON keys the index holds for a search at {@code level}: the level's, its parents'
   * and computed ones.
   */
  public static Set<String> available(DicomLevel level) {
    Set<String> keys = new LinkedHashSet<>(DicomLevel.STUDY.keys());
    if (level == DicomLevel.STUDY) {
      keys.addAll(STUDY_COMPUTED);
    }
    if (level != DicomLevel.STUDY) {
      keys.addAll(DicomLevel.SERIES.keys());
    }
    if (level == DicomLevel.SERIES) {
      keys.addAll(SERIES_COMPUTED);
    }
    if (level == DicomLevel.INSTANCE) {
      keys.addAll(DicomLevel.INSTANCE.keys());
    }
    return keys;
  }

  /**
   * What each result carries (PS3.18 10.6.3.3): the level's default attributes and its parents'
   * (also inside a study or series, as Orthanc does), the included fields and the matching keys;
   * {@code null} with {@code includefield=all}.
   */
  public Set<String> returnedKeys() {
    if (includeAll) {
      return null;
    }
    Set<String> keys = new LinkedHashSet<>(STUDY_DEFAULTS);
    if (level == DicomLevel.STUDY) {
      keys.addAll(STUDY_COMPUTED);
    } else {
      keys.removeAll(STUDY_COMPUTED);
      keys.addAll(SERIES_DEFAULTS);
      if (level == DicomLevel.INSTANCE) {
        keys.removeAll(SERIES_COMPUTED);
        keys.addAll(INSTANCE_DEFAULTS);
      }
    }
    keys.add(RETRIEVE_URL);
    keys.addAll(includeFields);
    filters.forEach(f -> keys.add(f.key()));
    return keys;
  }

  /**
   * True when every matching key matches; {@code values} gives an attribute's values by DICOM JSON
   * key.
   */
  public boolean matches(Function<String, List<String>> values) {
    for (Filter f : filters) {
      if (!f.universal() && !f.matcher().matches(values.apply(f.key()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The UIDs a key restricts to (single value or UID list, no wildcard), so an index can fetch by
   * id instead of scanning; empty when the key is absent or matches otherwise.
   */
  public Set<String> uids(int tag) {
    String key = DicomTags.hex(tag);
    Set<String> uids = null;
    for (Filter f : filters) {
      if (f.key().equals(key)
          && !f.universal()
          && f.vr() == Vr.UI
          && f.value().indexOf('*') < 0
          && f.value().indexOf('?') < 0
          && !f.value().strip().equals("\"\"")) {
        Set<String> these = new LinkedHashSet<>(splitUids(f.value()));
        if (uids == null) {
          uids = these;
        } else {
          uids.retainAll(these);
        }
      }
    }
    return uids == null ? Set.of() : uids;
  }

  private static Matcher matcher(Vr vr, String value, boolean fuzzy) {
    if (value.isEmpty()) {
      return Matcher.UNIVERSAL;
    }
    if (value.strip().equals("\"\"")) {
      return Matcher.EMPTY;
    }
    if (vr == Vr.UI) {
      return Matcher.anyOf(splitUids(value).stream().map(u -> Matcher.text(u, false)).toList());
    }
    List<Matcher> alternatives = new ArrayList<>();
    for (String one : value.split("\\\\")) {
      alternatives.add(single(vr, one, fuzzy));
    }
    return Matcher.anyOf(alternatives);
  }

  private static Matcher single(Vr vr, String value, boolean fuzzy) {
    return switch (vr) {
      case DA, TM, DT -> Matcher.range(DateRange.parse(vr, value));
      case PN -> fuzzy ? Matcher.fuzzyName(value) : Matcher.text(value, true);
      case IS, DS, US, SS, UL, SL, FL, FD, UV, SV -> Matcher.number(value);
      default -> Matcher.text(value, false);
    };
  }

  private static List<String> splitUids(String value) {
    List<String> out = new ArrayList<>();
    for (String u : value.split("[\\\\,]")) {
      if (!u.isBlank()) {
        out.add(u.strip());
      }
    }
    return out;
  }

  /** A keyword ("PatientName") or tag ("00100010") as a tag; an unknown one is a bad request. */
  public static int tagOf(String name) {
    if (name.length() == 8 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return (int) Long.parseLong(name, 16);
    }
    OptionalInt tag = DicomDictionary.standard().tagOf(name);
    if (tag.isEmpty()) {
      throw ApiError.badRequest(
          "UNKNOWN_ATTRIBUTE", "%s is neither a DICOM keyword nor a tag", name);
    }
    return tag.getAsInt();
  }

  private static Vr vrOf(int tag) {
    return DicomDictionary.standard().vrOf(tag);
  }

  private static int integer(Map<String, List<String>> params, String name, int fallback) {
    List<String> v = params.get(name);
    if (v == null || v.isEmpty() || v.get(v.size() - 1).isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get(v.size() - 1).strip());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("INVALID_QUERY", "%s must be a non-negative integer", name);
    }
  }
}
