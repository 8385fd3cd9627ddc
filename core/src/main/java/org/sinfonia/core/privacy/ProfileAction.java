package org.sinfonia.core.privacy;

import java.util.Locale;

/**
 * The action codes of PS3.15 Table E.1-1. The composite codes say "the first unless the next is
 * needed to keep the IOD valid"; Sinfonia does not know the IOD type of every attribute, so {@link
 * Deidentifier} resolves them as documented in docs/privacy.md.
 */
public enum ProfileAction {
  /** Replace with a non-zero length dummy value consistent with the VR. */
  D("D"),
  /** Replace with a zero-length value (or a dummy). */
  Z("Z"),
  /** Remove. */
  X("X"),
  /** Keep (sequences: keep and apply the rules to their items). */
  K("K"),
  /** Clean: replace with values of similar meaning known not to identify. */
  C("C"),
  /** Replace with a non-zero length UID, consistent within a set of instances. */
  U("U"),
  Z_D("Z/D"),
  X_Z("X/Z"),
  X_D("X/D"),
  X_Z_D("X/Z/D"),
  /** X unless Z or replacing the contained instance UIDs is needed (sequences of references). */
  X_Z_U("X/Z/U*");

  private final String code;

  ProfileAction(String code) {
    this.code = code;
  }

  /** The code as printed in the standard, e.g. {@code X/Z/D}. */
  public String code() {
    return code;
  }

  /** Parses a code as printed in the standard ({@code X/Z/U} is accepted without the star). */
  public static ProfileAction parse(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    if (c.equals("X/Z/U")) {
      return X_Z_U;
    }
    for (ProfileAction a : values()) {
      if (a.code.equals(c)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown PS3.15 action code: " + code);
  }
}
