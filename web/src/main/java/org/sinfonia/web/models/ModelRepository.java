package org.sinfonia.web.models;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.auth.Principal;

/** Submitted models, one document per version. State changes are conditional on the status. */
public interface ModelRepository {

  /**
   * Stores a new version; fails with a {@code CONFLICT} {@link org.sinfonia.core.error.ApiError}
   * when its lineage already has that version number (two submissions raced).
   */
  Future<Model> insert(Model model);

  Future<Optional<Model>> find(String id);

  /** The submitter's newest version of a model of this {@link Model#nameKey name}, if any. */
  Future<Optional<Model>> newestByName(String submitter, String nameKey);

  /** The newest version of a lineage, whatever its status. */
  Future<Optional<Model>> newestOf(String lineage);

  /** Every version of a lineage, oldest first. */
  Future<List<Model>> versions(String lineage);

  /**
   * Models {@code caller} may see: every model when {@code everything} (site administrators and
   * reviewers), else their own submissions and approved models visible to them; newest first,
   * optionally of one status.
   */
  Future<List<Model>> list(
      Principal caller, boolean everything, ModelStatus status, int limit, long offset);

  /**
   * Ends validation: {@code validating} becomes {@code status} with its reasons; false when the
   * model was no longer validating.
   */
  Future<Boolean> validated(
      String id, ModelStatus status, List<Model.Reason> reasons, JsonObject validation);

  /**
   * Records a review of a model pending review (its new status, visibility when approved, the
   * reviewer's reason when rejected); empty when it was not (any more) pending review.
   */
  Future<Optional<Model>> reviewed(
      String id,
      ModelStatus status,
      Visibility visibility,
      List<Model.Reason> reasons,
      Model.Review review);

  /** Models still {@code validating} (validation was cut short by a stop): to validate again. */
  Future<List<Model>> validating();
}
