package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.DicomDictionary;
import org.sinfonia.core.dicom.DictionaryEntry;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.privacy.Decision.Action;

class DeidentifierTest {

  static final SiteKey KEY = KeyedMappingTest.KEY;
  static final PrivacyPolicy.Options BASIC = PrivacyPolicy.Options.DEFAULTS;

  static PrivacyPolicy.Options opts(
      boolean patientChars,
      boolean device,
      boolean modifiedDates,
      boolean uids,
      boolean safePrivate,
      boolean cleanDescriptors) {
    return new PrivacyPolicy.Options(
        patientChars,
        device,
        modifiedDates,
        uids,
        safePrivate,
        List.of(new PrivacyPolicy.SafePrivateTag(0x0019, "ACME 1.0", 0x08)),
        cleanDescriptors,
        false,
        false);
  }

  static Decision decide(PrivacyPolicy.Options o, PrivacyElement e) {
    return new Deidentifier(o, KEY).forInstance("PID-445566").decide(e);
  }

  @Test
  void basicProfileOnTheKeyAttributes() {
    Deidentifier.Instance d = new Deidentifier(BASIC, KEY).forInstance("PID-445566");
    Pseudonymizer p = new Pseudonymizer(KEY);
    UidMapper u = new UidMapper(KEY);
    assertEquals(
        new Decision(Action.PSEUDONYMIZE, p.patientId("PID-445566")),
        d.decide(PrivacyElement.text(0x00100020, Vr.LO, "PID-445566")));
    assertEquals(
        new Decision(Action.PSEUDONYMIZE, p.patientName("PID-445566")),
        d.decide(PrivacyElement.text(0x00100010, Vr.PN, "Garcia^Maria")));
    assertEquals(
        Action.EMPTY, d.decide(PrivacyElement.text(0x00100030, Vr.DA, "19610704")).action());
    assertEquals(Action.EMPTY, d.decide(PrivacyElement.text(0x00080050, Vr.SH, "ACC1")).action());
    assertEquals(Action.EMPTY, d.decide(PrivacyElement.text(0x00080080, Vr.LO, "Hosp")).action());
    assertEquals(Action.EMPTY, d.decide(PrivacyElement.text(0x00080090, Vr.PN, "Dr^X")).action());
    assertEquals(
        Action.EMPTY, d.decide(PrivacyElement.text(0x00080020, Vr.DA, "20240101")).action());
    assertEquals(Action.EMPTY, d.decide(PrivacyElement.text(0x00081070, Vr.PN, "Op^A")).action());
    assertEquals(Action.EMPTY, d.decide(PrivacyElement.text(0x00181000, Vr.LO, "SN1")).action());
    assertEquals(Action.REMOVE, d.decide(PrivacyElement.text(0x0008103E, Vr.LO, "Head")).action());
    assertEquals(Action.REMOVE, d.decide(PrivacyElement.text(0x00101010, Vr.AS, "061Y")).action());
    assertEquals(
        new Decision(Action.REPLACE_UID, u.map("1.2.3.9")),
        d.decide(PrivacyElement.text(0x0020000D, Vr.UI, "1.2.3.9")));
    assertEquals(
        Action.KEEP,
        d.decide(PrivacyElement.text(0x00080016, Vr.UI, "1.2.840.10008.5.1.4.1.1.2")).action());
    assertEquals(
        Action.KEEP, d.decide(PrivacyElement.binary(0x7FE00010, Vr.OW, List.of(), 8)).action());
    assertEquals(Action.KEEP, d.decide(PrivacyElement.text(0x00280010, Vr.US, null)).action());
    // D: dummy value valid for the VR
    assertEquals(
        new Decision(Action.REPLACE, "ANONYMOUS"),
        d.decide(PrivacyElement.text(0x0040A123, Vr.PN, "Observer^Olga")));
    // sequences: keep and descend (references), empty (D/Z), remove (X)
    assertEquals(Action.KEEP, d.decide(PrivacyElement.sequence(0x00081140, List.of(), 1)).action());
    assertEquals(
        Action.EMPTY, d.decide(PrivacyElement.sequence(0x0040A730, List.of(), 3)).action());
    assertEquals(
        Action.REMOVE, d.decide(PrivacyElement.sequence(0x00101002, List.of(), 1)).action());
    assertEquals(
        Action.REMOVE, d.decide(PrivacyElement.sequence(0x00880200, List.of(), 1)).action());
  }

