package org.sinfonia.core.privacy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the detector found in one file: the findings (tags and locations, never values), whether the
 * file declares itself de-identified, and which CID 7050 options it declares. Built by {@link
 * FindingsCollector}.
 */
public final class Findings {

  private final List<Finding> findings;
  private final boolean identityRemovedDeclared;
  private final boolean methodDeclared;
  private final Set<ConfidentialityOption> declaredOptions;
  private final boolean basicProfileDeclared;
  private final Map<ProfileAttribute.Category, Integer> unlisted;

  Findings(
      List<Finding> findings,
      boolean identityRemovedDeclared,
      boolean methodDeclared,
      boolean basicProfileDeclared,
      Set<ConfidentialityOption> declaredOptions,
      Map<ProfileAttribute.Category, Integer> unlisted) {
    this.findings = List.copyOf(findings);
    this.unlisted = Map.copyOf(unlisted);
    this.identityRemovedDeclared = identityRemovedDeclared;
    this.methodDeclared = methodDeclared;
    this.basicProfileDeclared = basicProfileDeclared;
    this.declaredOptions =
        declaredOptions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(declaredOptions));
  }

  public List<Finding> all() {
    return findings;
  }

  /** Patient Identity Removed (0012,0062) = YES. */
  public boolean identityRemovedDeclared() {
    return identityRemovedDeclared;
  }

  /** De-identification Method (0012,0063) or its code sequence present. */
  public boolean methodDeclared() {
    return methodDeclared;
  }

  /** The file says it was de-identified: identity removed YES and a named method. */
  public boolean declaresDeidentified() {
    return identityRemovedDeclared && methodDeclared;
  }

  /** CID 7050 option codes found in De-identification Method Code Sequence items. */
  public Set<ConfidentialityOption> declaredOptions() {
    return declaredOptions;
  }

  /** DCM 113100 found in De-identification Method Code Sequence. */
  public boolean basicProfileDeclared() {
    return basicProfileDeclared;
  }

  public boolean burnedIn() {
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.BURNED_IN_ANNOTATION);
  }

  /**
   * The findings a {@code reject} policy refuses a file for: every E.1-1 attribute with a value and
   * every private attribute, except UIDs (every instance has them; they identify nothing by
   * themselves) and, when the file declares itself de-identified, what its declared options retain
   * (dates under 113106/113107, device identity under 113109, institution under 113112, patient
   * characteristics under 113108, safe private under 113111).
   */
  public List<Finding> blocking() {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (f.kind() != Finding.Kind.PROFILE_ATTRIBUTE
          && f.kind() != Finding.Kind.PRIVATE_ATTRIBUTE) {
        continue;
      }
      if (f.category() == ProfileAttribute.Category.UID) {
        continue;
      }
      if (declaresDeidentified() && excused(f.category())) {
        continue;
      }
      out.add(f);
    }
    return out;
  }

  private boolean excused(ProfileAttribute.Category c) {
    if (c == null) {
      return false;
    }
    return switch (c) {
      case DATE_TIME ->
          declaredOptions.contains(ConfidentialityOption.RETAIN_LONGITUDINAL_FULL_DATES)
              || declaredOptions.contains(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES);
      case DEVICE -> declaredOptions.contains(ConfidentialityOption.RETAIN_DEVICE_IDENTITY);
      case INSTITUTION ->
          declaredOptions.contains(ConfidentialityOption.RETAIN_INSTITUTION_IDENTITY);
      case PATIENT_CHARACTERISTICS ->
          declaredOptions.contains(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS);
      case DESCRIPTOR -> declaredOptions.contains(ConfidentialityOption.CLEAN_DESCRIPTORS);
      case PRIVATE -> declaredOptions.contains(ConfidentialityOption.RETAIN_SAFE_PRIVATE);
      default -> false;
    };
  }

  /**
   * Findings past {@link FindingsCollector#MAX_LISTED}, counted by category (E.1-1 and private
   * attributes only); they count for {@link #identifying()} like listed ones.
   */
  public Map<ProfileAttribute.Category, Integer> unlisted() {
    return unlisted;
  }

  /** True when a {@code reject} policy refuses the file. */
  public boolean identifying() {
    if (!blocking().isEmpty()) {
      return true;
    }
    for (ProfileAttribute.Category c : unlisted.keySet()) {
      if (c != ProfileAttribute.Category.UID && !(declaresDeidentified() && excused(c))) {
        return true;
      }
    }
    return false;
  }

  /** Counts by kind and by category, and the flags: the summary shown next to a file. */
  public Map<String, Object> summary() {
    Map<Finding.Kind, Integer> byKind = new EnumMap<>(Finding.Kind.class);
    Map<ProfileAttribute.Category, Integer> byCategory =
        new EnumMap<>(ProfileAttribute.Category.class);
    for (Finding f : findings) {
      byKind.merge(f.kind(), 1, Integer::sum);
      if (f.category() != null) {
        byCategory.merge(f.category(), 1, Integer::sum);
      }
    }
    Map<String, Object> kinds = new LinkedHashMap<>();
    byKind.forEach((k, v) -> kinds.put(k.name(), v));
    Map<String, Object> categories = new LinkedHashMap<>();
    byCategory.forEach((k, v) -> categories.put(k.name(), v));
    List<String> options = new ArrayList<>();
    for (ConfidentialityOption o : ConfidentialityOption.values()) {
      if (declaredOptions.contains(o)) {
        options.add(o.codeValue());
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    int more = unlisted.values().stream().mapToInt(Integer::intValue).sum();
    m.put("findings", findings.size() + more);
    m.put("unlisted", more);
    m.put("blocking", blocking().size());
    m.put("identifying", identifying());
    m.put("burnedIn", burnedIn());
    m.put("declaresDeidentified", declaresDeidentified());
    m.put("declaredOptions", options);
    m.put("byKind", kinds);
    m.put("byCategory", categories);
    return m;
  }

  /** Summary plus the list of findings (the JSON stored in a file's view). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>(summary());
    List<Object> list = new ArrayList<>();
    for (Finding f : findings) {
      list.add(f.toMap());
    }
    m.put("list", list);
    return m;
  }
}
