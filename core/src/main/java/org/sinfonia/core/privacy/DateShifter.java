package org.sinfonia.core.privacy;

import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One date shift per pseudonymous patient, derived from the site key and the original Patient ID: a
 * whole number of days in [-maxDays, -1] or [1, maxDays] (never 0), the same for every file of the
 * patient on every node sharing the key, different (almost always) between patients.
 *
 * <p>DA values are shifted; DT values have their date part shifted and keep the time and the UTC
 * offset as they are (a shift by whole days moves no clock time); partial DT (YYYY, YYYYMM) is
 * shifted as the first day of that period and written with the same precision. TM is left as is: a
 * time of day without its date does not say when. Invalid values (not a calendar date, wrong
 * length, stray characters) are replaced by the dummy {@value #DUMMY_DATE} and reported as invalid;
 * nothing throws.
 */
public final class DateShifter {

  public static final int DEFAULT_MAX_DAYS = 365;
  public static final String DUMMY_DATE = "19000101";

  private static final Pattern DT =
      Pattern.compile(
          "(\\d{4})(\\d{2})?(\\d{2})?((?:\\d{2}(?:\\d{2}(?:\\d{2}(?:\\.\\d{1,6})?)?)?)?)"
              + "([+-]\\d{4})?");

  private final SiteKey key;
  private final int maxDays;

  public DateShifter(SiteKey key) {
    this(key, DEFAULT_MAX_DAYS);
  }

  public DateShifter(SiteKey key, int maxDays) {
    if (maxDays < 1 || maxDays > 3650) {
      throw new IllegalArgumentException("date shift range must be 1 to 3650 days");
    }
    this.key = key;
    this.maxDays = maxDays;
  }

  /** The shift in days for a patient (by original Patient ID). */
  public int shiftDays(String originalPatientId) {
    long v = ByteBuffer.wrap(key.hmac("date", Pseudonymizer.clean(originalPatientId))).getLong();
    int n = (int) Math.floorMod(v, 2L * maxDays); // 0 .. 2*max-1
    return n < maxDays ? n - maxDays : n - maxDays + 1; // -max..-1, 1..max
  }

  /** A shifted value and whether the original was valid. */
  public record Shifted(String value, boolean valid) {}

  /** Shifts a DA value (multi-valued: each value). */
  public Shifted shiftDa(String value, int days) {
    return each(value, days, false);
  }

  /** Shifts a DT value (multi-valued: each value), keeping time and offset. */
  public Shifted shiftDt(String value, int days) {
    return each(value, days, true);
  }

  private Shifted each(String value, int days, boolean dt) {
    String v = value == null ? "" : value.replaceAll("[\\s\\x00]+$", "").replaceAll("^ +", "");
    if (v.isEmpty()) {
      return new Shifted("", true);
    }
    String[] parts = v.split("\\\\", -1);
    StringBuilder b = new StringBuilder();
    boolean valid = true;
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        b.append('\\');
      }
      String p = parts[i].trim();
      if (p.isEmpty()) {
        continue;
      }
      String s = dt ? dt(p, days) : da(p, days);
      if (s == null) {
        valid = false;
        s = DUMMY_DATE;
      }
      b.append(s);
    }
    return new Shifted(b.toString(), valid);
  }

  private static String da(String p, int days) {
    if (p.length() != 8 || !p.chars().allMatch(Character::isDigit)) {
      return null;
    }
    LocalDate d = date(p.substring(0, 4), p.substring(4, 6), p.substring(6, 8));
    return d == null ? null : format(d.plusDays(days), 8);
  }

  private static String dt(String p, int days) {
    Matcher m = DT.matcher(p);
    if (!m.matches()) {
      return null;
    }
    String mm = m.group(2);
    String dd = m.group(3);
    String time = m.group(4);
    String offset = m.group(5) == null ? "" : m.group(5);
    if (mm == null && dd != null) {
      return null;
    }
    if (dd == null && !time.isEmpty()) {
      return null;
    }
    LocalDate d = date(m.group(1), mm == null ? "01" : mm, dd == null ? "01" : dd);
    if (d == null || !validTime(time) || !validOffset(offset)) {
      return null;
    }
    int precision = dd != null ? 8 : mm != null ? 6 : 4;
    return format(d.plusDays(days), precision) + time + offset;
  }

  private static LocalDate date(String y, String m, String d) {
    try {
      return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static boolean validTime(String t) {
    if (t.isEmpty()) {
      return true;
    }
    int hh = Integer.parseInt(t.substring(0, 2));
    int mi = t.length() >= 4 ? Integer.parseInt(t.substring(2, 4)) : 0;
    int ss = t.length() >= 6 ? Integer.parseInt(t.substring(4, 6)) : 0;
    return hh <= 23 && mi <= 59 && ss <= 60;
  }

  private static boolean validOffset(String o) {
    if (o.isEmpty()) {
      return true;
    }
    int hh = Integer.parseInt(o.substring(1, 3));
    int mi = Integer.parseInt(o.substring(3, 5));
    return hh <= 14 && mi <= 59;
  }

  private static String format(LocalDate d, int precision) {
    if (d.getYear() < 0 || d.getYear() > 9999) {
      return DUMMY_DATE.substring(0, precision);
    }
    String s = String.format("%04d%02d%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    return s.substring(0, precision);
  }
}