  @Test
  void referencesInsideSequencesMapLikeTheTopLevel() {
    Deidentifier.Instance a = new Deidentifier(BASIC, KEY).forInstance("P1");
    Deidentifier.Instance b = new Deidentifier(BASIC, KEY).forInstance("P1");
    String sop = "1.2.826.0.1.3680043.2.1.7";
    Decision top = a.decide(PrivacyElement.text(0x00080018, Vr.UI, sop));
    Decision meta = a.decide(PrivacyElement.text(0x00020003, Vr.UI, sop));
    Decision ref =
        b.decide(
            PrivacyElement.text(
                0x00081155, Vr.UI, List.of(new PathStep(0x00081140, 0)), sop + "\0"));
    assertEquals(top.value(), ref.value());
    assertEquals(top.value(), meta.value());
    assertNotEquals(sop, top.value());
  }

  @Test
  void retainUidsKeepsNestedReferences() {
    Deidentifier.Instance d =
        new Deidentifier(opts(false, false, false, true, false, false), KEY).forInstance("P1");
    List<PathStep> inRef = List.of(new PathStep(0x00081140, 0));
    assertEquals(Action.KEEP, d.decide(PrivacyElement.sequence(0x00081140, List.of(), 1)).action());
    assertEquals(
        Action.KEEP, d.decide(PrivacyElement.text(0x00081155, Vr.UI, inRef, "1.2.3")).action());
    assertEquals(Action.KEEP, d.decide(PrivacyElement.text(0x00080018, Vr.UI, "1.2.3")).action());
  }

  /** Each option changes exactly the rows whose column for it in E.1-1 differs from the basic. */
  @Test
  void eachOptionChangesExactlyTheRowsItShould() {
    Map<ConfidentialityOption, PrivacyPolicy.Options> single =
        Map.of(
            ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS,
                opts(true, false, false, false, false, false),
            ConfidentialityOption.RETAIN_DEVICE_IDENTITY,
                opts(false, true, false, false, false, false),
            ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
                opts(false, false, true, false, false, false),
            ConfidentialityOption.RETAIN_UIDS, opts(false, false, false, true, false, false),
            ConfidentialityOption.CLEAN_DESCRIPTORS, opts(false, false, false, false, false, true));
    List<PrivacyElement> elements = new ArrayList<>();
    for (ProfileAttribute row : ConfidentialityProfile.standard().rows()) {
      if (row.pattern().indexOf('x') >= 0 || row.pattern().equals("(gggg,eeee)")) {
        continue;
      }
      elements.add(sample(ConfidentialityProfile.parseTag(row.pattern())));
    }
    for (Map.Entry<ConfidentialityOption, PrivacyPolicy.Options> e : single.entrySet()) {
      Set<String> expected = new TreeSet<>();
      for (ProfileAttribute row : ConfidentialityProfile.standard().rows()) {
        ProfileAction under = row.under(e.getKey());
        // X/Z/U* -> K on a sequence: both keep it and descend; the difference is in the UIDs
        // inside (referencesInsideSequences... and retainUidsKeepsNestedReferences check it).
        boolean bothDescend = row.basic() == ProfileAction.X_Z_U && under == ProfileAction.K;
        // C on a binary value (Maker Note, Device Setting Description are OB) cannot be cleaned:
        // removed, like X.
        boolean binaryClean =
            under == ProfileAction.C
                && row.basic() == ProfileAction.X
                && row.pattern().indexOf('x') < 0
                && !row.pattern().equals("(gggg,eeee)")
                && sample(ConfidentialityProfile.parseTag(row.pattern())).text() == null
                && sample(ConfidentialityProfile.parseTag(row.pattern())).vr() != Vr.SQ;
        if (under != null
            && under != row.basic()
            && !bothDescend
            && !binaryClean
            && row.pattern().indexOf('x') < 0
            && !row.pattern().equals("(gggg,eeee)")) {
          expected.add(row.pattern());
        }
      }
      Set<String> changed = new TreeSet<>();
      Deidentifier.Instance basic = new Deidentifier(BASIC, KEY).forInstance("P9", List.of("Zed"));
      Deidentifier.Instance withOption =
          new Deidentifier(e.getValue(), KEY).forInstance("P9", List.of("Zed"));
      for (PrivacyElement el : elements) {
        if (!basic.decide(el).equals(withOption.decide(el))) {
          changed.add(Tags.format(el.tag()));
        }
      }
      assertFalse(expected.isEmpty(), e.getKey().name());
      assertEquals(expected, changed, e.getKey().name());
    }
  }

