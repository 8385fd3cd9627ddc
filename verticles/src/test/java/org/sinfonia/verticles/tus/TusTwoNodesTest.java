package org.sinfonia.verticles.tus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * Two nodes over one database and one file system, as behind a load balancer: a client whose
 * PATCHes land on alternate nodes uploads one file. Each PATCH takes the lock the other node kept
 * for its client's next PATCH (asking for it through the database), reads the upload afresh,
 * rebuilds the running SHA-256 and DICOM state from the bytes already written, and the result is
 * byte-identical wherever it is read.
 */
@ExtendWith(NoBlockedThreads.class)
class TusTwoNodesTest {

  private static final int MIB = 1 << 20;

  @Test
  void patchesAlternatingBetweenNodesMakeOneByteIdenticalFile() throws Exception {
    try (TusFixture f = new TusFixture(Map.of("SINFONIA_TUS_LOCK_HANDOVER", "30s"));
        TestNode other =
            TestNode.start(
                Map.of(
                    "SINFONIA_DATA_DIR",
                    f.node.dataDir.toString(),
                    "SINFONIA_MONGO_URI",
                    f.node.node.mongoUri(),
                    "SINFONIA_TUS_LOCK_HANDOVER",
                    "30s"))) {
      Api otherApi = Api.demo(other);
      byte[] data = TusFixture.random(3 * MIB + 123, 21);
      String upload = f.create("alice", data.length, "two-nodes.bin");

      f.patch(upload, 0, Arrays.copyOfRange(data, 0, MIB)).expect(204);
      HttpResponse<Buffer> second =
          new TusRequest(other, otherApi, HttpMethod.PATCH, upload)
              .header("Upload-Offset", MIB)
              .bytes(Arrays.copyOfRange(data, MIB, 2 * MIB))
              .expect(204);
      assertEquals(String.valueOf(2 * MIB), second.getHeader("Upload-Offset"));
      HttpResponse<Buffer> head =
          new TusRequest(f.node, f.api, HttpMethod.HEAD, upload).expect(200);
      assertEquals(
          String.valueOf(2 * MIB),
          head.getHeader("Upload-Offset"),
          "the first node sees the second's PATCH");

      HttpResponse<Buffer> last =
          f.patch(upload, 2L * MIB, Arrays.copyOfRange(data, 2 * MIB, data.length)).expect(204);
      String fileId = last.getHeader("Sinfonia-File-Id");
      assertNotNull(fileId);
      assertArrayEquals(data, f.download(fileId));
      byte[] viaOther = otherApi.get("alice", "/files/" + fileId + "/download").body().getBytes();
      assertArrayEquals(data, viaOther);
      assertEquals(
          TusFixture.sha256(data),
          f.api.expect(200, f.api.get("alice", "/files/" + fileId)).getString("sha256"));
    }
  }
}
