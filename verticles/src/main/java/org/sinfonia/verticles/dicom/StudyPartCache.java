package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's copy of the study-part collection (one small document per study and folder), kept current by the
 * version counter that {@link MongoDicomIndex} bumps after every change: a QIDO-RS study search costs one
 * {@code _id} read, then works in memory, instead of a scan that decodes every part on each request. The counter
 * lives in MongoDB, so a change made through any node of a cluster is seen by all.
 */
final class StudyPartCache {

  private record Snapshot(long version, List<JsonObject> parts, Map<String, List<JsonObject>> byStudy) {
  }

  private static final JsonObject VERSION_ID = new JsonObject().put("_id", DicomCollections.STUDIES_VERSION_ID);

  private final MongoClient mongo;
  private Snapshot snapshot = new Snapshot(-1, List.of(), Map.of());

  StudyPartCache(MongoClient mongo) {
    this.mongo = mongo;
  }

  /** Every study part (unfiltered: callers admit by scope). */
  Future<List<JsonObject>> all() {
    return current().map(Snapshot::parts);
  }

  /** The parts of some studies. */
  Future<List<JsonObject>> of(Collection<String> studyUids) {
    return current().map(s -> {
      List<JsonObject> out = new ArrayList<>();
      for (String uid : studyUids) {
        out.addAll(s.byStudy().getOrDefault(uid, List.of()));
      }
      return out;
    });
  }

  private Future<Snapshot> current() {
    return mongo.findOne(DicomCollections.META, VERSION_ID, null).compose(doc -> {
      long version = doc == null ? 0 : doc.getLong("version", 0L);
      return snapshotAt(version);
    });
  }

  private Future<Snapshot> snapshotAt(long version) {
    synchronized (this) {
      if (snapshot.version() == version) {
        return Future.succeededFuture(snapshot);
      }
    }
    // The version was read first, then the parts: a change in between makes the copy newer than its label, which
    // the next bump corrects; never older. Concurrent misses each load (futures stay on their own event loop).
    return mongo.find(DicomCollections.STUDIES, new JsonObject()).map(parts -> {
      Map<String, List<JsonObject>> byStudy = new HashMap<>();
      parts.forEach(p -> byStudy.computeIfAbsent(p.getString("studyUid"), k -> new ArrayList<>()).add(p));
      Snapshot s = new Snapshot(version, List.copyOf(parts), byStudy);
      synchronized (this) {
        if (version > snapshot.version()) {
          snapshot = s;
        }
      }
      return s;
    });
  }
}
