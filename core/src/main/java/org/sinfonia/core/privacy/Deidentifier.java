package org.sinfonia.core.privacy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sinfonia.core.dicom.Vr;

/**
 * The Basic Application Level Confidentiality Profile (PS3.15 E.2) with the options of a {@link
 * PrivacyPolicy}, as per-element decisions for a streaming writer. Thread-safe and shared; {@link
 * #forInstance} gives the per-file state (private creators seen, the patient's date shift, the
 * report).
 *
 * <p>The patient's original Patient ID is needed before the first date streams by (Study Date
 * (0008,0020) comes before Patient ID (0010,0020)), so the caller reads it first from the header
 * and passes it to {@link #forInstance}.
 */
public final class Deidentifier {

  /** The method text written to De-identification Method (0012,0063), at most 64 characters. */
  static final String METHOD_PREFIX = "Sinfonia PS3.15 Basic Profile";

  private final PrivacyPolicy.Options options;
  private final Set<ConfidentialityOption> active;
  private final ConfidentialityProfile profile;
  private final UidMapper uids;
  private final Pseudonymizer pseudonyms;
  private final DateShifter dates;
  private final PseudonymSink sink;

  public Deidentifier(PrivacyPolicy.Options options, SiteKey key) {
    this(
        options,
        ConfidentialityProfile.standard(),
        new UidMapper(key),
        new Pseudonymizer(key),
        new DateShifter(key),
        PseudonymSink.NONE);
  }

  public Deidentifier(
      PrivacyPolicy.Options options,
      ConfidentialityProfile profile,
      UidMapper uids,
      Pseudonymizer pseudonyms,
      DateShifter dates,
      PseudonymSink sink) {
    this.options = options;
    this.active = options.profileOptions();
    this.profile = profile;
    this.uids = uids;
    this.pseudonyms = pseudonyms;
    this.dates = dates;
    this.sink = sink == null ? PseudonymSink.NONE : sink;
  }

  /** The PS3.15 options in force. */
  public Set<ConfidentialityOption> activeOptions() {
    return active;
  }

  /** Per-file state for an instance of the patient with this original Patient ID. */
  public Instance forInstance(String originalPatientId) {
    return forInstance(originalPatientId, List.of());
  }

  /**
   * Per-file state; {@code identifyingValues} (the patient's name, birth date, accession number,
   * ... read from the header with the Patient ID) are the words removed from descriptions when a
   * descriptor is cleaned.
   */
  public Instance forInstance(String originalPatientId, List<String> identifyingValues) {
    String pid = Pseudonymizer.clean(originalPatientId);
    if (options.keepPseudonymTable()) {
      sink.record(pseudonyms.patientId(pid), pid);
    }
    List<String> words = new ArrayList<>(identifyingValues == null ? List.of() : identifyingValues);
    words.add(pid);
    return new Instance(pid, words);
  }

  /** The action a row takes under this policy's options. */
  public ProfileAction actionFor(ProfileAttribute row) {
    return row.actionUnder(active);
  }

  /** Decisions for one file, fed in stream order. Not thread-safe. */
  public final class Instance {

    private final String patientId;
    private final int shift;
    private final Pattern identifying;
    private final PrivateCreators creators = new PrivateCreators();
    private final Map<Decision.Action, Integer> counts = new EnumMap<>(Decision.Action.class);
    private final List<String> invalidDates = new ArrayList<>();

    private Instance(String patientId, List<String> identifyingValues) {
      this.patientId = patientId;
      this.shift = dates.shiftDays(patientId);
      this.identifying = wordsPattern(identifyingValues);
    }

    /** The date shift applied to this patient's dates, in days (when dates are shifted). */
    public int shiftDays() {
      return shift;
    }

    /** The pseudonymous Patient ID written for this instance. */
    public String pseudonym() {
      return pseudonyms.patientId(patientId);
    }

    /** What to do with this element. */
    public Decision decide(PrivacyElement e) {
      Decision d = decideInner(e);
      counts.merge(d.action(), 1, Integer::sum);
      return d;
    }

