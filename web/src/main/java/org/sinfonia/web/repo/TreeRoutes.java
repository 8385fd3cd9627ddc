package org.sinfonia.web.repo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;

/**
 * Creating and listing collections, folders and items: {@code POST|GET /collections}, {@code
 * POST|GET /folders}, {@code POST|GET /items}, {@code GET /items/{id}/files}. Parents named in a
 * body or query are loaded through the same access check as path parameters.
 */
public final class TreeRoutes {

  private final TreeRepository tree;
  private final Requires requires;
  private final boolean usersMayCreateCollections;

  public TreeRoutes(TreeRepository tree, Requires requires, boolean usersMayCreateCollections) {
    this.tree = tree;
    this.requires = requires;
    this.usersMayCreateCollections = usersMayCreateCollections;
  }

  public void register(ApiRouter api) {
    api.post(
        "/collections",
        usersMayCreateCollections ? Access.user() : Access.admin(),
        this::createCollection);
    api.get("/collections", Access.anyone(), this::listCollections);
    api.post("/folders", Access.user(), this::createFolder);
    api.get("/folders", Access.anyone(), this::listFolders);
    api.post("/items", Access.user(), this::createItem);
    api.get("/items", Access.anyone(), this::listItems);
    api.get(
        "/items/:id/files", requires.level(Level.READ, ResourceType.ITEM, "id"), this::itemFiles);
  }

  private void createCollection(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Principal caller = Caller.of(rc);
    boolean isPublic = body.getValue("public", false) instanceof Boolean b ? b : badPublic();
    Acl acl =
        new Acl(isPublic, java.util.Map.of(), java.util.Map.of())
            .withUser(caller.login(), Level.ADMIN);
    tree.createCollection(
            ResourceNames.require(JsonBody.requiredString(body, "name")),
            description(body),
            meta(body),
            acl,
            caller.login())
        .onSuccess(c -> JsonResponse.send(rc, 201, ResourceView.of(c, Level.ADMIN)))
        .onFailure(rc::fail);
  }

  private static boolean badPublic() {
    throw ApiError.badRequest("INVALID_FIELD", "'public' must be true or false");
  }

  private void listCollections(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    tree.collections(paging(rc), AccessPolicy.readerTokens(caller))
        .onSuccess(page -> respond(rc, caller, page))
        .onFailure(rc::fail);
  }

  private void createFolder(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Principal caller = Caller.of(rc);
    ResourceType parentType = parentType(JsonBody.requiredString(body, "parentType"));
    String name = ResourceNames.require(JsonBody.requiredString(body, "name"));
    requires
        .load(caller, parentType, JsonBody.requiredString(body, "parentId"), Level.WRITE)
        .compose(
            parent -> {
              Acl inherited = parent.resource().acl();
              // The creator gets ADMIN: if the inherited ACL does not give it, the folder gets an
              // ACL of its own.
              boolean ownAcl = !AccessPolicy.allows(caller, inherited, Level.ADMIN);
              Acl acl = ownAcl ? inherited.withUser(caller.login(), Level.ADMIN) : inherited;
              return tree.createFolder(
                  parent.resource(),
                  name,
                  description(body),
                  meta(body),
                  acl,
                  ownAcl,
                  caller.login());
            })
        .onSuccess(f -> JsonResponse.send(rc, 201, ResourceView.of(f, Level.ADMIN)))
        .onFailure(rc::fail);
  }

  private void listFolders(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    ResourceType parentType = parentType(required(rc, "parentType"));
    Paging paging = paging(rc);
    requires
        .load(caller, parentType, required(rc, "parentId"), Level.READ)
        .compose(
            parent ->
                tree.children(
                    parent.resource(),
                    ResourceType.FOLDER,
                    paging,
                    AccessPolicy.readerTokens(caller)))
        .onSuccess(page -> respond(rc, caller, page))
        .onFailure(rc::fail);
  }

  private void createItem(RoutingContext rc) {
    JsonObject body = JsonBody.object(rc);
    Principal caller = Caller.of(rc);
    String name = ResourceNames.require(JsonBody.requiredString(body, "name"));
    requires
        .load(caller, ResourceType.FOLDER, JsonBody.requiredString(body, "folderId"), Level.WRITE)
        .compose(
            folder ->
                tree.createItem(
                        folder.resource(), name, description(body), meta(body), caller.login())
                    .map(item -> new Loaded(item, folder.level())))
        .onSuccess(
            item -> JsonResponse.send(rc, 201, ResourceView.of(item.resource(), item.level())))
        .onFailure(rc::fail);
  }

  private void listItems(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    Paging paging = paging(rc);
    requires
        .load(caller, ResourceType.FOLDER, required(rc, "folderId"), Level.READ)
        .compose(
            folder -> tree.children(folder.resource(), ResourceType.ITEM, paging, Optional.empty()))
        .onSuccess(page -> respond(rc, caller, page))
        .onFailure(rc::fail);
  }

  private void itemFiles(RoutingContext rc) {
    Loaded item = Loaded.of(rc);
    tree.files(item.resource())
        .onSuccess(
            files -> {
              JsonArray out = new JsonArray();
              files.forEach(f -> out.add(ResourceView.of(f, item.level())));
              JsonResponse.ok(rc, out);
            })
        .onFailure(rc::fail);
  }

  static void respond(RoutingContext rc, Principal caller, Listing page) {
    JsonArray out = new JsonArray();
    page.resources()
        .forEach(
            r -> out.add(ResourceView.of(r, AccessPolicy.level(caller, r.acl()).orElse(null))));
    rc.response().putHeader("Sinfonia-Total-Count", Long.toString(page.total()));
    JsonResponse.ok(rc, out);
  }

  static Paging paging(RoutingContext rc) {
    return Paging.parse(
        rc.queryParams().get("limit"),
        rc.queryParams().get("offset"),
        rc.queryParams().get("sort"),
        50,
        1000);
  }

  static ResourceType parentType(String s) {
    ResourceType t = ResourceType.ofSingular(s);
    if (!t.holdsAcl()) {
      throw ApiError.badRequest("INVALID_PARENT", "a folder's parent is a collection or a folder");
    }
    return t;
  }

  private static String required(RoutingContext rc, String param) {
    String v = rc.queryParams().get(param);
    if (v == null || v.isBlank()) {
      throw ApiError.badRequest("MISSING_PARAMETER", "query parameter '%s' is required", param);
    }
    return v;
  }

  static String description(JsonObject body) {
    Object d = body.getValue("description", "");
    if (!(d instanceof String s)) {
      throw ApiError.badRequest("INVALID_FIELD", "'description' must be a string");
    }
    if (s.length() > 64 * 1024) {
      throw ApiError.badRequest("INVALID_FIELD", "'description' is limited to 64 KiB");
    }
    return s;
  }

  static JsonObject meta(JsonObject body) {
    Object m = body.getValue("meta", new JsonObject());
    if (!(m instanceof JsonObject o)) {
      throw ApiError.badRequest("INVALID_FIELD", "'meta' must be a JSON object");
    }
    MetaKeys.check(o);
    return o;
  }
}
