package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.Vr;

class FindingsCollectorTest {

  static final List<PathStep> IN_REFERENCED = List.of(new PathStep(0x00081140, 0));
  static final List<PathStep> IN_OTHER_IDS = List.of(new PathStep(0x00101002, 1));

  /** A header with identifying values at several levels; returns the values used. */
  static List<String> feedIdentifying(FindingsCollector c) {
    c.accept(PrivacyElement.text(0x00080016, Vr.UI, "1.2.840.10008.5.1.4.1.1.2"));
    c.accept(PrivacyElement.text(0x00080018, Vr.UI, "1.2.3.4.5.6.7"));
    c.accept(PrivacyElement.text(0x00080020, Vr.DA, "20240229"));
    c.accept(PrivacyElement.text(0x00080050, Vr.SH, "ACC778899"));
    c.accept(PrivacyElement.text(0x00080080, Vr.LO, "Hospital Universitario Ficticio"));
    c.accept(PrivacyElement.text(0x00080090, Vr.PN, "Referrer^Rita"));
    c.accept(PrivacyElement.sequence(0x00081140, List.of(), 1));
    c.accept(PrivacyElement.text(0x00081155, Vr.UI, IN_REFERENCED, "1.2.3.4.5.6.8"));
    c.accept(PrivacyElement.text(0x00100010, Vr.PN, "Garcia^Maria"));
    c.accept(PrivacyElement.text(0x00100020, Vr.LO, "PID-445566"));
    c.accept(PrivacyElement.text(0x00100030, Vr.DA, "19610704"));
    c.accept(PrivacyElement.sequence(0x00101002, List.of(), 2));
    c.accept(PrivacyElement.text(0x00100020, Vr.LO, IN_OTHER_IDS, "OTHER-ID-1"));
    c.accept(PrivacyElement.text(0x00181000, Vr.LO, "SN-12345"));
    c.accept(PrivacyElement.text(0x00190010, Vr.LO, "ACME PRIVATE"));
    c.accept(PrivacyElement.text(0x00191001, Vr.LO, "Maria's secret"));
    c.accept(PrivacyElement.binary(0x7FE00010, Vr.OW, List.of(), 1024));
    return List.of(
        "20240229",
        "ACC778899",
        "Ficticio",
        "Referrer",
        "Garcia",
        "Maria",
        "PID-445566",
        "19610704",
        "OTHER-ID-1",
        "SN-12345",
        "secret",
        "1.2.3.4.5.6.7",
        "1.2.3.4.5.6.8");
  }

  @Test
  void findsProfileAttributesAtEveryLevel() {
    FindingsCollector c = new FindingsCollector();
    feedIdentifying(c);
    Findings f = c.result();
    Set<String> locations = f.all().stream().map(Finding::location).collect(Collectors.toSet());
    assertTrue(locations.contains("(0010,0010)"), locations.toString());
    assertTrue(locations.contains("(0010,1002)[1]>(0010,0020)"), locations.toString());
    assertTrue(locations.contains("(0008,1140)[0]>(0008,1155)"), locations.toString());
    assertTrue(locations.contains("(0019,0010)"));
    assertTrue(locations.contains("(0019,1001)"));
    assertFalse(locations.contains("(0008,0016)")); // SOP Class UID: not in the table
    assertFalse(locations.contains("(7FE0,0010)"));
    Finding name =
        f.all().stream().filter(x -> x.location().equals("(0010,0010)")).findFirst().orElseThrow();
    assertEquals("PatientName", name.keyword());
    assertEquals("Z", name.action());
    assertEquals(Finding.Kind.PROFILE_ATTRIBUTE, name.kind());
    assertEquals(ProfileAttribute.Category.IDENTIFYING, name.category());
    Finding nested =
        f.all().stream()
            .filter(x -> x.depth() == 1 && x.tag().equals("(0010,0020)"))
            .findFirst()
            .orElseThrow();
    assertEquals("PatientID", nested.keyword());
    assertTrue(f.identifying());
    assertFalse(f.declaresDeidentified());
    assertEquals(
        2, f.all().stream().filter(x -> x.kind() == Finding.Kind.PRIVATE_ATTRIBUTE).count());
  }

  @Test
  void findingsNeverContainTheValues() {
    FindingsCollector c = new FindingsCollector();
    List<String> values = feedIdentifying(c);
    String stored = c.result().toMap().toString() + c.result().all();
    for (String v : values) {
      assertFalse(stored.contains(v), "leaks " + v + ": " + stored);
    }
  }

  @Test
  void emptyValuesAreNotFindings() {
    FindingsCollector c = new FindingsCollector();
    c.accept(PrivacyElement.text(0x00100010, Vr.PN, ""));
    c.accept(PrivacyElement.text(0x00100020, Vr.LO, "  "));
    c.accept(PrivacyElement.text(0x00080090, Vr.PN, "\\"));
    c.accept(PrivacyElement.sequence(0x00081140, List.of(), 0));
    c.accept(PrivacyElement.binary(0x00191010, Vr.OB, List.of(), 0));
    assertTrue(c.result().all().isEmpty(), c.result().all().toString());
    assertFalse(c.result().identifying());
  }

  @Test
  void uidsAloneDoNotMakeAFileIdentifying() {
    FindingsCollector c = new FindingsCollector();
    c.accept(PrivacyElement.text(0x00080018, Vr.UI, "1.2.3"));
    c.accept(PrivacyElement.text(0x0020000D, Vr.UI, "1.2.4"));
    Findings f = c.result();
    assertEquals(2, f.all().size());
    assertTrue(f.blocking().isEmpty());
    assertFalse(f.identifying());
  }

