package org.sinfonia.verticles.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.dicomweb.QidoQuery;
import org.sinfonia.web.dicomweb.DicomIndexReader.Matches;
import org.sinfonia.web.dicomweb.DicomScope;
import org.sinfonia.web.dicomweb.QidoMatch;

/**
 * The study search over pre-extracted, pre-encoded parts gives exactly what the straightforward way
 * gives (merge the readable parts into a DICOM JSON object, match it, page, keep the returned
 * keys): random studies split over folders with different readers, random scopes, the queries OHIF
 * sends and the computed keys.
 */
class StudySearchTest {

  private static final List<List<String>> READERS =
      List.of(
          List.of("u:alice"),
          List.of("u:bob"),
          List.of("u:alice", "g:team"),
          List.of("public"),
          List.of());
  private static final List<String> QUERIES =
      List.of(
          "",
          "limit=101&offset=0&fuzzymatching=false"
              + "&includefield=00081030,00080060,00080090,00100030",
          "limit=5&offset=3",
          "limit=7",
          "PatientName=*ox*",
          "PatientName=*ox do*&fuzzymatching=true",
          "PatientName=DOE%5EJ*",
          "StudyDate=20240103-20240105",
          "ModalitiesInStudy=CT",
          "ModalitiesInStudy=MR%5CPT&limit=4&offset=1",
          "NumberOfStudyRelatedSeries=2",
          "NumberOfStudyRelatedInstances=7&includefield=all",
          "PatientID=P-%3F",
          "AccessionNumber=%22%22",
          "includefield=all&limit=3&offset=2",
          "00100020=P-3&PatientName=*");

  @Test
  void sameResultsAsMergingTheReadablePartsPerRequest() {
    Random r = new Random(6);
    for (int round = 0; round < 40; round++) {
      List<JsonObject> docs = randomParts(r, 30);
      List<StudyPartCache.Study> studies = StudyPartCache.studies(docs);
      for (DicomScope scope :
          List.of(
              new DicomScope(Optional.empty(), Optional.empty()),
              new DicomScope(Optional.of(List.of("u:alice", "public")), Optional.empty()),
              new DicomScope(Optional.of(List.of("u:bob", "g:team", "public")), Optional.empty()),
              new DicomScope(Optional.of(List.of("u:alice")), Optional.of(Set.of("f1", "f2"))))) {
        for (String q : QUERIES) {
          QidoQuery query = QidoQuery.parse(params(q), DicomLevel.STUDY, 10);
          Matches got = StudySearch.run(query, scope, studies);
          Matches want = reference(query, scope, studies);
          String what = "round " + round + ", " + scope + ", " + q;
          assertEquals(want.truncated(), got.truncated(), what);
          assertEquals(want.results().size(), got.results().size(), what);
          for (int i = 0; i < got.results().size(); i++) {
            assertEquals(want.results().get(i).studyUid(), got.results().get(i).studyUid(), what);
            assertEquals(
                json(want.results().get(i), query), json(got.results().get(i), query), what);
          }
        }
      }
    }
  }

  /**
   * A node that catches up by the parts a change names ends with what reading all parts again
   * gives.
   */
  @Test
  void catchingUpByTheChangedPartsGivesWhatReadingAllGives() {
    Random r = new Random(11);
    for (int round = 0; round < 30; round++) {
      Map<String, JsonObject> collection = new LinkedHashMap<>();
      randomParts(r, 25).forEach(d -> collection.put(d.getString("_id"), d));
      List<StudyPartCache.Study> held = StudyPartCache.studies(copies(collection));
      for (int change = 0; change < 5; change++) {
        Set<String> changedIds = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>(collection.keySet());
        for (int k = 0; k < 1 + r.nextInt(4); k++) {
          String id = ids.get(r.nextInt(ids.size()));
          if (!collection.containsKey(id)) {
            continue; // removed by this change already
          }
          changedIds.add(id);
          switch (r.nextInt(3)) {
            case 0 -> collection.remove(id);
            case 1 ->
                collection
                    .get(id)
                    .put("instances", (long) r.nextInt(50))
                    .put(
                        "readers",
                        new JsonArray(new ArrayList<>(READERS.get(r.nextInt(READERS.size())))));
            default ->
                collection
                    .get(id)
                    .getJsonObject("attrs")
                    .put("00080020", el("DA", "2023120" + r.nextInt(10)));
          }
        }
        for (JsonObject added :
            randomParts(r, 1 + r.nextInt(2))) { // new studies, or new parts of old ones
          String uid =
              r.nextBoolean()
                  ? added.getString("studyUid") + ".new" + round + "." + change
                  : collection.values().iterator().next().getString("studyUid");
          String id = added.getString("folderId") + "|" + uid;
          if (!collection.containsKey(id)) {
            added
                .put("_id", id)
                .put("studyUid", uid)
                .getJsonObject("attrs")
                .put("0020000D", el("UI", uid));
            collection.put(id, added);
            changedIds.add(id);
          }
        }
        List<JsonObject> changedDocs =
            changedIds.stream()
                .filter(collection::containsKey)
                .map(collection::get)
                .map(JsonObject::copy)
                .toList();
        held = StudyPartCache.patched(held, changedIds, changedDocs);
        List<StudyPartCache.Study> fresh = StudyPartCache.studies(copies(collection));
        String what = "round " + round + ", change " + change;
        assertEquals(shape(fresh), shape(held), what);
        QidoQuery query = QidoQuery.parse(params(QUERIES.get(1)), DicomLevel.STUDY, 10);
        DicomScope scope =
            new DicomScope(Optional.of(List.of("u:alice", "public")), Optional.empty());
        Matches want = StudySearch.run(query, scope, fresh);
        Matches got = StudySearch.run(query, scope, held);
        assertEquals(want.results().size(), got.results().size(), what);
        for (int i = 0; i < got.results().size(); i++) {
          assertEquals(json(want.results().get(i), query), json(got.results().get(i), query), what);
        }
      }
    }
  }

