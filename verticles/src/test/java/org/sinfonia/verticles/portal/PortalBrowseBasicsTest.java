package org.sinfonia.verticles.portal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.TestNode;

/**
 * The portal's rename and delete dialogs (delete asks first), a zip's "Extract into…" with the
 * folder picker, and the browser session ending by itself after the idle timeout (15 s here), in
 * the system Chromium through web/ui/e2e/browse-basics.e2e.mjs.
 */
class PortalBrowseBasicsTest {

  private TestNode node;
  private PortalWalk walk;

  @BeforeEach
  void start() throws Exception {
    Path profile =
        Files.writeString(
            Files.createTempFile("portal-idle", ".yaml"), "auth:\n  idleTimeout: 15s\n");
    node = TestNode.start(Map.of("SINFONIA_PROFILE", profile.toString()));
    walk = new PortalWalk(node);
  }

  @AfterEach
  void stop() {
    walk.close();
    node.close();
  }

  @ParameterizedTest
  @EnumSource(WalkBrowser.class)
  void renameDeleteAndTheIdleSessionEnding(WalkBrowser browser) throws Exception {
    Api api = Api.demo(node);
    String home = api.expect(200, api.get("alice", "/users/me")).getString("homeFolderId");
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(zip)) {
      for (String name : new String[] {"a.txt", "sub/b.txt"}) {
        out.putNextEntry(new ZipEntry(name));
        out.write(("content of " + name + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    api.upload("alice", home, "bundle.zip", zip.toByteArray());
    walk.run(browser, "browse-basics.e2e.mjs", PortalWalk.dataDir(), Duration.ofMinutes(3));
  }
}
