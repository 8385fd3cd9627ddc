package org.sinfonia.verticles.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * Documents stored as BSON read back equal, with their Java types; documents H2 Java-serialized
 * still read.
 */
class BsonDocumentTypeTest {

  /** Lists as the wire decoder makes them (the only way documents reach the store). */
  private static List<Object> list(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  private static Document rich() {
    Document nested =
        new Document("level", "SERIES").append("n", 3).append("list", list(1L, "two", 3.5));
    return new Document("_id", "0f6c1e1a-3b1d-4b8e-9d55-4f1c6f1d2a77")
        .append("int", 7)
        .append("long", 1L << 40)
        .append("double", 0.25)
        .append("bool", true)
        .append("null", null)
        .append("text", "Ünïcødé 😀 " + "x".repeat(5000))
        .append("at", Instant.ofEpochMilli(1_764_000_000_000L))
        .append("oid", new ObjectId())
        .append("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
        .append("bytes", new BinData(new byte[] {0, 1, 2, (byte) 255}))
        .append("nested", nested)
        .append("docs", list(new Document("a", 1), new Document("b", list())));
  }

  private static Object roundTrip(ObjectDataType writer, ObjectDataType reader, Object value) {
    WriteBuffer out = new WriteBuffer();
    writer.write(out, "before"); // values lie back to back on a page
    writer.write(out, value);
    writer.write(out, "after");
    ByteBuffer in = out.getBuffer().flip();
    assertEquals("before", reader.read(in));
    Object read = reader.read(in);
    assertEquals("after", reader.read(in));
    assertEquals(0, in.remaining());
    return read;
  }

  @Test
  void aDocumentReadsBackEqualWithItsTypes() {
    BsonDocumentType type = new BsonDocumentType();
    Document original = rich();
    Document read = (Document) roundTrip(type, type, original);
    assertEquals(
        original.keySet().stream().toList(), read.keySet().stream().toList(), "field order kept");
    for (String key : original.keySet()) {
      Object expected = original.get(key);
      Object actual = read.get(key);
      assertEquals(expected, actual, key);
      assertEquals(
          expected == null ? null : expected.getClass(),
          actual == null ? null : actual.getClass(),
          key);
    }
  }

  @Test
  void aDocumentJavaSerializedByH2StillReads() {
    Document original = rich();
    assertEquals(original, roundTrip(new ObjectDataType(), new BsonDocumentType(), original));
  }

  @Test
  void aValueBsonCannotCarryIsStillStored() {
    Document odd = new Document("raw", new byte[] {1, 2, 3}); // never sent by the wire decoder
    Document read = (Document) roundTrip(new BsonDocumentType(), new BsonDocumentType(), odd);
    assertTrue(Arrays.equals(new byte[] {1, 2, 3}, (byte[]) read.get("raw")));
  }

  @Test
  void estimatesADocumentBySize() {
    BsonDocumentType type = new BsonDocumentType();
    int small = type.getMemory(new Document("a", 1));
    int large = type.getMemory(rich());
    assertTrue(small < 200 && large > 5000, small + " / " + large);
  }
}
