package org.sinfonia.web.repo;

import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;

/**
 * {@code GET|PUT /{collections|folders}/{id}/access[?recurse=true]}. A change applies to everything below that
 * inherits through the resource; {@code recurse=true} also overrides folders that had ACLs of their own.
 */
public final class AccessRoutes {

  private final TreeRepository tree;
  private final Requires requires;
  private final Audit audit;

  public AccessRoutes(TreeRepository tree, Requires requires, Audit audit) {
    this.tree = tree;
    this.requires = requires;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    for (ResourceType type : new ResourceType[] {ResourceType.COLLECTION, ResourceType.FOLDER}) {
      String path = "/" + type.plural() + "/:id/access";
      api.get(path, requires.level(Level.ADMIN, type, "id"), this::get);
      api.put(path, requires.level(Level.ADMIN, type, "id"), this::put);
    }
  }

  private void get(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    JsonResponse.ok(rc, AclJson.toJson(r.acl()).put("ownAcl", r.type() == ResourceType.COLLECTION
        || r.doc().getBoolean("ownAcl", false)));
  }

  private void put(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    Acl acl = AclJson.fromRequest(JsonBody.object(rc));
    boolean recurse = "true".equalsIgnoreCase(rc.queryParams().get("recurse"));
    tree.setAcl(r, acl, recurse)
        .andThen(ar -> audit.record(rc, "access.change", r.type().singular(), r.id(), ar.cause(),
            AclJson.toJson(acl).put("recurse", recurse).encode()))
        .onSuccess(v -> JsonResponse.ok(rc, AclJson.toJson(acl).put("ownAcl", true)))
        .onFailure(rc::fail);
  }
}