    private Decision decideInner(PrivacyElement e) {
      int tag = e.tag();
      int group = tag >>> 16;
      if ((tag & 0xFFFF) == 0) {
        return group == 0x0002 ? Decision.KEEP : Decision.REMOVE; // group lengths go stale
      }
      if (e.depth() == 0
          && (tag == Tags.PATIENT_IDENTITY_REMOVED
              || tag == Tags.DEIDENTIFICATION_METHOD
              || tag == Tags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE
              || tag == Tags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED)) {
        return Decision.REMOVE; // replaced by additions()
      }
      if (Tags.isPrivate(tag)) {
        return decidePrivate(e);
      }
      if (tag == Tags.PATIENT_ID && e.depth() == 0) {
        return Decision.with(Decision.Action.PSEUDONYMIZE, pseudonyms.patientId(patientId));
      }
      if (tag == Tags.PATIENT_NAME && e.depth() == 0) {
        return Decision.with(Decision.Action.PSEUDONYMIZE, pseudonyms.patientName(patientId));
      }
      ProfileAttribute row = profile.lookup(tag).orElse(null);
      if (row == null) {
        return Decision.KEEP;
      }
      ProfileAction action = row.actionUnder(active);
      if (e.vr() == Vr.SQ) {
        return sequence(action);
      }
      return switch (action) {
        case K -> Decision.KEEP;
        case X -> Decision.REMOVE;
        case Z, Z_D, X_Z, X_Z_D -> Decision.EMPTY;
        case D, X_D -> dummy(e);
        case U, X_Z_U -> uid(e);
        case C -> clean(e, row);
      };
    }

    private Decision sequence(ProfileAction action) {
      return switch (action) {
        case K, C, U, X_Z_U -> Decision.KEEP; // descend: items decided element by element
        case X, X_D -> Decision.REMOVE;
        case D, Z, Z_D, X_Z, X_Z_D -> Decision.EMPTY; // never descend into unknown content
      };
    }

    private Decision decidePrivate(PrivacyElement e) {
      int tag = e.tag();
      int group = tag >>> 16;
      if (Tags.isPrivateCreator(tag)) {
        String creator = e.trimmed();
        creators.record(e.path(), tag, creator);
        return options.retainSafePrivate() && options.hasSafeBlock(group, creator)
            ? Decision.KEEP
            : Decision.REMOVE;
      }
      if ((tag & 0xFFFF) < 0x1000) {
        return Decision.REMOVE; // (gggg,0001-000F) and stray elements outside any block
      }
      String creator = creators.creatorOf(e.path(), tag);
      return options.retainSafePrivate() && options.isSafe(group, creator, tag & 0xFF)
          ? Decision.KEEP
          : Decision.REMOVE;
    }

    private Decision dummy(PrivacyElement e) {
      if (e.text() == null) {
        return Decision.EMPTY;
      }
      if (e.vr() == Vr.UI) {
        return uid(e);
      }
      String v = dummyValue(e.vr());
      return v == null ? Decision.EMPTY : Decision.with(Decision.Action.REPLACE, v);
    }

    private Decision uid(PrivacyElement e) {
      if (e.text() == null) {
        return Decision.REMOVE; // a UID we cannot read cannot be mapped
      }
      if (!e.hasValue()) {
        return Decision.KEEP;
      }
      return Decision.with(Decision.Action.REPLACE_UID, uids.mapAll(e.text()));
    }

    private Decision clean(PrivacyElement e, ProfileAttribute row) {
      if (row.category() == ProfileAttribute.Category.DATE_TIME) {
        if (e.vr() == Vr.DA || e.vr() == Vr.DT) {
          if (e.text() == null) {
            return Decision.REMOVE;
          }
          DateShifter.Shifted s =
              e.vr() == Vr.DA ? dates.shiftDa(e.text(), shift) : dates.shiftDt(e.text(), shift);
          if (!s.valid()) {
            invalidDates.add(Tags.location(e.path(), e.tag()));
          }
          return Decision.with(Decision.Action.SHIFT_DATE, s.value());
        }
        return Decision.KEEP; // TM and the UTC offset: a time of day without its date
      }
      if (e.text() == null) {
        return Decision.REMOVE;
      }
      return Decision.with(Decision.Action.CLEAN, cleanText(e.text()));
    }

