package org.sinfonia.verticles.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The configuration Sinfonia generates for OHIF, checked against the OHIF build it is served with
 * (verticles/target/viewer, skipped when the build left the viewer out): every key we set is one
 * this version documents in its own default {@code app-config.js}, or one its code reads ({@code
 * appConfig.key}, {@code dicomWebConfig.key}). A key renamed by a new OHIF version fails here
 * instead of being silently ignored by the viewer.
 */
class OhifConfigKeysTest {

  private static final Path DIST = Path.of("target", "viewer").toAbsolutePath();

  @Test
  void everyGeneratedKeyIsOneThisOhifVersionKnows() throws Exception {
    Assumptions.assumeTrue(
        Files.isRegularFile(DIST.resolve("index.html")), "built with -Dviewer.skip=true");
    String defaults = Files.readString(DIST.resolve("app-config.js"));
    String code = bundles();
    JsonObject config;
    try (TestNode node =
        TestNode.start(
            Map.of("SINFONIA_VIEWER_ENABLED", "true", "SINFONIA_VIEWER_DIR", DIST.toString()))) {
      HttpResponse<Buffer> js = Await.result(node.client.get("/viewer/app-config.js").send());
      assertEquals(200, js.statusCode());
      String body = js.bodyAsString();
      config = new JsonObject(body.substring("window.config = ".length(), body.indexOf("};") + 1));
    }
    List<String> unknown = new ArrayList<>();
    for (String key : config.fieldNames()) {
      if (!declared(defaults, key) && !read(code, "(appConfig|config)", key)) {
        unknown.add(key);
      }
    }
    for (Object o : config.getJsonArray("dataSources")) {
      JsonObject source = (JsonObject) o;
      for (String key : source.fieldNames()) {
        if (!declared(defaults, key)) {
          unknown.add("dataSources[]." + key);
        }
      }
      for (String key : source.getJsonObject("configuration").fieldNames()) {
        if (!declared(defaults, key) && !read(code, "dicomWebConfig", key)) {
          unknown.add("dataSources[].configuration." + key);
        }
      }
    }
    // Set in app-config.js as functions (viewer-config.js), so not in the JSON.
    for (String function : List.of("onConfiguration", "createLogoComponentFn")) {
      assertTrue(code.contains("." + function), function + " is read by this OHIF version");
    }
    assertTrue(read(code, "appConfig", "whiteLabeling"), "whiteLabeling is read");
    assertEquals(List.of(), unknown, "keys this OHIF version neither documents nor reads");
  }

  /** The key is set in OHIF's own default configuration ({@code key:} at the start of a line). */
  private static boolean declared(String defaults, String key) {
    return Pattern.compile("(?m)^\\s*(//\\s*)?" + Pattern.quote(key) + "\\s*:")
        .matcher(defaults)
        .find();
  }

  /** The code reads the key from the given object, e.g. {@code appConfig?.showStudyList}. */
  private static boolean read(String code, String object, String key) {
    return Pattern.compile("\\b" + object + "\\??\\." + Pattern.quote(key) + "\\b")
        .matcher(code)
        .find();
  }

  private static String bundles() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.list(DIST)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".js")).sorted().toList()) {
        all.append(Files.readString(f)).append('\n');
      }
    }
    return all.toString();
  }
}
