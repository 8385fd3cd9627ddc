package org.sinfonia.verticles.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The Java-serialized form of an index key, as H2 stores and orders it ({@link
 * ObjectDataType#serialize}), written and read without {@link java.io.ObjectOutputStream} for the
 * key almost every index holds: one string (ids, sibling names). Such a key serializes to a fixed
 * prefix (stream header, the key's and the list's class descriptors), the string as {@code
 * TC_STRING}, length and modified UTF-8, and a fixed end marker; this class learns prefix and
 * marker from one real serialization at start-up and then only splices the string in, so the bytes
 * are identical to Java's and a store's order stays valid. Any other key takes Java serialization.
 */
final class KeyValueBytes {

  private static final byte TC_STRING = 0x74;
  private static final int MAX_SHORT_UTF = 0xFFFF;

  /**
   * Everything before the string; null when the learned layout is not the expected one (never
   * spliced then).
   */
  private static final byte[] PREFIX;

  private static final byte END;

  /**
   * The prefix as text: a string found in it may be written as a back-reference by Java, so it is
   * not spliced.
   */
  private static final String PREFIX_TEXT;

  static {
    byte[] empty = ObjectDataType.serialize(new KeyValue(""));
    int n = empty.length;
    boolean expected = n > 4 && empty[n - 4] == TC_STRING && empty[n - 3] == 0 && empty[n - 2] == 0;
    PREFIX = expected ? Arrays.copyOf(empty, n - 4) : null;
    END = empty[n - 1];
    PREFIX_TEXT = expected ? new String(PREFIX, StandardCharsets.ISO_8859_1) : "";
  }

  private KeyValueBytes() {}

  /** Exactly {@code ObjectDataType.serialize(key)}. */
  static byte[] of(KeyValue key) {
    String s = spliceable(key);
    if (s == null) {
      return ObjectDataType.serialize(key);
    }
    int utf = modifiedUtfLength(s);
    if (utf > MAX_SHORT_UTF) {
      return ObjectDataType.serialize(key);
    }
    byte[] out = Arrays.copyOf(PREFIX, PREFIX.length + 3 + utf + 1);
    int p = PREFIX.length;
    out[p++] = TC_STRING;
    out[p++] = (byte) (utf >>> 8);
    out[p++] = (byte) utf;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        out[p++] = (byte) c;
      } else if (c <= 0x07FF) {
        out[p++] = (byte) (0xC0 | (c >> 6));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      } else {
        out[p++] = (byte) (0xE0 | (c >> 12));
        out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    out[p] = END;
    return out;
  }

  /** The key {@code bytes} (a Java serialization) stand for. */
  static Object read(byte[] bytes) {
    int p = PREFIX == null ? -1 : PREFIX.length;
    if (p < 0
        || bytes.length < p + 4
        || bytes[p] != TC_STRING
        || bytes[bytes.length - 1] != END
        || !Arrays.equals(bytes, 0, p, PREFIX, 0, p)) {
      return ObjectDataType.deserialize(bytes);
    }
    int utf = ((bytes[p + 1] & 0xFF) << 8) | (bytes[p + 2] & 0xFF);
    if (p + 3 + utf + 1 != bytes.length) {
      return ObjectDataType.deserialize(bytes);
    }
    String s = decodeModifiedUtf(bytes, p + 3, utf);
    return s == null ? ObjectDataType.deserialize(bytes) : new KeyValue(s);
  }

  /**
   * What H2 would count for the key in memory (its estimate for serialized objects: twice their
   * bytes).
   */
  static int memory(KeyValue key) {
    String s = spliceable(key);
    return s == null
        ? 2 * ObjectDataType.serialize(key).length
        : 2 * (PREFIX.length + 4 + s.length());
  }

  private static String spliceable(KeyValue key) {
    if (PREFIX == null
        || key.size() != 1
        || !(key.get(0) instanceof String s)
        || PREFIX_TEXT.contains(s)) {
      return null;
    }
    return s;
  }

  private static int modifiedUtfLength(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
    }
    return n;
  }

  /** Null on anything Java's reader would not produce from these bytes (left to it). */
  private static String decodeModifiedUtf(byte[] b, int from, int length) {
    char[] chars = new char[length];
    int n = 0;
    int i = from;
    int end = from + length;
    while (i < end) {
      int x = b[i] & 0xFF;
      if (x < 0x80) {
        chars[n++] = (char) x;
        i++;
      } else if ((x & 0xE0) == 0xC0 && i + 1 < end && (b[i + 1] & 0xC0) == 0x80) {
        chars[n++] = (char) (((x & 0x1F) << 6) | (b[i + 1] & 0x3F));
        i += 2;
      } else if ((x & 0xF0) == 0xE0
          && i + 2 < end
          && (b[i + 1] & 0xC0) == 0x80
          && (b[i + 2] & 0xC0) == 0x80) {
        chars[n++] = (char) (((x & 0x0F) << 12) | ((b[i + 1] & 0x3F) << 6) | (b[i + 2] & 0x3F));
        i += 3;
      } else {
        return null;
      }
    }
    return new String(chars, 0, n);
  }
}
