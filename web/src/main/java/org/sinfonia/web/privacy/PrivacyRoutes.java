package org.sinfonia.web.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.repo.Loaded;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.Resource;

/**
 * {@code GET|PUT|DELETE /{collections|folders}/{id}/privacy}: the ingest privacy policy in force
 * and where it comes from (READ), setting the resource's own (ADMIN) and clearing it so the
 * resource inherits again (ADMIN). Every change is audited with the old and the new own policy.
 */
public final class PrivacyRoutes {

  /** The audit action of a set or a clear. */
  public static final String AUDIT_ACTION = "privacy.change";

  private final Requires requires;
  private final PrivacyStore store;
  private final FolderPrivacyPolicies policies;
  private final Audit audit;

  public PrivacyRoutes(
      Requires requires, PrivacyStore store, FolderPrivacyPolicies policies, Audit audit) {
    this.requires = requires;
    this.store = store;
    this.policies = policies;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    for (ResourceType type : new ResourceType[] {ResourceType.COLLECTION, ResourceType.FOLDER}) {
      String path = "/" + type.plural() + "/:id/privacy";
      api.get(path, requires.level(Level.READ, type, "id"), this::get);
      api.put(path, requires.level(Level.ADMIN, type, "id"), this::put);
      api.delete(path, requires.level(Level.ADMIN, type, "id"), this::delete);
    }
  }

  private void get(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    view(r, r.asFolder().privacy()).onSuccess(v -> JsonResponse.ok(rc, v)).onFailure(rc::fail);
  }

  private void put(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    PrivacyPolicy policy = PolicyJson.fromRequest(JsonBody.object(rc));
    change(rc, r, policy, store.set(r, policy));
  }

  private void delete(RoutingContext rc) {
    Resource r = Loaded.of(rc).resource();
    change(rc, r, null, store.clear(r));
  }

  private void change(RoutingContext rc, Resource r, PrivacyPolicy now, Future<Void> write) {
    PrivacyPolicy before = r.asFolder().privacy();
    write
        .andThen(
            ar -> {
              // Also after a failed write: it may have reached the store before failing.
              policies.invalidate();
              audit.record(
                  Caller.actor(rc),
                  AUDIT_ACTION,
                  r.type().singular(),
                  r.id(),
                  ar.cause(),
                  new JsonObject().put("old", json(before)).put("new", json(now)).encode());
            })
        .compose(v -> view(r, now))
        .onSuccess(v -> JsonResponse.ok(rc, v))
        .onFailure(rc::fail);
  }

  /** The answer of all three routes: the policy in force, its source and the resource's own. */
  private Future<JsonObject> view(Resource r, PrivacyPolicy own) {
    Future<EffectivePolicy> effective =
        own != null
            ? Future.succeededFuture(new EffectivePolicy(own, r.type().singular(), r.id()))
            : policies.inherited(r);
    return effective.map(
        e -> {
          JsonObject v = PolicyJson.toJson(e.policy());
          JsonObject from = new JsonObject().put("type", e.sourceType());
          if (e.sourceId() != null) {
            from.put("id", e.sourceId());
          }
          return v.put("inherited", e.inheritedBy(r.id())).put("from", from).put("own", json(own));
        });
  }

  private static JsonObject json(PrivacyPolicy p) {
    return p == null ? null : PolicyJson.toJson(p);
  }
}
