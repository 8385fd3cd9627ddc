package org.sinfonia.web.models;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A submitted model version: the card as submitted, the ONNX file it names (and that file's
 * SHA-256, fixed at submission), where validation and review have got to, and its place among the
 * versions of one model ({@code lineage} = the first version's id; {@code version} counts from 1).
 *
 * @param validation what the checks measured (runtime version, smoke-run time and memory), empty
 *     while validating
 * @param visibility null until approved
 * @param review null until reviewed
 */
public record Model(
    String id,
    String lineage,
    int version,
    String supersedes,
    String name,
    String submitter,
    JsonObject card,
    String fileId,
    String sha256,
    long size,
    ModelStatus status,
    List<Reason> reasons,
    JsonObject validation,
    Visibility visibility,
    Review review,
    Instant created,
    Instant updated) {

  public Model {
    reasons = List.copyOf(reasons);
  }

  /** Why validation or a reviewer refused the model: a stable code and a message for people. */
  public record Reason(String code, String message) {
    public JsonObject toJson() {
      return new JsonObject().put("code", code).put("message", message);
    }
  }

  /** A reviewer's decision. */
  public record Review(String reviewer, String decision, String comment, Instant at) {
    public JsonObject toJson() {
      return new JsonObject()
          .put("reviewer", reviewer)
          .put("decision", decision)
          .put("comment", comment)
          .put("at", at.toString());
    }
  }

  /** The name versions are matched by: case and surrounding blanks do not make a new model. */
  public static String nameKey(String name) {
    return name.strip().toLowerCase(java.util.Locale.ROOT);
  }
}
