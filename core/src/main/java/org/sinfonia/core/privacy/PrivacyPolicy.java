package org.sinfonia.core.privacy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An ingest privacy policy: what to do with identifying content ({@link Kind}) and, for {@code
 * deidentify}, which Basic Profile options apply. Read from and written to the JSON shape of {@code
 * GET|PUT .../privacy}: {@code {"policy": "deidentify", "options": {...}}}.
 */
public record PrivacyPolicy(Kind kind, Options options) {

  public PrivacyPolicy {
    if (kind == null) {
      throw new PrivacyPolicyException("POLICY_MISSING", "policy is required");
    }
    options = options == null ? Options.DEFAULTS : options;
  }

  /** What a policy does with a file that has identifying content. */
  public enum Kind {
    /** Store as is; findings are not needed. */
    ACCEPT,
    /** Store as is, record findings, show a warning. */
    FLAG,
    /** Refuse files with identifying content. */
    REJECT,
    /** Store a de-identified version; the original is never stored. */
    DEIDENTIFY;

    public String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A private element that the Retain Safe Private option keeps: the odd group, the private creator
   * of its block and the element's offset in the block (the low byte of the element number, so
   * {@code (0019,1008)} under creator block 10 is offset 0x08).
   */
  public record SafePrivateTag(int group, String creator, int element) {
    public SafePrivateTag {
      if ((group & 1) == 0 || group < 0x0009 || group > 0xFFFF) {
        throw new PrivacyPolicyException(
            "POLICY_INVALID", "safePrivate group must be an odd group above 0008");
      }
      if (creator == null || creator.isBlank() || creator.length() > 64) {
        throw new PrivacyPolicyException(
            "POLICY_INVALID", "safePrivate creator must be 1 to 64 characters");
      }
      creator = creator.trim();
      if (element < 0 || element > 0xFF) {
        throw new PrivacyPolicyException(
            "POLICY_INVALID", "safePrivate element must be 00 to FF (offset in the block)");
      }
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("group", String.format("%04X", group));
      m.put("creator", creator);
      m.put("element", String.format("%02X", element));
      return m;
    }
  }

