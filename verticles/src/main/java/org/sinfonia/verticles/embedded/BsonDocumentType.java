package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's collections: a document is written as one tag byte and its
 * BSON (the bytes the wire protocol carries), not Java-serialized as H2's {@link ObjectDataType}
 * does. Java serialization was the largest single cost of the embedded store under STOW-RS (every
 * committed page re-serializes every document on it, and a page read from the file deserializes
 * them all), and its code kept the JIT busy long after warm-up. Values written before this type
 * (tagged by H2) are still read by H2, so an existing store opens unchanged and its pages take the
 * new form as they are rewritten.
 */
final class BsonDocumentType extends ObjectDataType {

  /** Above every tag {@link ObjectDataType} writes (0..119). */
  static final int TAG_BSON_DOCUMENT = 0xB0;

  /** Per-thread encoding buffer; one that grew for a very large document is not kept. */
  private static final int KEPT_CAPACITY = 1 << 20;

  private final ThreadLocal<ByteBuf> scratch =
      ThreadLocal.withInitial(() -> Unpooled.buffer(8 * 1024));

  @Override
  public void write(WriteBuffer buff, Object obj) {
    if (!(obj instanceof Document document)) {
      super.write(buff, obj);
      return;
    }
    ByteBuf bson = scratch.get();
    try {
      bson.clear();
      try {
        BsonEncoder.encodeDocument(document, bson);
      } catch (IllegalArgumentException notBson) {
        // A value the wire encoder does not know (documents arrive through its decoder, so none
        // should): the
        // page must still be written, the old way.
        super.write(buff, obj);
        return;
      }
      buff.put((byte) TAG_BSON_DOCUMENT);
      buff.put(bson.nioBuffer());
    } finally {
      if (bson.capacity() > KEPT_CAPACITY) {
        scratch.remove();
      }
    }
  }

  @Override
  public Object read(ByteBuffer buff) {
    int start = buff.position();
    if ((buff.get(start) & 0xFF) != TAG_BSON_DOCUMENT) {
      return super.read(buff);
    }
    int length = buff.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start + 1);
    ByteBuffer bson = buff.duplicate().position(start + 1).limit(start + 1 + length);
    buff.position(start + 1 + length);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
  }

  /**
   * H2 sizes pages and its cache by this estimate; the plain type's average of past serializations
   * does not see a document's size at all.
   */
  @Override
  public int getMemory(Object obj) {
    return obj instanceof Document
        ? (int) Math.min(Integer.MAX_VALUE, estimate(obj))
        : super.getMemory(obj);
  }

  private static long estimate(Object value) {
    if (value instanceof String s) {
      return 40 + s.length();
    }
    if (value instanceof Map<?, ?> map) {
      long size = 48;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        size += 32 + estimate(e.getKey()) + estimate(e.getValue());
      }
      return size;
    }
    if (value instanceof Collection<?> list) {
      long size = 40;
      for (Object element : list) {
        size += 8 + estimate(element);
      }
      return size;
    }
    if (value instanceof byte[] bytes) {
      return 16 + bytes.length;
    }
    return 24;
  }
}
