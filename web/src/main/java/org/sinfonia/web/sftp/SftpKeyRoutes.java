package org.sinfonia.web.sftp;

import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.sftp.SshPublicKey;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.JsonBody;
import org.sinfonia.web.JsonResponse;

/**
 * {@code GET|POST /users/me/ssh-keys}, {@code DELETE /users/me/ssh-keys/{id}}: the public keys a
 * user logs in to SFTP with. A key is one OpenSSH public key line ({@code {"key":"ssh-ed25519
 * AAAA... me@laptop"}}); the answer carries its fingerprint as {@code ssh-keygen -l} prints it.
 */
public final class SftpKeyRoutes {

  private final SftpAccounts accounts;
  private final Clock clock;

  public SftpKeyRoutes(SftpAccounts accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  public void register(ApiRouter api) {
    api.get("/users/me/ssh-keys", Access.user(), this::list);
    api.post("/users/me/ssh-keys", Access.user(), this::add);
    api.delete("/users/me/ssh-keys/:id", Access.user(), this::remove);
  }

  private void list(RoutingContext rc) {
    accounts
        .keys(Caller.of(rc).login())
        .onSuccess(
            keys -> {
              JsonArray out = new JsonArray();
              keys.forEach(k -> out.add(k.view()));
              JsonResponse.ok(rc, out);
            })
        .onFailure(rc::fail);
  }

  private void add(RoutingContext rc) {
    SshPublicKey key = SshPublicKey.parse(JsonBody.requiredString(JsonBody.object(rc), "key"));
    SshKeyRecord record =
        new SshKeyRecord(
            key.id(), key.fingerprint(), key.type(), key.base64(), key.comment(), clock.instant());
    accounts
        .addKey(Caller.of(rc).login(), record)
        .onSuccess(v -> JsonResponse.send(rc, 201, record.view()))
        .onFailure(rc::fail);
  }

  private void remove(RoutingContext rc) {
    String id = rc.pathParam("id");
    accounts
        .removeKey(Caller.of(rc).login(), id)
        .onSuccess(
            removed -> {
              if (!removed) {
                rc.fail(ApiError.notFound("SSH_KEY_NOT_FOUND", "no key %s", id));
              } else {
                rc.response().setStatusCode(204).end();
              }
            })
        .onFailure(rc::fail);
  }
}
