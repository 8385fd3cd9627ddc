package org.sinfonia.core.fsck;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a consistency check found: per check, how many things it looked at, and each problem, one
 * line each as it is found ({@code PROBLEM check kind id: what}); with repairs, each fix ({@code
 * FIXED ...}), each one that had settled by itself when looked at again ({@code SETTLED ...}: a
 * live node's write in progress) and each problem left ({@code LEFT ...}). The exit status: 0 when
 * nothing is left wrong, 1 otherwise.
 */
public final class FsckReport {

  /** One problem; {@code fixable} when a repair can set it right without guessing. */
  public record Problem(String check, String id, String message, boolean fixable) {
    public String line() {
      return check + " " + id + ": " + message;
    }
  }

  private final PrintStream out;
  private final Map<String, Long> checked = new LinkedHashMap<>();
  private final Map<String, Long> found = new LinkedHashMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private long fixed;
  private long settled;
  private long left;

  public FsckReport(PrintStream out) {
    this.out = out;
  }

  /** Declares a check (so it is listed even when it had nothing to look at). */
  public void begin(String check) {
    checked.putIfAbsent(check, 0L);
    found.putIfAbsent(check, 0L);
  }

  public void checked(String check, long n) {
    checked.merge(check, n, Long::sum);
    found.putIfAbsent(check, 0L);
  }

  public Problem problem(String check, String id, String message, boolean fixable) {
    Problem p = new Problem(check, id, message, fixable);
    problems.add(p);
    found.merge(check, 1L, Long::sum);
    checked.putIfAbsent(check, 0L);
    out.println("PROBLEM " + p.line());
    return p;
  }

  /** A repair set {@code p} right; {@code how} says what was written. */
  public void fixed(Problem p, String how) {
    fixed++;
    out.println("FIXED " + p.line() + " -> " + how);
  }

  /**
   * Looked at again before repairing, {@code p} was right by then: a write in progress on a live
   * node when it was read, not a problem.
   */
  public void settled(Problem p) {
    settled++;
    out.println("SETTLED " + p.line() + " (right by now: a write was in progress)");
  }

  /** {@code p} stays as it is; {@code why} says why, and what an operator can do. */
  public void left(Problem p, String why) {
    left++;
    out.println("LEFT " + p.line() + " (" + why + ")");
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }

  public long problemCount() {
    return problems.size();
  }

  /** Prints one line per check and a total; returns the exit status. */
  public int summary(boolean repaired) {
    checked.forEach(
        (check, n) ->
            out.println(
                "check " + check + ": " + n + " checked, " + found.get(check) + " problems"));
    long remaining = repaired ? left : problems.size();
    if (repaired) {
      out.println("fsck: " + problems.size() + " problems, " + fixed + " fixed, " + left + " left");
    } else {
      out.println("fsck: " + problems.size() + " problems");
    }
    return remaining == 0 ? 0 : 1;
  }
}