  private static PrivacyElement sample(int tag) {
    Vr vr = DicomDictionary.standard().lookup(tag).map(DictionaryEntry::vr).orElse(Vr.LO);
    return switch (vr) {
      case SQ -> PrivacyElement.sequence(tag, List.of(), 1);
      case UI -> PrivacyElement.text(tag, vr, "1.2.3." + (tag & 0xFFFF));
      case DA -> PrivacyElement.text(tag, vr, "20200115");
      case DT -> PrivacyElement.text(tag, vr, "20200115101010");
      case TM -> PrivacyElement.text(tag, vr, "101010");
      case OB, OW, OF, OD, OL, OV, UN, US, SS, UL, SL, FL, FD, AT, UV, SV ->
          PrivacyElement.binary(tag, vr, List.of(), 4);
      default -> PrivacyElement.text(tag, vr, "Zed value 7");
    };
  }

  @Test
  void modifiedDatesShiftDaAndDtAndKeepTm() {
    Deidentifier.Instance d =
        new Deidentifier(opts(false, false, true, false, false, false), KEY).forInstance("P1");
    int shift = new DateShifter(KEY).shiftDays("P1");
    assertEquals(shift, d.shiftDays());
    DateShifter s = new DateShifter(KEY);
    assertEquals(
        new Decision(Action.SHIFT_DATE, s.shiftDa("20240115", shift).value()),
        d.decide(PrivacyElement.text(0x00080020, Vr.DA, "20240115")));
    assertEquals(
        new Decision(Action.SHIFT_DATE, s.shiftDt("20240115083000+0100", shift).value()),
        d.decide(PrivacyElement.text(0x0008002A, Vr.DT, "20240115083000+0100")));
    assertEquals(Action.KEEP, d.decide(PrivacyElement.text(0x00080030, Vr.TM, "083000")).action());
    assertEquals(Action.KEEP, d.decide(PrivacyElement.text(0x00080201, Vr.SH, "+0100")).action());
    // birth date is not a longitudinal date: still emptied
    assertEquals(
        Action.EMPTY, d.decide(PrivacyElement.text(0x00100030, Vr.DA, "19610704")).action());
    Decision bad = d.decide(PrivacyElement.text(0x00080021, Vr.DA, "2024-01-15"));
    assertEquals(new Decision(Action.SHIFT_DATE, DateShifter.DUMMY_DATE), bad);
    Deidentifier.Report r = d.report();
    assertEquals(List.of("(0008,0021)"), r.invalidDates());
    assertTrue(r.datesShifted());
    assertEquals(3, r.counts().get(Action.SHIFT_DATE));
    Deidentifier.Instance other =
        new Deidentifier(opts(false, false, true, false, false, false), KEY).forInstance("P2");
    assertNotEquals(d.shiftDays(), other.shiftDays());
  }

  @Test
  void cleanDescriptorsRemovesTheIdentifyingWords() {
    Deidentifier.Instance d =
        new Deidentifier(opts(false, false, false, false, false, true), KEY)
            .forInstance("PID-445566", List.of("Garcia^Maria", "ACC778899"));
    Decision c =
        d.decide(PrivacyElement.text(0x00081030, Vr.LO, "CT head Maria GARCIA acc ACC778899"));
    assertEquals(new Decision(Action.CLEAN, "CT head * * acc *"), c);
    assertEquals(
        new Decision(Action.CLEAN, "follow-up of *"),
        d.decide(PrivacyElement.text(0x0008103E, Vr.LO, "follow-up of 445566")));
  }

