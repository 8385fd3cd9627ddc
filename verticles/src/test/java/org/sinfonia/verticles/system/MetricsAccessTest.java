package org.sinfonia.verticles.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * {@code /metrics} tells load, activity and versions: on the main port it is for site
 * administrators only; with a management port it moves there, without authentication, and leaves
 * the main port. {@code /health} stays public.
 */
@ExtendWith(NoBlockedThreads.class)
class MetricsAccessTest {

  @Test
  void onTheMainPortOnlySiteAdministratorsReadMetrics() {
    try (TestNode node = TestNode.start()) {
      assertEquals(-1, node.node.managementPort());
      assertEquals(401, get(node.client, "/metrics", null).statusCode(), "anonymous");
      HttpResponse<Buffer> alice =
          get(node.client, "/metrics", "Bearer " + node.login("alice", "alice-demo"));
      assertEquals(403, alice.statusCode());
      assertTrue(alice.bodyAsString().contains("ADMIN_REQUIRED"), alice.bodyAsString());
      HttpResponse<Buffer> admin = get(node.client, "/metrics", basic("admin", "admin-demo"));
      assertEquals(200, admin.statusCode());
      assertTrue(admin.bodyAsString().contains("jvm_memory_used_bytes"), "Prometheus text");
      assertEquals(200, get(node.client, "/health", null).statusCode(), "health stays public");
    }
  }

  @Test
  void aManagementPortServesMetricsAndHealthWithoutLoginAndTakesMetricsOffTheMainPort() {
    try (TestNode node = TestNode.start(Map.of("SINFONIA_MANAGEMENT_PORT", "0"))) {
      int port = node.node.managementPort();
      assertTrue(port > 0 && port != node.port(), "a port of its own: " + port);
      WebClient management = WebClient.create(node.vertx);
      HttpResponse<Buffer> metrics =
          Await.result(management.get(port, "127.0.0.1", "/metrics").send());
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.bodyAsString().contains("jvm_memory_used_bytes"));
      assertEquals(
          200, Await.result(management.get(port, "127.0.0.1", "/health").send()).statusCode());
      assertEquals(
          404,
          Await.result(management.get(port, "127.0.0.1", "/api/v1/users/me").send()).statusCode(),
          "nothing else is served there");
      assertEquals(
          404,
          get(node.client, "/metrics", basic("admin", "admin-demo")).statusCode(),
          "not on the main port, even for an administrator");
      management.close();
    }
  }

  private static HttpResponse<Buffer> get(WebClient client, String path, String authorization) {
    var request = client.get(path);
    if (authorization != null) {
      request.putHeader("Authorization", authorization);
    }
    return Await.result(request.send());
  }

  private static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
  }
}
