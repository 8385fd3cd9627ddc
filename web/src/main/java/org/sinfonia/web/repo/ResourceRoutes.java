package org.sinfonia.web.repo;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;

/**
 * What collections, folders, items and files have in common, one code path for each operation with
 * the type as a parameter: {@code GET}, {@code PUT} (replace fields, meta included), {@code PATCH}
 * (merge meta), moves ({@code parentId} in the body), {@code POST .../copy} and {@code DELETE}.
 */
public final class ResourceRoutes {

  private final TreeRepository tree;
  private final Requires requires;
  private final Audit audit;

  public ResourceRoutes(TreeRepository tree, Requires requires, Audit audit) {
    this.tree = tree;
    this.requires = requires;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    for (ResourceType type : ResourceType.values()) {
      String path = "/" + type.plural() + "/:id";
      api.get(path, requires.level(Level.READ, type, "id"), this::get);
      api.delete(
          path,
          requires.level(type.holdsAcl() ? Level.ADMIN : Level.WRITE, type, "id"),
          this::delete);
      if (type != ResourceType.FILE) {
        api.put(path, requires.level(Level.WRITE, type, "id"), rc -> update(rc, false));
        api.patch(path, requires.level(Level.WRITE, type, "id"), rc -> update(rc, true));
      }
      if (type == ResourceType.FOLDER || type == ResourceType.ITEM) {
        api.json(
            HttpMethod.POST, path + "/copy", requires.level(Level.READ, type, "id"), this::copy);
      }
    }
  }

  private void get(RoutingContext rc) {
    Loaded loaded = Loaded.of(rc);
    JsonResponse.ok(rc, ResourceView.of(loaded.resource(), loaded.level()));
  }

  private void update(RoutingContext rc, boolean mergeMeta) {
    Loaded loaded = Loaded.of(rc);
    Resource r = loaded.resource();
    JsonObject body = JsonBody.object(rc);
    String name =
        body.containsKey("name")
            ? ResourceNames.require(JsonBody.requiredString(body, "name"))
            : null;
    String description = body.containsKey("description") ? TreeRoutes.description(body) : null;
    JsonObject meta = body.containsKey("meta") ? TreeRoutes.meta(body) : null;
    Future<Resource> moved =
        body.containsKey("parentId") ? move(rc, r, body) : Future.succeededFuture(r);
    moved
        .compose(m -> tree.update(m, name, description, meta, mergeMeta))
        .onSuccess(updated -> JsonResponse.ok(rc, ResourceView.of(updated, loaded.level())))
        .onFailure(rc::fail);
  }

  private Future<Resource> move(RoutingContext rc, Resource r, JsonObject body) {
    if (r.type() == ResourceType.COLLECTION) {
      throw ApiError.badRequest("NOT_MOVABLE", "collections are top-level and cannot be moved");
    }
    Principal caller = Caller.of(rc);
    ResourceType parentType =
        r.type() == ResourceType.ITEM
            ? ResourceType.FOLDER
            : TreeRoutes.parentType(body.getString("parentType", "folder"));
    // Moving a folder changes who can see it: that takes ADMIN on it; an item moves with WRITE.
    Level onSelf = r.type() == ResourceType.FOLDER ? Level.ADMIN : Level.WRITE;
    return requires
        .load(caller, r.type(), r.id(), onSelf)
        .compose(
            self ->
                requires.load(
                    caller, parentType, JsonBody.requiredString(body, "parentId"), Level.WRITE))
        .compose(target -> tree.move(r, target.resource()));
  }

  private void copy(RoutingContext rc) {
    Loaded loaded = Loaded.of(rc);
    JsonObject body = JsonBody.object(rc);
    Principal caller = Caller.of(rc);
    ResourceType parentType =
        loaded.resource().type() == ResourceType.ITEM
            ? ResourceType.FOLDER
            : TreeRoutes.parentType(body.getString("parentType", "folder"));
    requires
        .load(caller, parentType, JsonBody.requiredString(body, "parentId"), Level.WRITE)
        .compose(
            target ->
                tree.copy(loaded.resource(), target.resource(), caller.login())
                    .map(copy -> new Loaded(copy, target.level())))
        .onSuccess(
            copy -> JsonResponse.send(rc, 201, ResourceView.of(copy.resource(), copy.level())))
        .onFailure(rc::fail);
  }

  private void delete(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    if (r.type() == ResourceType.FOLDER && "user".equals(r.parentType())) {
      throw ApiError.conflict("HOME_FOLDER", "a user's home folder cannot be deleted");
    }
    tree.delete(r)
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc), "delete", r.type().singular(), r.id(), ar.cause(), r.name()))
        .onSuccess(v -> rc.response().setStatusCode(204).end())
        .onFailure(rc::fail);
  }
}