  @Test
  void privateAttributesGoUnlessOnTheSafeList() {
    PrivacyElement creator = PrivacyElement.text(0x00190010, Vr.LO, "ACME 1.0");
    PrivacyElement safe = PrivacyElement.text(0x00191008, Vr.DS, "1.5");
    PrivacyElement unsafe = PrivacyElement.text(0x00191009, Vr.LO, "secret");
    PrivacyElement otherCreator = PrivacyElement.text(0x00190011, Vr.LO, "OTHER");
    PrivacyElement sameOffsetOtherBlock = PrivacyElement.text(0x00191108, Vr.DS, "2");
    Deidentifier.Instance basic = new Deidentifier(BASIC, KEY).forInstance("P");
    for (PrivacyElement e : List.of(creator, safe, unsafe, otherCreator, sameOffsetOtherBlock)) {
      assertEquals(Action.REMOVE, basic.decide(e).action(), Tags.format(e.tag()));
    }
    Deidentifier.Instance rsp =
        new Deidentifier(opts(false, false, false, false, true, false), KEY).forInstance("P");
    assertEquals(Action.KEEP, rsp.decide(creator).action());
    assertEquals(Action.REMOVE, rsp.decide(otherCreator).action());
    assertEquals(Action.KEEP, rsp.decide(safe).action());
    assertEquals(Action.REMOVE, rsp.decide(unsafe).action());
    assertEquals(Action.REMOVE, rsp.decide(sameOffsetOtherBlock).action());
    // a safe element without its creator in the same dataset is not safe
    Deidentifier.Instance fresh =
        new Deidentifier(opts(false, false, false, false, true, false), KEY).forInstance("P");
    assertEquals(
        Action.REMOVE,
        fresh
            .decide(
                new PrivacyElement(0x00191008, Vr.DS, List.of(new PathStep(0x00081140, 0)), "1", 1))
            .action());
  }

  @Test
  void additionsNameTheProfileAndOptions() {
    PrivacyPolicy.Options o = opts(true, true, true, false, true, true);
    Deidentifier deid = new Deidentifier(o, KEY);
    Deidentifier.Instance d = deid.forInstance("P");
    assertEquals(Action.REMOVE, d.decide(PrivacyElement.text(0x00120062, Vr.CS, "NO")).action());
    List<AddedElement> add = d.additions();
    assertEquals(
        List.of(0x00120062, 0x00120063, 0x00120064, 0x00280303),
        add.stream().map(AddedElement::tag).toList());
    assertEquals("YES", add.get(0).value());
    String method = add.get(1).value();
    assertTrue(method.length() <= 64, method);
    assertEquals("Sinfonia PS3.15 Basic Profile; RSP RDI RPC RLTMD CD", method);
    List<String> codes = add.get(2).items().stream().map(item -> item.get(0).value()).toList();
    assertEquals(List.of("113100", "113111", "113109", "113108", "113107", "113105"), codes);
    assertEquals("DCM", add.get(2).items().get(0).get(1).value());
    assertEquals(
        "Basic Application Confidentiality Profile", add.get(2).items().get(0).get(2).value());
    assertEquals("MODIFIED", add.get(3).value());
    assertEquals(
        "REMOVED", new Deidentifier(BASIC, KEY).forInstance("P").additions().get(3).value());
    assertFalse(codes.contains(ConfidentialityOption.CLEAN_PIXEL_DATA_CODE));
    assertEquals(
        EnumSet.of(
            ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS,
            ConfidentialityOption.RETAIN_DEVICE_IDENTITY,
            ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
            ConfidentialityOption.RETAIN_SAFE_PRIVATE,
            ConfidentialityOption.CLEAN_DESCRIPTORS),
        deid.activeOptions());
  }

  @Test
  void pseudonymTableOnlyWhenThePolicyKeepsOne() {
    List<String> recorded = new ArrayList<>();
    PseudonymSink sink = (pseudonym, original) -> recorded.add(pseudonym + "=" + original);
    ConfidentialityProfile t = ConfidentialityProfile.standard();
    new Deidentifier(
            BASIC, t, new UidMapper(KEY), new Pseudonymizer(KEY), new DateShifter(KEY), sink)
        .forInstance("PID-1");
    assertTrue(recorded.isEmpty());
    PrivacyPolicy.Options keep =
        new PrivacyPolicy.Options(false, false, false, false, false, null, false, false, true);
    new Deidentifier(
            keep, t, new UidMapper(KEY), new Pseudonymizer(KEY), new DateShifter(KEY), sink)
        .forInstance("PID-1 ");
    assertEquals(List.of(new Pseudonymizer(KEY).patientId("PID-1") + "=PID-1"), recorded);
  }

  @Test
  void reportHoldsCountsAndLocationsOnly() {
    Deidentifier.Instance d =
        new Deidentifier(opts(false, false, true, false, false, false), KEY).forInstance("P1");
    d.decide(PrivacyElement.text(0x00100010, Vr.PN, "Garcia^Maria"));
    d.decide(
        PrivacyElement.text(0x00080020, Vr.DA, List.of(new PathStep(0x00081110, 0)), "20241301"));
    String report = d.report().toString();
    assertFalse(report.contains("Garcia"));
    assertFalse(report.contains("20241301"));
    assertTrue(report.contains("(0008,1110)[0]>(0008,0020)"), report);
  }
}
