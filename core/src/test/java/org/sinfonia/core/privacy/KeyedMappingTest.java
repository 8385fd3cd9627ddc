package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** UidMapper, Pseudonymizer and DateShifter: keyed, deterministic, valid output. */
class KeyedMappingTest {

  static final SiteKey KEY =
      new SiteKey("site-key-for-tests-0123456789".getBytes(StandardCharsets.UTF_8));
  static final SiteKey OTHER =
      new SiteKey("another-site-key-9876543210".getBytes(StandardCharsets.UTF_8));

  @Test
  void keysMustBeLongEnough() {
    assertThrows(IllegalArgumentException.class, () -> new SiteKey(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> new SiteKey(null));
    assertFalse(KEY.toString().contains("site-key"));
  }

  @Test
  void uidMappingIsDeterministicAndKeyed() {
    String study = "1.2.826.0.1.3680043.8.498.12345";
    UidMapper a = new UidMapper(KEY);
    UidMapper b =
        new UidMapper(
            new SiteKey("site-key-for-tests-0123456789".getBytes(StandardCharsets.UTF_8)));
    assertEquals(a.map(study), a.map(study));
    assertEquals(a.map(study), b.map(study)); // another node with the same key
    assertNotEquals(a.map(study), new UidMapper(OTHER).map(study));
    assertNotEquals(a.map(study), a.map(study + "1"));
    assertEquals(a.map(study), a.map(study + "\0")); // UI padding
    assertEquals(a.map(study), a.map(" " + study + " "));
    assertTrue(a.map(study).startsWith("2.25."));
  }

  @Test
  void mappedUidsAreValidAndShort() {
    UidMapper m = new UidMapper(KEY);
    Random r = new Random(19);
    Set<String> out = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String in = "1.2.3." + Math.abs(r.nextLong()) + "." + i;
      String u = m.map(in);
      assertTrue(UidMapper.isValid(u), u);
      assertTrue(u.length() <= 44, u);
      out.add(u);
    }
    assertEquals(2000, out.size());
    assertTrue(UidMapper.isValid(m.map("not a uid at all"))); // garbage in, valid out
    assertTrue(UidMapper.isValid(m.map("")));
    assertFalse(UidMapper.isValid("1.02.3"));
    assertFalse(UidMapper.isValid("1..3"));
    assertFalse(UidMapper.isValid("1.2.a"));
  }

  @Test
  void wellKnownDicomUidsAreKept() {
    UidMapper m = new UidMapper(KEY);
    assertEquals("1.2.840.10008.1.2.1", m.map("1.2.840.10008.1.2.1")); // Explicit VR LE
    assertEquals("1.2.840.10008.5.1.4.1.1.2", m.map("1.2.840.10008.5.1.4.1.1.2\0")); // CT Image
    assertNotEquals("1.2.840.113619.2.1", m.map("1.2.840.113619.2.1")); // a vendor root: mapped
    String multi = m.mapAll("1.2.3\\1.2.840.10008.1.2\\4.5.6");
    String[] parts = multi.split("\\\\");
    assertEquals(3, parts.length);
    assertEquals(m.map("1.2.3"), parts[0]);
    assertEquals("1.2.840.10008.1.2", parts[1]);
  }

  /** Documented: not idempotent, but deterministic, so re-ingesting de-identified files agrees. */
  @Test
  void mappingAMappedUidMapsAgainTheSameWayEveryTime() {
    UidMapper m = new UidMapper(KEY);
    String once = m.map("1.2.3.4");
    assertNotEquals(once, m.map(once));
    assertEquals(m.map(once), m.map(once));
  }

  @Test
  void pseudonymsAreShortKeyedAndDeterministic() {
    Pseudonymizer p = new Pseudonymizer(KEY);
    String id = p.patientId("PAT-0001");
    assertTrue(id.matches("SIN-[A-Z2-7]{16}"), id);
    assertEquals(id, p.patientId("PAT-0001 ")); // LO padding
    assertNotEquals(id, p.patientId("PAT-0002"));
    assertNotEquals(id, new Pseudonymizer(OTHER).patientId("PAT-0001"));
    assertEquals("ANON^" + id, p.patientName("PAT-0001"));
    assertFalse(p.patientName("PAT-0001").contains("0001"));
    assertTrue(new Pseudonymizer(KEY, "CONS_").patientId("x").startsWith("CONS_"));
    assertEquals(16, new Pseudonymizer(KEY, "").patientId("x").length());
    assertThrows(IllegalArgumentException.class, () -> new Pseudonymizer(KEY, "bad prefix"));
  }

  @Test
  void oneShiftPerPatientNeverZero() {
    DateShifter d = new DateShifter(KEY);
    Set<Integer> shifts = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      int s = d.shiftDays("P" + i);
      assertTrue(s != 0 && Math.abs(s) <= 365, "shift " + s);
      assertEquals(s, d.shiftDays("P" + i));
      shifts.add(s);
    }
    assertTrue(shifts.size() > 300, "shifts differ between patients: " + shifts.size());
    assertEquals(d.shiftDays("P1"), new DateShifter(KEY).shiftDays("P1 "));
    int small = new DateShifter(KEY, 1).shiftDays("P1");
    assertTrue(small == 1 || small == -1);
  }

  @Test
  void shiftsDaAndDtKeepingTimeAndOffset() {
    DateShifter d = new DateShifter(KEY);
    DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
    assertEquals(
        LocalDate.of(2020, 2, 28).plusDays(30).format(f), d.shiftDa("20200228", 30).value());
    assertEquals("20200229", d.shiftDa("20200301", -1).value()); // leap day
    assertEquals("20191231", d.shiftDa("20200101 ", -1).value());
    DateShifter.Shifted dt = d.shiftDt("20200131235959.123456+0100", 1);
    assertTrue(dt.valid());
    assertEquals("20200201235959.123456+0100", dt.value());
    assertEquals("20200201-0500", d.shiftDt("20200131-0500", 1).value());
    assertEquals("202003", d.shiftDt("202002", 29).value()); // 1 Feb + 29 days = 1 Mar
    assertEquals("2021", d.shiftDt("2020", 366).value());
    assertEquals("20200102\\20200103", d.shiftDa("20200101\\20200102", 1).value());
  }

  @Test
  void invalidDatesBecomeTheDummyAndAreReported() {
    DateShifter d = new DateShifter(KEY);
    for (String bad :
        new String[] {"20201340", "2020-01-01", "abc", "2020010", "20200230", "2020.01.01"}) {
      DateShifter.Shifted s = d.shiftDa(bad, 10);
      assertFalse(s.valid(), bad);
      assertEquals(DateShifter.DUMMY_DATE, s.value(), bad);
    }
    for (String bad : new String[] {"20200101250000", "202001011", "20200101+2500", "2020xx"}) {
      DateShifter.Shifted s = d.shiftDt(bad, 10);
      assertFalse(s.valid(), bad);
      assertEquals(DateShifter.DUMMY_DATE, s.value(), bad);
    }
    assertTrue(d.shiftDa("", 10).valid());
    assertEquals("", d.shiftDa(null, 10).value());
    DateShifter.Shifted mixed = d.shiftDa("20200101\\garbage", 1);
    assertFalse(mixed.valid());
    assertEquals("20200102\\" + DateShifter.DUMMY_DATE, mixed.value());
  }
}
