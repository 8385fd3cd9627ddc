package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.IdentityHashMap;
import java.util.Map;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes: H2's default ({@link ObjectDataType}), which stores and
 * orders mongo-java-server's index keys ({@link KeyValue}, not {@link Comparable}) by their Java-serialized bytes,
 * serializing both keys anew on every comparison of a B-tree search: measured as about a quarter of the embedded
 * server's CPU under STOW-RS. This type writes, reads and orders keys exactly the same (existing stores stay
 * valid) but serializes each key object once: each thread remembers the bytes of the key objects it compared
 * lately (by identity), so a search serializes its probe once and the keys of pages in memory not again.
 */
final class SerializedKeyType extends ObjectDataType {

  /** Keys remembered per thread before the memory starts afresh (a few MB at most). */
  private static final int REMEMBERED = 20_000;

  private final ThreadLocal<Map<Object, byte[]>> bytes = ThreadLocal.withInitial(IdentityHashMap::new);

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue && b instanceof KeyValue && a != b) {
      Map<Object, byte[]> remembered = bytes.get();
      if (remembered.size() > REMEMBERED) {
        remembered.clear();
      }
      return compareNotNull(remembered.computeIfAbsent(a, ObjectDataType::serialize),
          remembered.computeIfAbsent(b, ObjectDataType::serialize));
    }
    return super.compare(a, b);
  }
}
