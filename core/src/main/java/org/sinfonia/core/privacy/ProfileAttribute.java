package org.sinfonia.core.privacy;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One row of Table E.1-1: the tag pattern as printed ({@code (0010,0010)}, {@code (50xx,xxxx)},
 * {@code (gggg,eeee)} for private attributes), the name, the basic profile action and the action
 * each option puts in its place (absent when the option leaves the basic action).
 */
public record ProfileAttribute(
    String pattern,
    String name,
    boolean retired,
    boolean inStandardIod,
    ProfileAction basic,
    Map<ConfidentialityOption, ProfileAction> options) {

  public ProfileAttribute {
    options =
        options.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(
                new EnumMap<ConfidentialityOption, ProfileAction>(options));
  }

  /** The action an option puts in place of the basic one, or null when it leaves it. */
  public ProfileAction under(ConfidentialityOption option) {
    return options.get(option);
  }

  /**
   * The action under a set of options: the first option (in table column order) that changes this
   * attribute wins; without one, the basic action. (Where two options both change an attribute in
   * the table they give the same action, except the two longitudinal options, which a policy cannot
   * combine.)
   */
  public ProfileAction actionUnder(Set<ConfidentialityOption> active) {
    for (ConfidentialityOption o : ConfidentialityOption.values()) {
      if (active.contains(o)) {
        ProfileAction a = options.get(o);
        if (a != null) {
          return a;
        }
      }
    }
    return basic;
  }

  /** What kind of information the row is about, from the option columns that mention it. */
  public Category category() {
    if (basic == ProfileAction.U || options.containsKey(ConfidentialityOption.RETAIN_UIDS)) {
      return Category.UID;
    }
    if (pattern.equals(ConfidentialityProfile.PRIVATE_PATTERN)) {
      return Category.PRIVATE;
    }
    if (options.containsKey(ConfidentialityOption.RETAIN_LONGITUDINAL_FULL_DATES)) {
      return Category.DATE_TIME;
    }
    if (options.containsKey(ConfidentialityOption.RETAIN_DEVICE_IDENTITY)) {
      return Category.DEVICE;
    }
    if (options.containsKey(ConfidentialityOption.RETAIN_INSTITUTION_IDENTITY)) {
      return Category.INSTITUTION;
    }
    if (options.containsKey(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS)) {
      return Category.PATIENT_CHARACTERISTICS;
    }
    if (options.containsKey(ConfidentialityOption.CLEAN_DESCRIPTORS)) {
      return Category.DESCRIPTOR;
    }
    return Category.IDENTIFYING;
  }

  /** Coarse kinds of Table E.1-1 rows, derived from the option columns. */
  public enum Category {
    /** Names, IDs, addresses and the like of patients, persons and organisations. */
    IDENTIFYING,
    INSTITUTION,
    DEVICE,
    DATE_TIME,
    PATIENT_CHARACTERISTICS,
    /** Free-text descriptions and comments. */
    DESCRIPTOR,
    UID,
    PRIVATE
  }
}
