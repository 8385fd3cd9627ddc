package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: H2's default ({@link ObjectDataType}) stores
 * and orders mongo-java-server's index keys ({@link KeyValue}, not {@link Comparable}) by their
 * Java-serialized bytes, and serialized both keys anew on every comparison of a B-tree search and
 * every key of a page it writes: measured as about a quarter of the embedded server's CPU under
 * STOW-RS. This type writes, reads and orders keys exactly the same (existing stores stay valid),
 * with {@link KeyValueBytes} producing the bytes, and serializes each key object once per
 * comparison run: each thread remembers the bytes of the key objects it compared lately (by
 * identity), so a search serializes its probe once and the keys of pages in memory not again.
 */
final class SerializedKeyType extends ObjectDataType {

  /** {@code ObjectDataType}'s tag for a Java-serialized value. */
  private static final byte TYPE_SERIALIZED_OBJECT = 19;

  /** Keys remembered per thread before the memory starts afresh (a few MB at most). */
  private static final int REMEMBERED = 20_000;

  private final ThreadLocal<Map<Object, byte[]>> bytes =
      ThreadLocal.withInitial(IdentityHashMap::new);

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue && b instanceof KeyValue && a != b) {
      Map<Object, byte[]> remembered = bytes.get();
      if (remembered.size() > REMEMBERED) {
        remembered.clear();
      }
      return compareNotNull(
          remembered.computeIfAbsent(a, k -> KeyValueBytes.of((KeyValue) k)),
          remembered.computeIfAbsent(b, k -> KeyValueBytes.of((KeyValue) k)));
    }
    return super.compare(a, b);
  }

  @Override
  public void write(WriteBuffer buff, Object obj) {
    if (!(obj instanceof KeyValue key)) {
      super.write(buff, obj);
      return;
    }
    byte[] data = KeyValueBytes.of(key);
    buff.put(TYPE_SERIALIZED_OBJECT).putVarInt(data.length).put(data);
  }

  @Override
  public Object read(ByteBuffer buff) {
    if (buff.get(buff.position()) != TYPE_SERIALIZED_OBJECT) {
      return super.read(buff);
    }
    buff.get();
    byte[] data = new byte[DataUtils.readVarInt(buff)];
    buff.get(data);
    return KeyValueBytes.read(data);
  }

  @Override
  public int getMemory(Object obj) {
    return obj instanceof KeyValue key ? KeyValueBytes.memory(key) : super.getMemory(obj);
  }
}
