package org.sinfonia.core.dicomweb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DICOM JSON data set kept as its members already encoded ({@code "00100010":{"vr":"PN",...}} as
 * UTF-8), in tag order. A search result is then written by copying the bytes of the members asked
 * for, instead of building an object per result and encoding it again on every request. Immutable:
 * {@link #with} makes a new data set that shares the members' bytes.
 */
public final class EncodedDataset {

  /** Where written bytes go: a Vert.x buffer in the web layer, a byte stream in tests. */
  @FunctionalInterface
  public interface Sink {
    void append(byte[] bytes);
  }

  private static final byte[] EMPTY_OBJECT = {'{', '}'};
  private static final byte[] OPEN = {'{'};
  private static final byte[] COMMA = {','};
  private static final byte[] CLOSE = {'}'};

  private final String[] keys;
  private final byte[][] members;

  private EncodedDataset(String[] keys, byte[][] members) {
    this.keys = keys;
    this.members = members;
  }

  /**
   * @param elements each DICOM JSON key ("0020000D") with its element's JSON text ({@code
   *     {"vr":"UI",...}})
   */
  public static EncodedDataset of(Map<String, String> elements) {
    String[] keys = elements.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    byte[][] members = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      members[i] = member(keys[i], elements.get(keys[i]));
    }
    return new EncodedDataset(keys, members);
  }

  /**
   * A data set from one encoded JSON object (as a JSON library writes it: {@code
   * {"key":{...},...}}), cut into its members without parsing their values: one encoding of the
   * whole object instead of one per member.
   */
  public static EncodedDataset ofObject(String json) {
    int n = json.length();
    java.util.TreeMap<String, byte[]> sorted = new java.util.TreeMap<>();
    int i = JsonScan.skipSpace(json, 0);
    if (i >= n || json.charAt(i) != '{') {
      throw new IllegalArgumentException("not a JSON object");
    }
    i = JsonScan.skipSpace(json, i + 1);
    while (i < n && json.charAt(i) != '}') {
      int keyEnd = JsonScan.skipString(json, i);
      String key = json.substring(i + 1, keyEnd - 1);
      int valueStart = JsonScan.skipSpace(json, json.indexOf(':', keyEnd) + 1);
      int valueEnd = JsonScan.skipValue(json, valueStart);
      sorted.put(key, member(key, json.substring(valueStart, valueEnd)));
      i = JsonScan.skipSpace(json, valueEnd);
      if (i < n && json.charAt(i) == ',') {
        i = JsonScan.skipSpace(json, i + 1);
      }
    }
    String[] keys = sorted.keySet().toArray(new String[0]);
    return new EncodedDataset(keys, sorted.values().toArray(new byte[0][]));
  }

  /** One member's bytes: {@code "key":element}. */
  public static byte[] member(String key, String elementJson) {
    return ('"' + key + "\":" + elementJson).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * An element of text values ({@code CS}, {@code UR}, ...), without a {@code Value} when there is
   * none.
   */
  public static String textElement(String vr, List<String> values) {
    StringBuilder b =
        new StringBuilder(32 + values.size() * 16).append("{\"vr\":\"").append(vr).append('"');
    if (!values.isEmpty()) {
      b.append(",\"Value\":[");
      for (int i = 0; i < values.size(); i++) {
        b.append(i == 0 ? "" : ",").append(JsonText.quote(values.get(i)));
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  /** An element of one integer value ({@code IS}, {@code US}, ...). */
  public static String numberElement(String vr, long value) {
    return "{\"vr\":\"" + vr + "\",\"Value\":[" + value + "]}";
  }

  /** The keys present, in tag order. */
  public List<String> keys() {
    return List.of(keys);
  }

  /**
   * This data set with members added, replacing those of the same key (computed attributes).
   *
   * @param extra keys with their member bytes (see {@link #member}), in any order
   */
  public EncodedDataset with(Map<String, byte[]> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    String[] extraKeys = extra.keySet().toArray(new String[0]);
    Arrays.sort(extraKeys);
    String[] k = new String[keys.length + extraKeys.length];
    byte[][] m = new byte[k.length][];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < keys.length || j < extraKeys.length) {
      int c = i == keys.length ? 1 : j == extraKeys.length ? -1 : keys[i].compareTo(extraKeys[j]);
      if (c < 0) {
        k[n] = keys[i];
        m[n++] = members[i++];
      } else {
        if (c == 0) {
          i++; // the computed value wins
        }
        k[n] = extraKeys[j];
        m[n++] = extra.get(extraKeys[j++]);
      }
    }
    return new EncodedDataset(Arrays.copyOf(k, n), Arrays.copyOf(m, n));
  }

  /**
   * Writes the data set as one JSON object, with only the members whose keys are in {@code keep}
   * (all if null).
   */
  public void writeTo(Sink out, Set<String> keep) {
    if (keys.length == 0) {
      out.append(EMPTY_OBJECT);
      return;
    }
    out.append(OPEN);
    boolean first = true;
    for (int i = 0; i < keys.length; i++) {
      if (keep == null || keep.contains(keys[i])) {
        if (!first) {
          out.append(COMMA);
        }
        out.append(members[i]);
        first = false;
      }
    }
    out.append(CLOSE);
  }
}