  /** The options of a policy; only {@code deidentify} uses them, except {@code allowBurnedIn}. */
  public record Options(
      boolean retainPatientCharacteristics,
      boolean retainDeviceIdentity,
      boolean retainLongitudinalModifiedDates,
      boolean retainUids,
      boolean retainSafePrivate,
      List<SafePrivateTag> safePrivate,
      boolean cleanDescriptors,
      boolean allowBurnedIn,
      boolean keepPseudonymTable) {

    /** Everything off: the plain Basic Profile, burned-in files refused, no pseudonym table. */
    public static final Options DEFAULTS =
        new Options(false, false, false, false, false, List.of(), false, false, false);

    public Options {
      safePrivate = safePrivate == null ? List.of() : List.copyOf(safePrivate);
    }

    /** The PS3.15 options these settings turn on. */
    public Set<ConfidentialityOption> profileOptions() {
      Set<ConfidentialityOption> s = EnumSet.noneOf(ConfidentialityOption.class);
      if (retainPatientCharacteristics) {
        s.add(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS);
      }
      if (retainDeviceIdentity) {
        s.add(ConfidentialityOption.RETAIN_DEVICE_IDENTITY);
      }
      if (retainLongitudinalModifiedDates) {
        s.add(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES);
      }
      if (retainUids) {
        s.add(ConfidentialityOption.RETAIN_UIDS);
      }
      if (retainSafePrivate) {
        s.add(ConfidentialityOption.RETAIN_SAFE_PRIVATE);
      }
      if (cleanDescriptors) {
        s.add(ConfidentialityOption.CLEAN_DESCRIPTORS);
      }
      return s;
    }

    /** True when the safe list names this private element. */
    public boolean isSafe(int group, String creator, int elementOffset) {
      if (creator == null) {
        return false;
      }
      String c = creator.trim();
      for (SafePrivateTag t : safePrivate) {
        if (t.group() == group && t.element() == elementOffset && t.creator().equals(c)) {
          return true;
        }
      }
      return false;
    }

    /** True when the safe list names any element of this creator's block in this group. */
    public boolean hasSafeBlock(int group, String creator) {
      if (creator == null) {
        return false;
      }
      String c = creator.trim();
      for (SafePrivateTag t : safePrivate) {
        if (t.group() == group && t.creator().equals(c)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Set<String> TOP_KEYS = Set.of("policy", "options");
  private static final Set<String> OPTION_KEYS =
      Set.of(
          "retainPatientCharacteristics",
          "retainDeviceIdentity",
          "retainLongitudinalModifiedDates",
          "retainUids",
          "retainSafePrivate",
          "safePrivate",
          "cleanDescriptors",
          "allowBurnedIn",
          "keepPseudonymTable");
  private static final Set<String> SAFE_KEYS = Set.of("group", "creator", "element");

  /**
   * Reads a policy from a JSON-like map (what a JSON parser gives: String, Boolean, List, Map).
   * Unknown keys, wrong types and unknown policy names throw {@link PrivacyPolicyException}.
   */
  public static PrivacyPolicy fromMap(Map<String, ?> map) {
    if (map == null) {
      throw new PrivacyPolicyException("POLICY_MISSING", "a policy document is required");
    }
    for (String key : map.keySet()) {
      if (!TOP_KEYS.contains(key)) {
        throw new PrivacyPolicyException("POLICY_UNKNOWN_KEY", "unknown key: " + key);
      }
    }
    Object p = map.get("policy");
    if (p == null) {
      throw new PrivacyPolicyException("POLICY_MISSING", "policy is required");
    }
    if (!(p instanceof String name)) {
      throw new PrivacyPolicyException("POLICY_WRONG_TYPE", "policy must be a string");
    }
    Kind kind = null;
    for (Kind k : Kind.values()) {
      if (k.json().equals(name)) {
        kind = k;
      }
    }
    if (kind == null) {
      throw new PrivacyPolicyException(
          "POLICY_UNKNOWN_KIND",
          "policy must be one of accept, flag, reject, deidentify; got " + quote(name));
    }
    Object o = map.get("options");
    if (o == null) {
      return new PrivacyPolicy(kind, Options.DEFAULTS);
    }
    if (!(o instanceof Map<?, ?> om)) {
      throw new PrivacyPolicyException("POLICY_WRONG_TYPE", "options must be an object");
    }
    for (Object key : om.keySet()) {
      if (!(key instanceof String k) || !OPTION_KEYS.contains(k)) {
        throw new PrivacyPolicyException(
            "POLICY_UNKNOWN_KEY", "unknown option: " + quote(String.valueOf(key)));
      }
    }
    List<SafePrivateTag> safe = safeList(om.get("safePrivate"));
    return new PrivacyPolicy(
        kind,
        new Options(
            bool(om, "retainPatientCharacteristics"),
            bool(om, "retainDeviceIdentity"),
            bool(om, "retainLongitudinalModifiedDates"),
            bool(om, "retainUids"),
            bool(om, "retainSafePrivate"),
            safe,
            bool(om, "cleanDescriptors"),
            bool(om, "allowBurnedIn"),
            bool(om, "keepPseudonymTable")));
  }

  /** The JSON shape of this policy (every option written out). */
  public Map<String, Object> toMap() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("retainPatientCharacteristics", options.retainPatientCharacteristics());
    o.put("retainDeviceIdentity", options.retainDeviceIdentity());
    o.put("retainLongitudinalModifiedDates", options.retainLongitudinalModifiedDates());
    o.put("retainUids", options.retainUids());
    o.put("retainSafePrivate", options.retainSafePrivate());
    List<Object> safe = new ArrayList<>();
    for (SafePrivateTag t : options.safePrivate()) {
      safe.add(t.toMap());
    }
    o.put("safePrivate", safe);
    o.put("cleanDescriptors", options.cleanDescriptors());
    o.put("allowBurnedIn", options.allowBurnedIn());
    o.put("keepPseudonymTable", options.keepPseudonymTable());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", kind.json());
    m.put("options", o);
    return m;
  }

  private static boolean bool(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new PrivacyPolicyException(
        "POLICY_WRONG_TYPE", "options." + key + " must be true or false");
  }

  private static List<SafePrivateTag> safeList(Object v) {
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new PrivacyPolicyException(
          "POLICY_WRONG_TYPE", "options.safePrivate must be a list of objects");
    }
    if (list.size() > 1000) {
      throw new PrivacyPolicyException(
          "POLICY_INVALID", "options.safePrivate has more than 1000 entries");
    }
    List<SafePrivateTag> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "options.safePrivate[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> e)) {
        throw new PrivacyPolicyException("POLICY_WRONG_TYPE", where + " must be an object");
      }
      for (Object key : e.keySet()) {
        if (!SAFE_KEYS.contains(key)) {
          throw new PrivacyPolicyException(
              "POLICY_UNKNOWN_KEY", where + ": unknown key " + quote(String.valueOf(key)));
        }
      }
      int group = hex(e.get("group"), where + ".group", 4);
      int element = hex(e.get("element"), where + ".element", 2);
      if (!(e.get("creator") instanceof String creator)) {
        throw new PrivacyPolicyException("POLICY_WRONG_TYPE", where + ".creator must be a string");
      }
      out.add(new SafePrivateTag(group, creator, element));
    }
    return out;
  }

  private static int hex(Object v, String where, int digits) {
    if (!(v instanceof String s)) {
      throw new PrivacyPolicyException(
          "POLICY_WRONG_TYPE", where + " must be a string of " + digits + " hex digits");
    }
    if (s.length() != digits || !s.matches("[0-9A-Fa-f]+")) {
      throw new PrivacyPolicyException(
          "POLICY_INVALID", where + " must be " + digits + " hex digits");
    }
    return Integer.parseInt(s, 16);
  }

  private static String quote(String s) {
    String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
    return "\"" + cut.replaceAll("[^\\x20-\\x7E]", "?") + "\"";
  }
}
