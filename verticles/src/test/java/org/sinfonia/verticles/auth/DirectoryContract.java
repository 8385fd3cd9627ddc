package org.sinfonia.verticles.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TcpConnections;
import org.sinfonia.verticles.testing.TestNode;

/** What every directory (embedded UnboundID, real OpenLDAP) must give Sinfonia's login. */
abstract class DirectoryContract {

  abstract TestNode node();

  private JsonObject me(String user, String password) {
    HttpResponse<Buffer> r =
        Await.result(
            node()
                .client
                .get("/api/v1/users/me")
                .putHeader("Authorization", "Bearer " + node().login(user, password))
                .send());
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject();
  }

  @Test
  void demoAccountsResolveWithTheirGroups() {
    assertEquals(List.of("physicists"), me("alice", "alice-demo").getJsonArray("groups").getList());
    assertEquals(List.of("radiologists"), me("bob", "bob-demo").getJsonArray("groups").getList());
    JsonObject admin = me("admin", "admin-demo");
    assertTrue(admin.getBoolean("admin"));
    JsonObject carol = me("carol", "carol-demo");
    assertTrue(carol.getJsonArray("groups").isEmpty());
    assertFalse(carol.getBoolean("admin"));
    assertEquals("Carol Researcher", carol.getString("name"));
  }

  @Test
  void wrongPasswordIsRefused() {
    HttpResponse<Buffer> r =
        Await.result(
            node()
                .client
                .post("/api/v1/auth/token")
                .sendJsonObject(
                    new JsonObject().put("username", "bob").put("password", "alice-demo")));
    assertEquals(401, r.statusCode());
    assertEquals("INVALID_CREDENTIALS", r.bodyAsJsonObject().getString("error"));
  }

  @Test
  void aThousandLoginsKeepTheDirectoryConnectionsBounded() throws Exception {
    int port = URI.create(node().node.directoryUrl()).getPort();
    String[][] accounts = {
      {"alice", "alice-demo"}, {"bob", "bob-demo"}, {"carol", "carol-demo"}, {"admin", "admin-demo"}
    };
    for (int batch = 0; batch < 20; batch++) {
      List<Future<HttpResponse<Buffer>>> logins = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        String[] a = accounts[i % accounts.length];
        logins.add(
            node()
                .client
                .post("/api/v1/auth/token")
                .sendJsonObject(new JsonObject().put("username", a[0]).put("password", a[1])));
      }
      for (Future<HttpResponse<Buffer>> f : logins) {
        assertEquals(200, Await.result(f).statusCode());
      }
    }
    long open = TcpConnections.establishedTo(port);
    int pool = node().config.ldap().poolSize();
    assertTrue(
        open <= pool,
        "after 1,000 logins " + open + " connections are open to the directory; pool size " + pool);
  }
}