    /** The text with every identifying word replaced by {@code *}; never longer than the input. */
    String cleanText(String text) {
      if (identifying == null) {
        return text;
      }
      Matcher m = identifying.matcher(text);
      return m.replaceAll("*");
    }

    /** Elements to add at the end of the top-level dataset. */
    public List<AddedElement> additions() {
      List<AddedElement> out = new ArrayList<>();
      out.add(AddedElement.text(Tags.PATIENT_IDENTITY_REMOVED, Vr.CS, "YES"));
      out.add(AddedElement.text(Tags.DEIDENTIFICATION_METHOD, Vr.LO, methodText(active)));
      List<List<AddedElement>> items = new ArrayList<>();
      items.add(
          code(
              ConfidentialityOption.BASIC_PROFILE_CODE,
              ConfidentialityOption.BASIC_PROFILE_MEANING));
      for (ConfidentialityOption o : ConfidentialityOption.values()) {
        if (active.contains(o)) {
          items.add(code(o.codeValue(), o.codeMeaning()));
        }
      }
      out.add(AddedElement.sequence(Tags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE, items));
      out.add(
          AddedElement.text(
              Tags.LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED,
              Vr.CS,
              active.contains(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES)
                  ? "MODIFIED"
                  : "REMOVED"));
      return out;
    }

    /** Counts of decisions and the locations of invalid dates (never values). */
    public Report report() {
      return new Report(new EnumMap<>(counts), List.copyOf(invalidDates), shiftApplied());
    }

    private boolean shiftApplied() {
      return counts.getOrDefault(Decision.Action.SHIFT_DATE, 0) > 0;
    }
  }

  /**
   * What was done to one file: counts per action, invalid dates by location, and the shift flag.
   */
  public record Report(
      Map<Decision.Action, Integer> counts, List<String> invalidDates, boolean datesShifted) {}

  /** Dummy values per VR for the D action (see docs/privacy.md); null: written empty. */
  static String dummyValue(Vr vr) {
    return switch (vr) {
      case PN, LO, SH, LT, ST, UT, UC, AE, CS -> "ANONYMOUS";
      case DA -> DateShifter.DUMMY_DATE;
      case DT -> DateShifter.DUMMY_DATE + "000000";
      case TM -> "000000";
      case DS, IS -> "0";
      case AS -> "000Y";
      default -> null;
    };
  }

  static String methodText(Set<ConfidentialityOption> active) {
    StringBuilder b = new StringBuilder(METHOD_PREFIX);
    Map<ConfidentialityOption, String> abbrev = new EnumMap<>(ConfidentialityOption.class);
    abbrev.put(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS, "RPC");
    abbrev.put(ConfidentialityOption.RETAIN_DEVICE_IDENTITY, "RDI");
    abbrev.put(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES, "RLTMD");
    abbrev.put(ConfidentialityOption.RETAIN_UIDS, "RU");
    abbrev.put(ConfidentialityOption.RETAIN_SAFE_PRIVATE, "RSP");
    abbrev.put(ConfidentialityOption.CLEAN_DESCRIPTORS, "CD");
    String sep = "; ";
    for (ConfidentialityOption o : ConfidentialityOption.values()) {
      String a = abbrev.get(o);
      if (a != null && active.contains(o)) {
        b.append(sep).append(a);
        sep = " ";
      }
    }
    return b.length() > 64 ? b.substring(0, 64) : b.toString();
  }

  private static List<AddedElement> code(String value, String meaning) {
    return List.of(
        AddedElement.text(Tags.CODE_VALUE, Vr.SH, value),
        AddedElement.text(Tags.CODING_SCHEME_DESIGNATOR, Vr.SH, "DCM"),
        AddedElement.text(Tags.CODE_MEANING, Vr.LO, meaning));
  }

  private static Pattern wordsPattern(List<String> values) {
    Set<String> words = new LinkedHashSet<>();
    for (String v : values) {
      if (v == null) {
        continue;
      }
      for (String w : v.split("[^\\p{L}\\p{N}]+")) {
        if (w.length() >= 2) {
          words.add(Pattern.quote(w.toUpperCase(Locale.ROOT)));
        }
      }
    }
    if (words.isEmpty()) {
      return null;
    }
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}])(?:" + String.join("|", words) + ")(?![\\p{L}\\p{N}])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
