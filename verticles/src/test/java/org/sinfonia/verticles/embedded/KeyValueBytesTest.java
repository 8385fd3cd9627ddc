package org.sinfonia.verticles.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * Index keys written without ObjectOutputStream are byte for byte what H2 wrote with it, and read
 * back equal.
 */
class KeyValueBytesTest {

  private static String randomString(Random r) {
    int length = r.nextInt(5) == 0 ? r.nextInt(3000) : r.nextInt(40);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(
          switch (r.nextInt(6)) {
            case 0 ->
                (char) r.nextInt(0x80); // ASCII, including U+0000 (two bytes in modified UTF-8)
            case 1 -> (char) (0x80 + r.nextInt(0x780)); // two bytes
            case 2 -> (char) (0x800 + r.nextInt(0xF000)); // three bytes, lone surrogates included
            case 3 -> "😀"; // a surrogate pair: two three-byte halves
            default -> (char) ('a' + r.nextInt(26));
          });
    }
    return s.toString();
  }

  private static List<KeyValue> keys() {
    Random r = new Random(7);
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      keys.add(new KeyValue(randomString(r)));
    }
    keys.add(new KeyValue(""));
    keys.add(new KeyValue("Ljava/util/List;")); // a string Java writes as a back-reference here
    keys.add(new KeyValue("java.util.ArrayList"));
    keys.add(new KeyValue("x".repeat(70_000))); // too long for TC_STRING: TC_LONGSTRING, Java's own
    keys.add(new KeyValue("é".repeat(40_000))); // 80,000 bytes of modified UTF-8
    keys.add(new KeyValue(42L));
    keys.add(new KeyValue(42));
    keys.add(new KeyValue(4.2));
    keys.add(new KeyValue("a", "b"));
    keys.add(new KeyValue(List.of("nested")));
    return keys;
  }

  @Test
  void serializesExactlyAsJavaDoes() {
    for (KeyValue key : keys()) {
      byte[] expected = ObjectDataType.serialize(key);
      assertArrayEquals(expected, KeyValueBytes.of(key), key::toString);
      assertEquals(key, KeyValueBytes.read(expected), key::toString);
    }
  }

  @Test
  void theKeyTypeWritesWhatH2WroteAndReadsItBack() {
    ObjectDataType plain = new ObjectDataType();
    SerializedKeyType fast = new SerializedKeyType();
    for (KeyValue key : keys()) {
      WriteBuffer byH2 = new WriteBuffer();
      plain.write(byH2, key);
      WriteBuffer byFast = new WriteBuffer();
      fast.write(byFast, key);
      ByteBuffer written = byFast.getBuffer().flip();
      ByteBuffer expected = byH2.getBuffer().flip();
      assertEquals(expected, written, key::toString);
      assertEquals(key, fast.read(expected), key::toString);
      assertEquals(0, expected.remaining(), "the whole value is consumed");
    }
  }

  @Test
  void readsWhatIsNotAKeyThroughJava() {
    byte[] other = ObjectDataType.serialize(new ArrayList<>(List.of("a", 1)));
    assertEquals(List.of("a", 1), KeyValueBytes.read(other));
  }
}
