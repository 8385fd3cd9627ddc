package org.sinfonia.core.privacy;

/**
 * What to do with one element. {@code value} is the new text value for {@link Action#REPLACE},
 * {@link Action#CLEAN}, {@link Action#REPLACE_UID}, {@link Action#SHIFT_DATE} and {@link
 * Action#PSEUDONYMIZE}; null otherwise. For a sequence, {@link Action#KEEP} means "keep it and
 * decide on each element of its items"; {@link Action#EMPTY} means "keep it with no items".
 */
public record Decision(Action action, String value) {

  /** The actions a writer's element editor has to carry out. */
  public enum Action {
    /** Keep unchanged (sequences: descend and decide per element). */
    KEEP,
    /** Remove the element (sequences: with all items). */
    REMOVE,
    /** Keep the element with a zero-length value (sequences: no items). */
    EMPTY,
    /** Replace with a dummy value valid for the VR. */
    REPLACE,
    /** Replace with the cleaned text (identifying words removed). */
    CLEAN,
    /** Replace the UID(s) through {@link UidMapper}. */
    REPLACE_UID,
    /** Replace with the shifted date (DA) or date-time (DT) through {@link DateShifter}. */
    SHIFT_DATE,
    /** Replace Patient ID or Patient's Name with the pseudonym from {@link Pseudonymizer}. */
    PSEUDONYMIZE
  }

  static final Decision KEEP = new Decision(Action.KEEP, null);
  static final Decision REMOVE = new Decision(Action.REMOVE, null);
  static final Decision EMPTY = new Decision(Action.EMPTY, null);

  static Decision with(Action action, String value) {
    return new Decision(action, value);
  }
}
