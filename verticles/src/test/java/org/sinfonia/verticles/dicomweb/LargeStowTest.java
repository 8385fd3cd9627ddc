package org.sinfonia.verticles.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.streams.ReadStream;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sinfonia.verticles.testing.Api;
import org.sinfonia.verticles.testing.Await;
import org.sinfonia.verticles.testing.NoBlockedThreads;
import org.sinfonia.verticles.testing.TestNode;

/**
 * One STOW-RS part of 5 GiB (an encapsulated instance of five 1 GiB fragments), generated while it
 * is sent and never held in memory, stored in one pass. Slow (disk): runs with {@code -Pslow} or
 * {@code -Dsinfonia.test.slow=true}.
 */
@ExtendWith(NoBlockedThreads.class)
class LargeStowTest {

  private static final long FRAGMENT = 1L << 30;
  private static final int FRAMES = 5;

  @Test
  void aFiveGigabytePartStreamsThrough() {
    Assumptions.assumeTrue(
        Boolean.getBoolean("sinfonia.test.slow"), "slow test: mvn verify -Pslow");
    try (TestNode node = TestNode.start()) {
      Api api = Api.demo(node);
      DicomWeb web = new DicomWeb(node, api);
      long t0 = System.nanoTime();
      HttpResponse<Buffer> r =
          Await.result(
              web.request("alice", HttpMethod.POST, "/dicom-web/studies")
                  .putHeader(
                      "Content-Type",
                      "multipart/related; type=\"application/dicom\"; boundary="
                          + DicomWeb.BOUNDARY)
                  .sendStream(new GeneratedBody()),
              1800);
      double s = (System.nanoTime() - t0) / 1e9;
      assertEquals(200, r.statusCode(), r.bodyAsString());
      System.out.printf("5 GiB part stored in %.1f s (%.0f MiB/s)%n", s, 5 * 1024 / s);
      var instances =
          web.qido("alice", "/dicom-web/studies/1.2.826.99.5/series/1.2.826.99.5.1/instances");
      assertEquals(1, instances.size());
      assertEquals(
          FRAMES,
          instances.getJsonObject(0).getJsonObject("00280008").getJsonArray("Value").getInteger(0));
      HttpResponse<Buffer> meta = web.get("alice", "/dicom-web/studies/1.2.826.99.5/metadata");
      assertTrue(meta.bodyAsString().contains("BulkDataURI"));
    }
  }

  /**
   * Multipart header + DICOM header + five 1 GiB fragments of zeros + closing delimiter, produced
   * on demand.
   */
  private static final class GeneratedBody implements ReadStream<Buffer> {
    private static final Buffer ZEROS = Buffer.buffer(new byte[1 << 20]);
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private int fragment;
    private long leftInFragment = -1;
    private boolean done;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private long demand = Long.MAX_VALUE;
    private boolean emitting;

    GeneratedBody() {
      pending.add(
          Buffer.buffer(
              ("--" + DicomWeb.BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII)));
      pending.add(Buffer.buffer(header()));
    }

    private Buffer next() {
      if (!pending.isEmpty()) {
        return pending.poll();
      }
      if (leftInFragment > 0) {
        int n = (int) Math.min(ZEROS.length(), leftInFragment);
        leftInFragment -= n;
        return n == ZEROS.length() ? ZEROS : ZEROS.slice(0, n);
      }
      if (fragment < FRAMES) {
        fragment++;
        leftInFragment = FRAGMENT;
        return Buffer.buffer(item(0xE000, (int) FRAGMENT));
      }
      if (!done) {
        done = true;
        return Buffer.buffer(item(0xE0DD, 0)).appendString("\r\n--" + DicomWeb.BOUNDARY + "--\r\n");
      }
      return null;
    }

    private void emit() {
      if (emitting) {
        return;
      }
      emitting = true;
      try {
        while (demand > 0 && handler != null) {
          Buffer b = next();
          if (b == null) {
            if (endHandler != null) {
              Handler<Void> h = endHandler;
              endHandler = null;
              h.handle(null);
            }
            return;
          }
          if (demand != Long.MAX_VALUE) {
            demand--;
          }
          handler.handle(b);
        }
      } finally {
        emitting = false;
      }
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      handler = h;
      emit();
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      demand = 0;
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      emit();
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      endHandler = h;
      return this;
    }
  }

  static byte[] item(int element, int length) {
    return ByteBuffer.allocate(8)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort((short) 0xFFFE)
        .putShort((short) element)
        .putInt(length)
        .array();
  }

  /**
   * Part 10 header of an encapsulated (JPEG baseline) instance up to and including the pixel data
   * element header.
   */
  static byte[] header() {
    String ts = "1.2.840.10008.1.2.4.50";
    String sopClass = "1.2.840.10008.5.1.4.1.1.12.1";
    String sop = "1.2.826.99.5.1.1";
    ByteArrayOutputStream meta = new ByteArrayOutputStream();
    element(meta, 0x0002, 0x0001, "OB", new byte[] {0, 1});
    element(meta, 0x0002, 0x0002, "UI", uid(sopClass));
    element(meta, 0x0002, 0x0003, "UI", uid(sop));
    element(meta, 0x0002, 0x0010, "UI", uid(ts));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[128]);
    out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
    element(
        out,
        0x0002,
        0x0000,
        "UL",
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(meta.size()).array());
    out.writeBytes(meta.toByteArray());
    element(out, 0x0008, 0x0016, "UI", uid(sopClass));
    element(out, 0x0008, 0x0018, "UI", uid(sop));
    element(out, 0x0008, 0x0060, "CS", text("XA"));
    element(out, 0x0010, 0x0010, "PN", text("Large^Part"));
    element(out, 0x0010, 0x0020, "LO", text("BIG-5"));
    element(out, 0x0020, 0x000D, "UI", uid("1.2.826.99.5"));
    element(out, 0x0020, 0x000E, "UI", uid("1.2.826.99.5.1"));
    element(out, 0x0028, 0x0002, "US", new byte[] {1, 0});
    element(out, 0x0028, 0x0004, "CS", text("MONOCHROME2"));
    element(out, 0x0028, 0x0008, "IS", text(Integer.toString(FRAMES)));
    element(out, 0x0028, 0x0010, "US", new byte[] {0, 4});
    element(out, 0x0028, 0x0011, "US", new byte[] {0, 4});
    element(out, 0x0028, 0x0100, "US", new byte[] {8, 0});
    out.writeBytes(new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1});
    out.writeBytes(item(0xE000, 0)); // empty Basic Offset Table
    return out.toByteArray();
  }

  private static byte[] uid(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1);
  }

  private static byte[] text(String s) {
    return (s.length() % 2 == 0 ? s : s + " ").getBytes(StandardCharsets.US_ASCII);
  }

  private static void element(
      ByteArrayOutputStream out, int group, int element, String vr, byte[] value) {
    boolean longLength = vr.equals("OB");
    ByteBuffer h =
        ByteBuffer.allocate(longLength ? 12 : 8)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) group)
            .putShort((short) element)
            .put(vr.getBytes(StandardCharsets.US_ASCII));
    if (longLength) {
      h.putShort((short) 0).putInt(value.length);
    } else {
      h.putShort((short) value.length);
    }
    out.writeBytes(h.array());
    out.writeBytes(value);
  }
}
