package org.sinfonia.verticles.dicom;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Collection;
import java.util.List;

/**
 * The DICOM index collections. Instances are keyed by SOP Instance UID; studies and series by
 * {@code folderId|uid}: one summary per folder that holds part of a study, because access is per
 * folder, so a caller's view of a study is the merge of the parts they can read, with exact counts.
 */
public final class DicomCollections {

  public static final String INSTANCES = "dicom_instances";
  public static final String SERIES = "dicom_series";
  public static final String STUDIES = "dicom_studies";

  /**
   * Counters: {@code _id = "studies"} holds {@code version}, bumped after every change of a study
   * part, so a node may keep the (small) study-part collection in memory and know with one {@code
   * _id} read whether it is current, and the latest changes ({@link #studiesChanged}), so it
   * catches up by reading only the parts that changed.
   */
  public static final String META = "dicom_meta";

  public static final String STUDIES_VERSION_ID = "studies";

  /**
   * Changes kept in the counter document for nodes to catch up on ({@code recent}, newest last).
   */
  public static final int RECENT_CHANGES = 64;

  private DicomCollections() {}

  /**
   * The update of the {@link #STUDIES_VERSION_ID} counter after the study parts {@code
   * studyPartIds} changed: {@code version} counts every change, {@code logged} the changes also
   * recorded in {@code recent} (one entry each: the part ids). A node holding the parts as of an
   * earlier count then reads only the parts that changed, when both counts moved alike (every
   * change since is in {@code recent}).
   */
  public static JsonObject studiesChanged(Collection<String> studyPartIds) {
    return new JsonObject()
        .put("$inc", new JsonObject().put("version", 1L).put("logged", 1L))
        .put(
            "$push",
            new JsonObject()
                .put(
                    "recent",
                    new JsonObject()
                        .put("$each", new JsonArray().add(new JsonArray(List.copyOf(studyPartIds))))
                        .put("$slice", -RECENT_CHANGES)));
  }

  /**
   * The update of the counter after a change whose parts are not listed (too many): nodes read all
   * parts again.
   */
  public static JsonObject studiesChangedUnlisted() {
    return new JsonObject().put("$inc", new JsonObject().put("version", 1L));
  }

  public static String partId(String folderId, String uid) {
    return folderId + "|" + uid;
  }
}
