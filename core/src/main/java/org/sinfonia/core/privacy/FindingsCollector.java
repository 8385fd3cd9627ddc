package org.sinfonia.core.privacy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.dicom.Vr;

/**
 * The detector: fed element by element as a file streams (any nesting level), it records which
 * Table E.1-1 attributes carry a value, the private attributes, Burned In Annotation = YES and the
 * de-identification declarations. It keeps tags and locations only: no value is stored, so the
 * findings can be kept and shown without leaking what they are about. Not thread-safe; one per
 * file.
 */
public final class FindingsCollector {

  /** More findings than this are counted in the summary's total but not listed one by one. */
  public static final int MAX_LISTED = 500;

  private final ConfidentialityProfile profile;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<ConfidentialityOption> declared = EnumSet.noneOf(ConfidentialityOption.class);
  private boolean identityRemoved;
  private boolean method;
  private boolean basicDeclared;
  private final Map<ProfileAttribute.Category, Integer> unlisted =
      new EnumMap<>(ProfileAttribute.Category.class);
  private int dropped;

  public FindingsCollector() {
    this(ConfidentialityProfile.standard());
  }

  public FindingsCollector(ConfidentialityProfile profile) {
    this.profile = profile;
  }

  /** Looks at one element. */
  public void accept(PrivacyElement e) {
    int tag = e.tag();
    if ((tag & 0xFFFF) == 0) {
      return; // group lengths
    }
    if (tag == Tags.PATIENT_IDENTITY_REMOVED) {
      if (e.depth() == 0 && "YES".equals(upper(e))) {
        identityRemoved = true;
        add(e, Finding.Kind.IDENTITY_REMOVED_DECLARED, null, null);
      }
      return;
    }
    if (tag == Tags.DEIDENTIFICATION_METHOD || tag == Tags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE) {
      if (e.depth() == 0 && e.hasValue()) {
        if (!method) {
          add(e, Finding.Kind.DEIDENTIFICATION_METHOD_DECLARED, null, null);
        }
        method = true;
      }
      return;
    }
    if (tag == Tags.CODE_VALUE
        && !e.path().isEmpty()
        && e.path().get(0).tag() == Tags.DEIDENTIFICATION_METHOD_CODE_SEQUENCE
        && e.text() != null) {
      String code = e.trimmed();
      if (ConfidentialityOption.BASIC_PROFILE_CODE.equals(code)) {
        basicDeclared = true;
      }
      ConfidentialityOption o = ConfidentialityOption.byCode(code);
      if (o != null) {
        declared.add(o);
      }
      return;
    }
    if (tag == Tags.BURNED_IN_ANNOTATION) {
      if ("YES".equals(upper(e))) {
        add(e, Finding.Kind.BURNED_IN_ANNOTATION, null, null);
      }
      return;
    }
    if (!e.hasValue()) {
      return;
    }
    if (Tags.isPrivate(tag)) {
      ProfileAttribute rule = profile.privateRule();
      add(e, Finding.Kind.PRIVATE_ATTRIBUTE, rule.category(), rule.basic().code());
      return;
    }
    profile
        .lookup(tag)
        .ifPresent(
            row -> add(e, Finding.Kind.PROFILE_ATTRIBUTE, row.category(), row.basic().code()));
  }

  /** The findings so far. */
  public Findings result() {
    return new Findings(findings, identityRemoved, method, basicDeclared, declared, unlisted);
  }

  /** Findings counted but not listed (over {@link #MAX_LISTED}). */
  public int dropped() {
    return dropped;
  }

  private void add(
      PrivacyElement e, Finding.Kind kind, ProfileAttribute.Category category, String action) {
    if (findings.size() >= MAX_LISTED) {
      dropped++;
      if (category != null) {
        unlisted.merge(category, 1, Integer::sum);
      }
      return;
    }
    findings.add(
        new Finding(
            Tags.format(e.tag()),
            Tags.keyword(e.tag()),
            Tags.location(e.path(), e.tag()),
            e.depth(),
            kind,
            category,
            action));
  }

  private static String upper(PrivacyElement e) {
    if (e.vr() == Vr.SQ || e.text() == null) {
      return "";
    }
    return e.trimmed().toUpperCase(Locale.ROOT);
  }
}
