package org.sinfonia.web.sftp;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A registered public key: {@code id} (hex SHA-256 of the key blob), OpenSSH fingerprint, type,
 * base64 blob.
 */
public record SshKeyRecord(
    String id, String fingerprint, String type, String key, String comment, Instant added) {

  /** What the API shows (the key itself is not echoed back). */
  public JsonObject view() {
    return new JsonObject()
        .put("id", id)
        .put("fingerprint", fingerprint)
        .put("type", type)
        .put("comment", comment)
        .put("added", added.toString());
  }
}
