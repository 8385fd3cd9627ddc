package org.sinfonia.core.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.error.ApiError;

class QidoQueryTest {

  private static QidoQuery parse(String query, DicomLevel level) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      params
          .computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new java.util.ArrayList<>())
          .add(eq < 0 ? "" : pair.substring(eq + 1));
    }
    return QidoQuery.parse(params, level, 1000);
  }

  private static boolean matches(String query, Map<String, List<String>> data) {
    return parse(query, DicomLevel.STUDY).matches(data::get);
  }

  private static final Map<String, List<String>> STUDY =
      Map.of(
          "00100010", List.of("Doe^John"),
          "00100020", List.of("P-12"),
          "00080020", List.of("20240115"),
          "00080030", List.of("101530.25"),
          "0020000D", List.of("1.2.3"),
          "00080061", List.of("CT", "PT"),
          "00201208", List.of("12"),
          "00080090", List.of());

  @Test
  void singleValueWildcardsAndCase() {
    assertTrue(matches("PatientID=P-12", STUDY));
    assertFalse(matches("PatientID=p-12", STUDY), "non-PN text is case-sensitive");
    assertTrue(matches("PatientID=P-?2", STUDY));
    assertTrue(matches("PatientID=*1*", STUDY));
    assertFalse(matches("PatientID=P-?", STUDY));
    assertTrue(matches("PatientName=doe^john", STUDY), "person names ignore case");
    assertTrue(matches("PatientName=*OHN", STUDY));
    assertTrue(matches("00100020=P-12", STUDY), "by tag");
    assertTrue(matches("ModalitiesInStudy=PT", STUDY), "any value of a multi-valued attribute");
    assertTrue(
        matches("ModalitiesInStudy=MR%5CCT".replace("%5C", "\\"), STUDY),
        "backslash: any of the values");
    assertTrue(matches("NumberOfStudyRelatedInstances=12", STUDY));
  }

  @Test
  void fuzzyNamesMatchWordPrefixesInAnyOrder() {
    assertTrue(matches("PatientName=joh do&fuzzymatching=true", STUDY));
    assertTrue(
        matches("PatientName=*jo d*&fuzzymatching=true", STUDY),
        "OHIF's *value* with fuzzy matching");
    assertFalse(matches("PatientName=joh do&fuzzymatching=false", STUDY));
    assertFalse(matches("PatientName=jon&fuzzymatching=true", STUDY));
  }

  @Test
  void uidListsAndEmptyValues() {
    assertTrue(matches("StudyInstanceUID=9.9\\1.2.3", STUDY));
    assertTrue(matches("StudyInstanceUID=9.9,1.2.3", STUDY));
    assertFalse(matches("StudyInstanceUID=1.2", STUDY));
    assertEquals(
        Set.of("9.9", "1.2.3"),
        parse("StudyInstanceUID=9.9\\1.2.3", DicomLevel.STUDY).uids(0x0020000D));
    assertTrue(
        matches("ReferringPhysicianName=\"\"", STUDY),
        "empty value matching: present without value");
    assertTrue(matches("AccessionNumber=\"\"", STUDY), "empty value matching: absent");
    assertFalse(matches("PatientID=\"\"", STUDY));
    assertTrue(matches("AccessionNumber=", STUDY), "universal matching");
  }

  @Test
  void datesTimesAndRanges() {
    assertTrue(matches("StudyDate=20240101-20240131", STUDY));
    assertTrue(matches("StudyDate=20240115", STUDY));
    assertTrue(matches("StudyDate=-20240115", STUDY));
    assertTrue(matches("StudyDate=20240115-", STUDY));
    assertFalse(matches("StudyDate=20240116-", STUDY));
    assertFalse(matches("StudyDate=20230101-20231231", STUDY));
    assertTrue(matches("StudyTime=10-11", STUDY));
    assertTrue(matches("StudyTime=-1015", STUDY), "an upper bound covers its whole last minute");
    assertFalse(matches("StudyTime=1016-", STUDY));
    DateRange dt = DateRange.parse(Vr.DT, "20240101-20240131");
    assertTrue(dt.contains("20240131235959"));
    assertTrue(
        DateRange.parse(Vr.DT, "20240115101500+0100").contains("20240115101500.000000-0500"));
    assertThrows(ApiError.class, () -> parse("StudyDate=yesterday", DicomLevel.STUDY));
  }

  @Test
  void controlParametersAndIncludedFields() {
    QidoQuery q =
        parse(
            "limit=101&offset=5&fuzzymatching=false&includefield=00081030,00080060,00080090,00100030",
            DicomLevel.STUDY);
    assertEquals(101, q.limit());
    assertEquals(5, q.offset());
    assertFalse(q.limitCapped());
    assertTrue(
        q.returnedKeys()
            .containsAll(
                List.of("00081030", "00080060", "00080090", "00100030", "00201208", "00081190")));
    QidoQuery capped = parse("limit=5000", DicomLevel.STUDY);
    assertEquals(1000, capped.limit());
    assertTrue(capped.limitCapped());
    assertEquals(null, parse("includefield=all", DicomLevel.STUDY).returnedKeys());
    assertThrows(ApiError.class, () -> parse("NoSuchKeyword=1", DicomLevel.STUDY));
    assertThrows(ApiError.class, () -> parse("limit=-1", DicomLevel.STUDY));
    assertThrows(ApiError.class, () -> parse("includefield=NotAKeyword", DicomLevel.STUDY));
    assertEquals(
        List.of("ImageType"),
        parse("ImageType=ORIGINAL", DicomLevel.STUDY).unsupported(),
        "an attribute the index does not hold is left out, with a warning");
    assertTrue(
        parse("_=123&token=x", DicomLevel.STUDY).filters().isEmpty(),
        "lower-case names are not attributes");
    assertEquals(1, parse("Modality=CT", DicomLevel.SERIES).filters().size());
    assertEquals(List.of("Modality"), parse("Modality=CT", DicomLevel.STUDY).unsupported());
  }

  @Test
  void stowResponseStatusAndWriters() {
    StowResponse r = new StowResponse();
    r.stored(
        1,
        "1.2.840.10008.5.1.4.1.1.2",
        "1.2.3.4",
        "http://h/dicom-web/studies/1/series/2/instances/1.2.3.4",
        null);
    assertEquals(200, r.status());
    r.failed(2, null, null, StowReason.CANNOT_UNDERSTAND, "not DICOM");
    assertEquals(202, r.status());
    String json = StowResponseWriter.json(r);
    assertTrue(json.contains("\"00081197\":{\"vr\":\"US\",\"Value\":[49152]}"), json);
    assertTrue(json.contains("\"00081155\":{\"vr\":\"UI\",\"Value\":[\"1.2.3.4\"]}"), json);
    assertTrue(
        StowResponseWriter.xml(r)
            .contains("keyword=\"FailureReason\"><Value number=\"1\">49152</Value>"));
    StowResponse none = new StowResponse();
    none.failed(1, "1.2", "3.4", StowReason.DATASET_DOES_NOT_MATCH, "other study");
    assertEquals(409, none.status());
  }
}