  @Test
  void burnedInAndDeclarationsAreRecorded() {
    FindingsCollector c = new FindingsCollector();
    c.accept(PrivacyElement.text(0x00080020, Vr.DA, "20240101"));
    c.accept(PrivacyElement.text(0x00120062, Vr.CS, "YES "));
    c.accept(PrivacyElement.text(0x00120063, Vr.LO, "Some Tool 1.0"));
    c.accept(PrivacyElement.sequence(0x00120064, List.of(), 2));
    List<PathStep> item0 = List.of(new PathStep(0x00120064, 0));
    List<PathStep> item1 = List.of(new PathStep(0x00120064, 1));
    c.accept(PrivacyElement.text(0x00080100, Vr.SH, item0, "113100"));
    c.accept(PrivacyElement.text(0x00080102, Vr.SH, item0, "DCM"));
    c.accept(PrivacyElement.text(0x00080100, Vr.SH, item1, "113107"));
    c.accept(PrivacyElement.text(0x00280301, Vr.CS, "YES"));
    Findings f = c.result();
    assertTrue(f.burnedIn());
    assertTrue(f.identityRemovedDeclared());
    assertTrue(f.methodDeclared());
    assertTrue(f.declaresDeidentified());
    assertTrue(f.basicProfileDeclared());
    assertEquals(
        Set.of(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES), f.declaredOptions());
    assertTrue(f.blocking().isEmpty(), "dates excused by the declared 113107: " + f.blocking());
    assertFalse(f.toMap().toString().contains("Some Tool"));
    assertEquals(List.of("113107"), f.summary().get("declaredOptions"));
  }

  @Test
  void aDeclaredFileIsStillCheckedForWhatItsOptionsDoNotRetain() {
    FindingsCollector c = new FindingsCollector();
    c.accept(PrivacyElement.text(0x00100010, Vr.PN, "Still^Here"));
    c.accept(PrivacyElement.text(0x00080020, Vr.DA, "20240101"));
    c.accept(PrivacyElement.text(0x00120062, Vr.CS, "YES"));
    c.accept(PrivacyElement.text(0x00120063, Vr.LO, "x"));
    Findings f = c.result();
    assertTrue(f.declaresDeidentified());
    assertEquals(
        Set.of("(0010,0010)", "(0008,0020)"),
        f.blocking().stream().map(Finding::tag).collect(Collectors.toSet()));
  }

  @Test
  void findingsPastTheListLimitStillCount() {
    FindingsCollector c = new FindingsCollector();
    for (int i = 0; i < FindingsCollector.MAX_LISTED; i++) {
      c.accept(
          PrivacyElement.text(0x00081155, Vr.UI, List.of(new PathStep(0x00081140, i)), "1.2." + i));
    }
    c.accept(PrivacyElement.text(0x00100010, Vr.PN, "Late^Name"));
    Findings f = c.result();
    assertEquals(FindingsCollector.MAX_LISTED, f.all().size());
    assertEquals(1, c.dropped());
    assertTrue(f.blocking().isEmpty());
    assertTrue(f.identifying(), "the unlisted name still counts");
    assertEquals(FindingsCollector.MAX_LISTED + 1, f.summary().get("findings"));
  }

  @Test
  void theGateAppliesThePolicies() {
    FindingsCollector c = new FindingsCollector();
    feedIdentifying(c);
    Findings identifying = c.result();
    Findings clean = new FindingsCollector().result();
    PrivacyPolicy accept = new PrivacyPolicy(PrivacyPolicy.Kind.ACCEPT, null);
    PrivacyPolicy flag = new PrivacyPolicy(PrivacyPolicy.Kind.FLAG, null);
    PrivacyPolicy reject = new PrivacyPolicy(PrivacyPolicy.Kind.REJECT, null);
    PrivacyPolicy deid = new PrivacyPolicy(PrivacyPolicy.Kind.DEIDENTIFY, null);
    assertEquals(PrivacyGate.Verdict.STORE, PrivacyGate.decide(accept, identifying).verdict());
    assertEquals(
        PrivacyGate.Verdict.STORE_FLAGGED, PrivacyGate.decide(flag, identifying).verdict());
    assertEquals(PrivacyGate.Verdict.STORE, PrivacyGate.decide(flag, clean).verdict());
    PrivacyGate.Outcome refused = PrivacyGate.decide(reject, identifying);
    assertEquals(PrivacyGate.Verdict.REFUSE_IDENTIFYING, refused.verdict());
    assertEquals("IDENTIFYING_DATA", refused.reason());
    assertEquals(PrivacyGate.Verdict.STORE, PrivacyGate.decide(reject, clean).verdict());
    assertEquals(PrivacyGate.Verdict.DEIDENTIFY, PrivacyGate.decide(deid, identifying).verdict());
    FindingsCollector burned = new FindingsCollector();
    burned.accept(PrivacyElement.text(0x00280301, Vr.CS, "YES"));
    assertEquals(
        PrivacyGate.Verdict.REFUSE_BURNED_IN, PrivacyGate.decide(deid, burned.result()).verdict());
    PrivacyPolicy allow =
        new PrivacyPolicy(
            PrivacyPolicy.Kind.DEIDENTIFY,
            new PrivacyPolicy.Options(false, false, false, false, false, null, false, true, false));
    assertEquals(
        PrivacyGate.Verdict.DEIDENTIFY, PrivacyGate.decide(allow, burned.result()).verdict());
  }
}
