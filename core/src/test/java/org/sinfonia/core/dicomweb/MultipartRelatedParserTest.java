package org.sinfonia.core.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartRelatedParserTest {

  private record Part(Map<String, String> headers, byte[] body) {}

  private static final class Recorder implements MultipartRelatedParser.Listener {
    final List<Part> parts = new ArrayList<>();
    Map<String, String> headers;
    ByteArrayOutputStream body;
    int dataCalls;

    @Override
    public void partStart(Map<String, String> h) {
      headers = h;
      body = new ByteArrayOutputStream();
    }

    @Override
    public void partData(ByteBuffer data) {
      dataCalls++;
      byte[] b = new byte[data.remaining()];
      data.get(b);
      body.writeBytes(b);
    }

    @Override
    public void partEnd() {
      parts.add(new Part(headers, body.toByteArray()));
    }
  }

  static byte[] body(String boundary, List<byte[]> parts, boolean close) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("preamble to ignore\r\n".getBytes(StandardCharsets.US_ASCII));
    for (byte[] p : parts) {
      out.writeBytes(
          ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(p);
      out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    if (close) {
      out.writeBytes(("--" + boundary + "--\r\nepilogue").getBytes(StandardCharsets.US_ASCII));
    }
    return out.toByteArray();
  }

  private static Recorder parse(String boundary, byte[] body, int[] splits) throws Exception {
    Recorder r = new Recorder();
    MultipartRelatedParser parser = new MultipartRelatedParser(boundary, r);
    int at = 0;
    for (int s : splits) {
      parser.feed(ByteBuffer.wrap(body, at, s - at).slice());
      at = s;
    }
    parser.feed(ByteBuffer.wrap(body, at, body.length - at).slice());
    parser.end();
    return r;
  }

  /**
   * Bodies full of near-delimiters: CRLF, "--", the boundary without its dashes, a boundary prefix.
   */
  private static List<byte[]> trickyParts(String boundary, Random random) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(new byte[0]);
    parts.add(
        ("\r\n--" + boundary.substring(0, boundary.length() - 1) + "x\r\n--")
            .getBytes(StandardCharsets.US_ASCII));
    byte[] noise = new byte[5000];
    random.nextBytes(noise);
    for (int i = 0; i < noise.length - 40; i += 97) {
      byte[] near = ("\r\n-" + boundary).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(near, 0, noise, i, Math.min(near.length, noise.length - i));
    }
    parts.add(noise);
    parts.add("\r".getBytes(StandardCharsets.US_ASCII));
    parts.add("--".getBytes(StandardCharsets.US_ASCII));
    return parts;
  }

  @Test
  void everyChunkingGivesTheSameParts() throws Exception {
    String boundary = "b0undary-XYZ";
    Random random = new Random(7);
    List<byte[]> parts = trickyParts(boundary, random);
    byte[] body = body(boundary, parts, true);
    Recorder whole = parse(boundary, body, new int[0]);
    assertEquals(parts.size(), whole.parts.size());
    for (int i = 0; i < parts.size(); i++) {
      assertArrayEquals(parts.get(i), whole.parts.get(i).body(), "part " + i);
      assertEquals("application/dicom", whole.parts.get(i).headers().get("content-type"));
    }
    int[] single = new int[body.length - 1];
    for (int i = 0; i < single.length; i++) {
      single[i] = i + 1;
    }
    assertParts(parts, parse(boundary, body, single));
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(30);
      int[] splits = random.ints(n, 1, body.length).sorted().distinct().toArray();
      assertParts(parts, parse(boundary, body, splits));
    }
  }

  private static void assertParts(List<byte[]> expected, Recorder r) {
    assertEquals(expected.size(), r.parts.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), r.parts.get(i).body(), "part " + i);
    }
  }

  @Test
  void largeChunksAreDeliveredAsSlicesNotByteByByte() throws Exception {
    byte[] big = new byte[1 << 20];
    new Random(1).nextBytes(big);
    byte[] body = body("abc123", List.of(big), true);
    int[] splits = new int[15];
    for (int i = 0; i < splits.length; i++) {
      splits[i] = (i + 1) * 65536;
    }
    Recorder r = parse("abc123", body, splits);
    assertArrayEquals(big, r.parts.get(0).body());
    assertTrue(
        r.dataCalls <= 40, "one slice (plus a held-back tail) per chunk, was " + r.dataCalls);
  }

  @Test
  void aBodyWithoutItsClosingDelimiterIsTruncated() {
    byte[] body = body("bnd", List.of(new byte[] {1, 2, 3}), false);
    Recorder r = new Recorder();
    MultipartRelatedParser parser = new MultipartRelatedParser("bnd", r);
    var e =
        assertThrows(
            MultipartRelatedParser.MalformedMultipartException.class,
            () -> {
              parser.feed(ByteBuffer.wrap(body));
              parser.end();
            });
    assertTrue(e.getMessage().contains("inside part 1"), e.getMessage());
  }

  @Test
  void aWrongBoundaryFindsNoPart() {
    byte[] body = body("right", List.of(new byte[] {1}), true);
    MultipartRelatedParser parser = new MultipartRelatedParser("wrong", new Recorder());
    var e =
        assertThrows(
            MultipartRelatedParser.MalformedMultipartException.class,
            () -> {
              parser.feed(ByteBuffer.wrap(body));
              parser.end();
            });
    assertTrue(e.getMessage().contains("no part"), e.getMessage());
    assertEquals(0, parser.parts());
  }

  @Test
  void endlessHeadersAreRefused() {
    String b =
        "--x\r\nContent-Type: " + "a".repeat(MultipartRelatedParser.MAX_HEADER_BYTES) + "\r\n\r\n";
    MultipartRelatedParser parser = new MultipartRelatedParser("x", new Recorder());
    assertThrows(
        MultipartRelatedParser.MalformedMultipartException.class,
        () -> parser.feed(ByteBuffer.wrap(b.getBytes(StandardCharsets.US_ASCII))));
  }
}
