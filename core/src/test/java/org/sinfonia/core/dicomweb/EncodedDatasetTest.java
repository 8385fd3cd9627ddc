package org.sinfonia.core.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EncodedDatasetTest {

  private static String write(EncodedDataset d, Set<String> keep) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    d.writeTo(out::writeBytes, keep);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static EncodedDataset sample() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("0020000D", "{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}");
    e.put("00100010", "{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe^Jöhn\"}]}");
    e.put("00080020", "{\"vr\":\"DA\",\"Value\":[\"20240101\"]}");
    return EncodedDataset.of(e);
  }

  @Test
  void writesMembersInTagOrder() {
    assertEquals(
        "{\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240101\"]},\"00100010\":{\"vr\":\"PN\",\"Value\":"
            + "[{\"Alphabetic\":\"Doe^Jöhn\"}]},\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}",
        write(sample(), null));
    assertEquals(List.of("00080020", "00100010", "0020000D"), sample().keys());
  }

  @Test
  void keepsOnlyTheKeysAskedFor() {
    assertEquals(
        "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}",
        write(sample(), Set.of("0020000D", "00081190")));
    assertEquals("{}", write(sample(), Set.of()));
    assertEquals("{}", write(EncodedDataset.of(Map.of()), null));
  }

  @Test
  void computedMembersAreMergedInOrderAndWin() {
    EncodedDataset d =
        sample()
            .with(
                Map.of(
                    "00201206",
                        EncodedDataset.member("00201206", EncodedDataset.numberElement("IS", 2)),
                    "00080020",
                        EncodedDataset.member(
                            "00080020", EncodedDataset.textElement("DA", List.of("19990101"))),
                    "00080061",
                        EncodedDataset.member(
                            "00080061", EncodedDataset.textElement("CS", List.of()))));
    assertEquals(List.of("00080020", "00080061", "00100010", "0020000D", "00201206"), d.keys());
    assertEquals(
        "{\"00080020\":{\"vr\":\"DA\",\"Value\":[\"19990101\"]},\"00080061\":{\"vr\":\"CS\"},"
            + "\"00201206\":{\"vr\":\"IS\",\"Value\":[2]}}",
        write(d, Set.of("00080020", "00080061", "00201206")));
    assertEquals(
        sample().keys(),
        d.keys().stream().filter(sample().keys()::contains).toList()); // original untouched
    EncodedDataset same = sample();
    assertSame(same, same.with(Map.of()));
  }

  @Test
  void anEncodedObjectIsCutIntoItsMembers() {
    String json =
        "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}, \"00100010\" : {\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":"
            + "\"D\\\"oe}^{J]\"}]},\"00080020\":{\"vr\":\"DA\"},\"00280010\":{\"vr\":\"US\",\"Value\":[512,-1.5e3,null,true]}}";
    EncodedDataset d = EncodedDataset.ofObject(json);
    assertEquals(List.of("00080020", "00100010", "0020000D", "00280010"), d.keys());
    assertEquals(
        "{\"00080020\":{\"vr\":\"DA\"},\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"D\\\"oe}^{J]\"}]},"
            + "\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]},\"00280010\":{\"vr\":\"US\",\"Value\":[512,-1.5e3,null,true]}}",
        write(d, null));
    assertEquals("{}", write(EncodedDataset.ofObject(" { } "), null));
  }

  @Test
  void textIsEscaped() {
    assertEquals(
        "{\"vr\":\"UR\",\"Value\":[\"a\\\"b\\\\c\\u0001\"]}",
        EncodedDataset.textElement("UR", List.of("a\"b\\c\u0001")));
  }

  @Test
  void randomMergesEqualAMapMerge() {
    Random r = new Random(6);
    for (int round = 0; round < 500; round++) {
      Map<String, String> base = new TreeMap<>();
      Map<String, byte[]> extra = new LinkedHashMap<>();
      TreeMap<String, String> expected = new TreeMap<>();
      for (int i = r.nextInt(8); i > 0; i--) {
        String k = String.format("%08X", r.nextInt(12));
        base.put(k, "{\"vr\":\"LO\",\"Value\":[\"b" + i + "\"]}");
      }
      expected.putAll(base);
      for (int i = r.nextInt(5); i > 0; i--) {
        String k = String.format("%08X", r.nextInt(12));
        String el = "{\"vr\":\"LO\",\"Value\":[\"x" + i + "\"]}";
        extra.put(k, EncodedDataset.member(k, el));
        expected.put(k, el);
      }
      StringBuilder want = new StringBuilder("{");
      expected.forEach(
          (k, v) ->
              want.append(want.length() > 1 ? "," : "")
                  .append('"')
                  .append(k)
                  .append("\":")
                  .append(v));
      assertEquals(want.append('}').toString(), write(EncodedDataset.of(base).with(extra), null));
    }
  }
}
