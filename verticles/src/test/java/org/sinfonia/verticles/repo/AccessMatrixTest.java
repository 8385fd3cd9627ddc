package org.sinfonia.verticles.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Every repository endpoint against every kind of caller: anonymous, carol (no grant), bob (READ
 * grant), alice (WRITE grant), dave (WRITE through his group), erin (owner: ADMIN from creating the
 * folder) and the site administrator. Callers who cannot read get 404, callers who can read but not
 * enough get 403.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NoBlockedThreads.class)
class AccessMatrixTest {

  private static final List<String> CALLERS =
      List.of("anonymous", "carol", "bob", "alice", "dave", "erin", "admin");

  /** Each caller's level on the folder under test: -1 none, 0 read, 1 write, 2 admin. */
  private static final Map<String, Integer> LEVEL =
      Map.of("anonymous", -1, "carol", -1, "bob", 0, "alice", 1, "dave", 1, "erin", 2, "admin", 2);

  private TestNode node;
  private Api api;
  private String collection;
  private String folder;
  private int counter;

  @BeforeAll
  void start() {
    node =
        TestNode.start(
            Map.of(
                "SINFONIA_LDAP_SEED_LDIF",
                Path.of("src/test/resources/ldap/matrix.ldif").toAbsolutePath().toString()));
    api = Api.demo(node);
    collection =
        api.id(
            201, api.post("admin", "/collections", new JsonObject().put("name", "Brain tumours")));
    api.expect(
        200,
        api.put(
            "admin",
            "/collections/" + collection + "/access",
            Api.acl(false, Map.of("erin", 1), Map.of())));
    folder =
        api.id(
            201,
            api.post(
                "erin",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", collection)
                    .put("name", "Cohort A")));
    api.expect(
        200,
        api.put(
            "erin",
            "/folders/" + folder + "/access",
            Api.acl(false, Map.of("erin", 2, "bob", 0, "alice", 1), Map.of("oncologists", 1))));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  private String unique(String prefix) {
    return prefix + "-" + (++counter);
  }

  /** A fresh item with one file in the folder under test: {itemId, fileId}. */
  private String[] itemWithFile() {
    JsonObject file = api.upload("erin", folder, unique("scan") + ".bin", new byte[] {1, 2, 3, 4});
    return new String[] {file.getString("itemId"), file.getString("id")};
  }

  /**
   * {@code bodyParent}: the resource is named in the body of a route that first needs a logged-in
   * user.
   */
  private record Endpoint(
      String name, int needed, Function<String, HttpResponse<Buffer>> call, boolean bodyParent) {
    Endpoint(String name, int needed, Function<String, HttpResponse<Buffer>> call) {
      this(name, needed, call, false);
    }
  }

  private List<Endpoint> endpoints() {
    List<Endpoint> e = new ArrayList<>();
    e.add(new Endpoint("GET folder", 0, u -> api.get(u, "/folders/" + folder)));
    e.add(
        new Endpoint(
            "list subfolders",
            0,
            u -> api.get(u, "/folders?parentType=folder&parentId=" + folder)));
    e.add(new Endpoint("list items", 0, u -> api.get(u, "/items?folderId=" + folder)));
    e.add(new Endpoint("GET item", 0, u -> api.get(u, "/items/" + itemWithFile()[0])));
    e.add(new Endpoint("item files", 0, u -> api.get(u, "/items/" + itemWithFile()[0] + "/files")));
    e.add(new Endpoint("GET file", 0, u -> api.get(u, "/files/" + itemWithFile()[1])));
    e.add(
        new Endpoint("download", 0, u -> api.get(u, "/files/" + itemWithFile()[1] + "/download")));
    e.add(
        new Endpoint(
            "create folder",
            1,
            u ->
                api.post(
                    u,
                    "/folders",
                    new JsonObject()
                        .put("parentType", "folder")
                        .put("parentId", folder)
                        .put("name", unique("sub"))),
            true));
    e.add(
        new Endpoint(
            "create item",
            1,
            u ->
                api.post(
                    u,
                    "/items",
                    new JsonObject().put("folderId", folder).put("name", unique("item"))),
            true));
    e.add(
        new Endpoint(
            "upload",
            1,
            u ->
                api.call(
                    u,
                    HttpMethod.POST,
                    "/folders/" + folder + "/files?name=" + unique("up"),
                    Buffer.buffer("data"))));
    e.add(
        new Endpoint(
            "patch folder",
            1,
            u ->
                api.patch(
                    u,
                    "/folders/" + folder,
                    new JsonObject().put("meta", new JsonObject().put("touchedBy", u)))));
    e.add(
        new Endpoint(
            "patch item",
            1,
            u ->
                api.patch(
                    u, "/items/" + itemWithFile()[0], new JsonObject().put("description", "x"))));
    e.add(new Endpoint("delete item", 1, u -> api.delete(u, "/items/" + itemWithFile()[0])));
    e.add(new Endpoint("delete file", 1, u -> api.delete(u, "/files/" + itemWithFile()[1])));
    e.add(
        new Endpoint(
            "copy item here",
            1,
            u ->
                api.post(
                    u,
                    "/items/" + itemWithFile()[0] + "/copy",
                    new JsonObject().put("parentId", folder))));
    e.add(new Endpoint("GET access", 2, u -> api.get(u, "/folders/" + folder + "/access")));
    e.add(
        new Endpoint(
            "PUT access",
            2,
            u ->
                api.put(
                    u,
                    "/folders/" + folder + "/access",
                    Api.acl(
                        false,
                        Map.of("erin", 2, "bob", 0, "alice", 1),
                        Map.of("oncologists", 1)))));
    e.add(
        new Endpoint(
            "delete subfolder",
            2,
            u -> {
              String sub =
                  api.id(
                      201,
                      api.post(
                          "erin",
                          "/folders",
                          new JsonObject()
                              .put("parentType", "folder")
                              .put("parentId", folder)
                              .put("name", unique("doomed"))));
              return api.delete(u, "/folders/" + sub);
            }));
    return e;
  }

  @Test
  void everyEndpointForEveryCaller() {
    Map<String, String> failures = new LinkedHashMap<>();
    for (Endpoint endpoint : endpoints()) {
      for (String caller : CALLERS) {
        int level = LEVEL.get(caller);
        HttpResponse<Buffer> r = endpoint.call.apply(caller);
        int expected =
            level >= endpoint.needed
                ? -1
                : caller.equals("anonymous") && endpoint.bodyParent ? 401 : level < 0 ? 404 : 403;
        boolean ok = expected == -1 ? r.statusCode() < 300 : r.statusCode() == expected;
        if (!ok) {
          failures.put(endpoint.name + " as " + caller, r.statusCode() + " " + r.bodyAsString());
        }
      }
    }
    assertTrue(failures.isEmpty(), "unexpected answers: " + failures);
  }

  @Test
  void searchAndListingsShowOnlyWhatTheCallerMayRead() {
    String hidden =
        api.id(
            201,
            api.post("admin", "/collections", new JsonObject().put("name", "Hidden matrixword")));
    api.id(
        201,
        api.post(
            "admin",
            "/folders",
            new JsonObject()
                .put("parentType", "collection")
                .put("parentId", hidden)
                .put("name", "matrixword secret")));
    api.id(
        201,
        api.post(
            "erin",
            "/folders",
            new JsonObject()
                .put("parentType", "folder")
                .put("parentId", folder)
                .put("name", "matrixword visible")));
    for (String caller : CALLERS) {
      JsonArray hits = api.expectList(api.get(caller, "/search?q=matrixw"));
      List<String> names = hits.stream().map(o -> ((JsonObject) o).getString("name")).toList();
      boolean reader = LEVEL.get(caller) >= 0;
      assertEquals(reader, names.contains("matrixword visible"), caller + " sees " + names);
      assertEquals(
          caller.equals("admin"), names.contains("matrixword secret"), caller + " sees " + names);
      assertEquals(
          caller.equals("admin"), names.contains("Hidden matrixword"), caller + " sees " + names);
      List<String> collections =
          api.expectList(api.get(caller, "/collections")).stream()
              .map(o -> ((JsonObject) o).getString("name"))
              .toList();
      assertEquals(
          caller.equals("admin"),
          collections.contains("Hidden matrixword"),
          caller + ": " + collections);
    }
  }

  @Test
  void anAccessChangeReachesInheritingFoldersAndRecurseReachesAll() {
    String top =
        api.id(
            201,
            api.post(
                "erin",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", unique("top"))));
    String inheriting =
        api.id(
            201,
            api.post(
                "erin",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", top)
                    .put("name", "inheriting")));
    // alice has WRITE only, so the folder she creates gets an ACL of its own that makes her ADMIN.
    String own =
        api.id(
            201,
            api.post(
                "alice",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", top)
                    .put("name", "alices")));
    assertTrue(api.expect(200, api.get("alice", "/folders/" + own)).getBoolean("ownAcl"));
    String file = api.upload("erin", inheriting, "deep.bin", new byte[] {9}).getString("id");

    api.expect(404, api.get("carol", "/folders/" + inheriting));
    api.expect(
        200,
        api.put(
            "erin",
            "/folders/" + top + "/access",
            Api.acl(false, Map.of("erin", 2, "carol", 0), Map.of())));
    api.expect(200, api.get("carol", "/folders/" + inheriting));
    api.expect(200, api.get("carol", "/files/" + file + "/download"));
    api.expect(404, api.get("bob", "/folders/" + inheriting));
    api.expect(404, api.get("carol", "/folders/" + own));
    assertEquals(2, api.expect(200, api.get("alice", "/folders/" + own)).getInteger("accessLevel"));

    api.expect(
        200,
        api.call(
            "erin",
            HttpMethod.PUT,
            "/folders/" + top + "/access?recurse=true",
            Api.acl(false, Map.of("erin", 2, "carol", 0), Map.of())));
    api.expect(200, api.get("carol", "/folders/" + own));
    api.expect(404, api.get("alice", "/folders/" + own));
  }

  @Test
  void movingBetweenFoldersChangesWhoCanSee() {
    String privateFolder =
        api.id(
            201,
            api.post(
                "erin",
                "/folders",
                new JsonObject()
                    .put("parentType", "collection")
                    .put("parentId", collection)
                    .put("name", unique("erins private"))));
    api.expect(
        200,
        api.put(
            "erin",
            "/folders/" + privateFolder + "/access",
            Api.acl(false, Map.of("erin", 2), Map.of())));
    String[] item = itemWithFile();
    api.expect(200, api.get("bob", "/files/" + item[1] + "/download"));
    api.expect(
        200, api.put("erin", "/items/" + item[0], new JsonObject().put("parentId", privateFolder)));
    api.expect(404, api.get("bob", "/items/" + item[0]));
    api.expect(404, api.get("bob", "/files/" + item[1] + "/download"));

    String moving =
        api.id(
            201,
            api.post(
                "erin",
                "/folders",
                new JsonObject()
                    .put("parentType", "folder")
                    .put("parentId", folder)
                    .put("name", unique("moving"))));
    String inside = api.upload("erin", moving, "inside.bin", new byte[] {7}).getString("id");
    api.expect(200, api.get("bob", "/files/" + inside));
    api.expect(
        200,
        api.put(
            "erin",
            "/folders/" + moving,
            new JsonObject().put("parentType", "folder").put("parentId", privateFolder)));
    api.expect(404, api.get("bob", "/folders/" + moving));
    api.expect(404, api.get("bob", "/files/" + inside));
    assertFalse(
        api.expectList(api.get("bob", "/search?q=inside")).stream()
            .anyMatch(o -> ((JsonObject) o).getString("id").equals(inside)));
    // alice may write in the folder but not ADMIN it, so she cannot move it anywhere.
    api.expect(
        403,
        api.put(
            "alice",
            "/folders/" + folder,
            new JsonObject().put("parentType", "folder").put("parentId", privateFolder)));
  }
}
