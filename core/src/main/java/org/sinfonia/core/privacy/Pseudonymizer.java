package org.sinfonia.core.privacy;

import java.util.Arrays;

/**
 * Patient ID to a keyed pseudonym: a configurable prefix and the base32 of the first 80 bits of
 * HMAC-SHA256(site key, "pid:" + Patient ID), 16 characters; e.g. {@code SIN-MZXW6YTBOI4DEMRQ}. The
 * Patient's Name becomes {@code ANON^} followed by the same pseudonym, so name and ID agree and
 * carry nothing of the original. The Patient ID is taken without padding; an empty Patient ID has a
 * pseudonym like any other (all patients without an ID share it).
 */
public final class Pseudonymizer {

  public static final String DEFAULT_PREFIX = "SIN-";

  private final SiteKey key;
  private final String prefix;

  public Pseudonymizer(SiteKey key) {
    this(key, DEFAULT_PREFIX);
  }

  public Pseudonymizer(SiteKey key, String prefix) {
    if (prefix == null || prefix.length() > 16 || !prefix.matches("[A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "pseudonym prefix must be at most 16 letters, digits, '_', '.' or '-'");
    }
    this.key = key;
    this.prefix = prefix;
  }

  /** The pseudonymous Patient ID (LO, at most 32 characters). */
  public String patientId(String originalPatientId) {
    byte[] h = Arrays.copyOf(key.hmac("pid", clean(originalPatientId)), 10);
    return prefix + Base32.encode(h);
  }

  /** The pseudonymous Patient's Name (PN): family name ANON, given name the pseudonym. */
  public String patientName(String originalPatientId) {
    return "ANON^" + patientId(originalPatientId);
  }

  static String clean(String s) {
    if (s == null) {
      return "";
    }
    return s.replaceAll("[\\s\\x00]+$", "").replaceAll("^ +", "");
  }
}