  /**
   * The documents as read from the database: copies, which the test's later changes do not reach.
   */
  private static List<JsonObject> copies(Map<String, JsonObject> collection) {
    return collection.values().stream().map(JsonObject::copy).toList();
  }

  /** Studies in order, each with its date, time and parts (as documents, in order). */
  private static List<String> shape(List<StudyPartCache.Study> studies) {
    return studies.stream()
        .map(
            st ->
                st.uid()
                    + " "
                    + st.date()
                    + " "
                    + st.time()
                    + " "
                    + st.parts().stream().map(p -> p.doc.encode()).toList())
        .toList();
  }

  private static JsonObject json(QidoMatch m, QidoQuery query) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.dataset().writeTo(out::writeBytes, query.returnedKeys());
    return new JsonObject(out.toString(StandardCharsets.UTF_8));
  }

  /**
   * The search as it was done before parts were pre-extracted: one merged object per readable
   * study.
   */
  private static Matches reference(
      QidoQuery query, DicomScope scope, List<StudyPartCache.Study> studies) {
    List<QidoMatch> all = new ArrayList<>();
    for (StudyPartCache.Study st : studies) {
      List<JsonObject> ps =
          st.parts().stream()
              .map(p -> p.doc)
              .filter(
                  p -> scope.admits(p.getJsonArray("readers").getList(), p.getString("folderId")))
              .toList();
      if (ps.isEmpty()) {
        continue;
      }
      JsonObject view = ps.get(0).getJsonObject("attrs").copy();
      Set<String> series = new LinkedHashSet<>();
      Set<String> modalities = new TreeSet<>();
      long instances = 0;
      for (JsonObject p : ps) {
        p.getJsonArray("series").forEach(s -> series.add((String) s));
        p.getJsonArray("modalities").forEach(s -> modalities.add((String) s));
        instances += p.getLong("instances");
      }
      JsonObject mod = new JsonObject().put("vr", "CS");
      view.put(
          "00080061",
          modalities.isEmpty()
              ? mod
              : mod.put("Value", new JsonArray(new ArrayList<>(modalities))));
      view.put(
          "00201206",
          new JsonObject().put("vr", "IS").put("Value", new JsonArray().add(series.size())));
      view.put(
          "00201208",
          new JsonObject().put("vr", "IS").put("Value", new JsonArray().add(instances)));
      if (query.matches(key -> DicomJsonValues.of(view, key))) {
        all.add(new QidoMatch(EncodedViews.of(view), st.uid(), null, null));
      }
    }
    int from = Math.min(query.offset(), all.size());
    int to = Math.min(from + query.limit(), all.size());
    return new Matches(all.subList(from, to), to < all.size() && query.limitCapped());
  }

  private static List<JsonObject> randomParts(Random r, int studies) {
    List<JsonObject> docs = new ArrayList<>();
    String[] names = {"Doe^John", "Fox^Dora", "Box^Doris", "Doe^Jane", "Ox^Al"};
    for (int s = 0; s < studies; s++) {
      String uid = "1.2.3." + s;
      int parts = 1 + r.nextInt(3);
      for (int p = 0; p < parts; p++) {
        String folder = "f" + r.nextInt(4);
        JsonObject attrs =
            new JsonObject()
                .put("0020000D", el("UI", uid))
                .put("00080020", el("DA", "2024010" + (1 + r.nextInt(7))))
                .put("00080030", el("TM", "1" + r.nextInt(10) + "0000"))
                .put(
                    "00100010",
                    el("PN", new JsonObject().put("Alphabetic", names[r.nextInt(names.length)])))
                .put("00100020", el("LO", "P-" + r.nextInt(12)))
                .put("00081030", el("LO", "Study " + s));
        if (r.nextBoolean()) {
          attrs.put("00080050", el("SH", r.nextBoolean() ? "ACC" + s : null));
        }
        JsonArray series = new JsonArray();
        JsonArray modalities = new JsonArray();
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
          series.add(uid + "." + r.nextInt(4));
        }
        for (String m : List.of("CT", "MR", "PT", "SEG")) {
          if (r.nextInt(3) == 0) {
            modalities.add(m);
          }
        }
        docs.add(
            new JsonObject()
                .put("_id", folder + "|" + uid)
                .put("studyUid", uid)
                .put("folderId", folder)
                .put(
                    "readers",
                    new JsonArray(new ArrayList<>(READERS.get(r.nextInt(READERS.size())))))
                .put("instances", (long) (1 + r.nextInt(8)))
                .put("series", new JsonArray(List.copyOf(new LinkedHashSet<>(series.getList()))))
                .put("modalities", modalities)
                .put("attrs", attrs));
      }
    }
    java.util.Collections.shuffle(docs, r);
    return docs;
  }

  private static JsonObject el(String vr, Object value) {
    JsonObject e = new JsonObject().put("vr", vr);
    return value == null ? e : e.put("Value", new JsonArray().add(value));
  }

  private static Map<String, List<String>> params(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String v =
            eq < 0
                ? ""
                : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(eq < 0 ? pair : pair.substring(0, eq), k -> new ArrayList<>()).add(v);
      }
    }
    return out;
  }
}
