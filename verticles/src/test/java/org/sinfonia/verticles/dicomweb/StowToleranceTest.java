package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.DicomFiles;
import org.sinfonia.verticles.testing.TestNode;

/** STOW-RS stores a file whose file meta names another SOP instance than its data set, with Warning Reason 0xB007. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StowToleranceTest {

  @TempDir
  static Path dir;

  private TestNode node;
  private DicomWeb web;

  @BeforeAll
  void start() {
    node = TestNode.start();
    web = new DicomWeb(node, Api.demo(node));
  }

  @AfterAll
  void stop() {
    node.close();
  }

  @Test
  void aFileMetaNamingAnotherInstanceIsStoredUnderTheDataSetsUidWithAWarning() throws Exception {
    Path file = DicomFiles.ct(dir, "1.2.826.70.1", "1.2.826.70.1.1", "1.2.826.70.1.1.1", "Meta^Wrapper", "TOL", "CT");
    // the file meta's (0002,0003) is written before the data set's (0008,0018): make the first copy another UID
    byte[] bytes = Files.readAllBytes(file);
    int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("1.2.826.70.1.1.1");
    bytes[at + "1.2.826.70.1.1.".length()] = '9';
    Files.write(file, bytes);

    HttpResponse<Buffer> r = web.stow("alice", "/dicom-web/studies", DicomWeb.multipart(List.of(file)));
    assertEquals(202, r.statusCode(), r.bodyAsString());
    JsonObject stored = r.bodyAsJsonObject().getJsonObject("00081199").getJsonArray("Value").getJsonObject(0);
    assertEquals("1.2.826.70.1.1.1", stored.getJsonObject("00081155").getJsonArray("Value").getString(0));
    assertEquals(0xB007, stored.getJsonObject("00081196").getJsonArray("Value").getInteger(0));
    assertEquals(1, web.qido("alice", "/dicom-web/studies/1.2.826.70.1/instances?SOPInstanceUID=1.2.826.70.1.1.1")
        .size(), "indexed under the data set's SOP Instance UID");
  }
}
