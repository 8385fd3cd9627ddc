package org.sinfonia.verticles.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * With the directory unreachable the service still starts, says so on /health, and answers logins
 * with 503.
 */
@ExtendWith(NoBlockedThreads.class)
class DependencyDownTest {

  @Test
  void unreachableDirectoryIsReportedNotHidden() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (TestNode node =
        TestNode.start(Map.of("SINFONIA_LDAP_URL", "ldap://127.0.0.1:" + closedPort))) {
      HttpResponse<Buffer> health = Await.result(node.client.get("/health").send());
      assertEquals(503, health.statusCode(), health.bodyAsString());
      JsonObject deps = health.bodyAsJsonObject().getJsonObject("dependencies");
      assertEquals("DOWN", health.bodyAsJsonObject().getString("status"));
      assertEquals("DOWN", deps.getJsonObject("ldap").getString("status"));
      assertEquals("UP", deps.getJsonObject("mongo").getString("status"));
      assertEquals("UP", deps.getJsonObject("blobStore").getString("status"));
      assertTrue(
          health.bodyAsJsonObject().getString("checkedAt").endsWith("Z"),
          "says when the probe ran");

      HttpResponse<Buffer> login =
          Await.result(
              node.client
                  .post("/api/v1/auth/token")
                  .sendJsonObject(
                      new JsonObject().put("username", "alice").put("password", "alice-demo")));
      assertEquals(503, login.statusCode(), login.bodyAsString());
      assertEquals("DIRECTORY_UNAVAILABLE", login.bodyAsJsonObject().getString("error"));
    }
  }
}
