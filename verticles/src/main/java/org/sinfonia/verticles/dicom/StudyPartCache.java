package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's copy of the study-part collection (one small document per study and folder), kept current by the
 * version counter that {@link MongoDicomIndex} bumps after every change: a QIDO-RS study search costs one
 * {@code _id} read, then walks studies already grouped and ordered (newest first) in memory, instead of a scan that
 * decodes every part on each request. The counter lives in MongoDB, so a change made through any node of a cluster
 * is seen by all.
 */
final class StudyPartCache {

  /** One study: its parts in every folder, and what results are ordered by. */
  record Study(String uid, String date, String time, List<StudyPart> parts) {
  }

  static final Comparator<Study> NEWEST_FIRST = Comparator.comparing(Study::date).reversed()
      .thenComparing(Comparator.comparing(Study::time).reversed()).thenComparing(Study::uid);

  private record Snapshot(long version, List<Study> ordered, Map<String, Study> byUid) {
  }

  private static final JsonObject VERSION_ID = new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID);

  private final MongoClient mongo;
  private Snapshot snapshot = new Snapshot(-1, List.of(), Map.of());

  StudyPartCache(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Every study, newest first (parts unfiltered: callers admit them by scope). */
  Future<List<Study>> all() {
    return current().map(Snapshot::ordered);
  }

  /** Some studies, newest first. */
  Future<List<Study>> of(Collection<String> studyUids) {
    return current().map(s -> {
      List<Study> out = new ArrayList<>();
      for (String uid : studyUids) {
        Study st = s.byUid().get(uid);
        if (st != null) {
          out.add(st);
        }
      }
      out.sort(NEWEST_FIRST);
      return out;
    });
  }

  private Future<Snapshot> current() {
    return mongo.findOne(DicomCollections.META, VERSION_ID, null).compose(doc -> {
      long version = doc == null ? 0 : doc.getLong("version", 0L);
      synchronized (this) {
        if (snapshot.version() == version) {
          return Future.succeededFuture(snapshot);
        }
      }
      return load(version);
    });
  }

  /**
   * The version was read first, then the parts: a change in between makes the copy newer than its label, which the
   * next bump corrects; never older. Concurrent misses each load (their futures stay on their own event loops).
   */
  private Future<Snapshot> load(long version) {
    return mongo.find(DicomCollections.STUDIES, new JsonObject()).map(parts -> {
      List<Study> ordered = studies(parts);
      Map<String, Study> byUid = new HashMap<>();
      ordered.forEach(st -> byUid.put(st.uid(), st));
      Snapshot s = new Snapshot(version, ordered, byUid);
      synchronized (this) {
        if (version > snapshot.version()) {
          snapshot = s;
        }
      }
      return s;
    });
  }

  /** Study part documents grouped by study, newest first (the order of a search's results). */
  static List<Study> studies(List<JsonObject> parts) {
    Map<String, List<StudyPart>> grouped = new LinkedHashMap<>();
    Map<Object, Object> shared = new HashMap<>();
    parts.forEach(p -> grouped.computeIfAbsent(p.getString("studyUid"), k -> new ArrayList<>())
        .add(new StudyPart(p, shared)));
    List<Study> ordered = new ArrayList<>(grouped.size());
    grouped.forEach((uid, ps) -> {
      JsonObject attrs = ps.get(0).attrs();
      ordered.add(new Study(uid, DicomJsonValues.first(attrs, "00080020"), DicomJsonValues.first(attrs, "00080030"),
          List.copyOf(ps)));
    });
    ordered.sort(NEWEST_FIRST);
    return List.copyOf(ordered);
  }
}
