package org.sinfonia.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

  @Test
  void typedValuesWithUnits() {
    ConfigTree t =
        ConfigTree.root(
            Map.of(
                "a",
                Map.of(
                    "d", "15m", "ms", "250ms", "bare", 30, "size", "64MiB", "list", "x, y", "flag",
                    "yes")));
    ConfigTree a = t.section("a");
    assertEquals(Duration.ofMinutes(15), a.duration("d", Duration.ZERO));
    assertEquals(Duration.ofMillis(250), a.duration("ms", Duration.ZERO));
    assertEquals(Duration.ofSeconds(30), a.duration("bare", Duration.ZERO));
    assertEquals(64L << 20, a.size("size", 0));
    assertEquals(List.of("x", "y"), a.strings("list"));
    assertEquals(true, a.bool("flag", false));
    assertEquals(7, a.integer("missing", 7, 0, 10));
  }

  @Test
  void errorsNameTheFullKey() {
    ConfigTree t = ConfigTree.root(Map.of("a", Map.of("b", "x", "n", 11)));
    assertEquals(
        "a.b: expected an integer, was 'x'",
        assertThrows(ConfigException.class, () -> t.section("a").integer("b", 0, 0, 9))
            .getMessage());
    assertEquals(
        "a.n: must be between 0 and 9, was 11",
        assertThrows(ConfigException.class, () -> t.section("a").integer("n", 0, 0, 9))
            .getMessage());
    assertEquals(
        "a.b: expected a section (a map of keys)",
        assertThrows(ConfigException.class, () -> t.section("a").section("b")).getMessage());
  }

  @Test
  void mergeAndPutWorkOnNestedSections() {
    Map<String, Object> base = new HashMap<>(Map.of("http", Map.of("port", 1, "host", "h")));
    Map<String, Object> merged = ConfigTree.merge(base, Map.of("http", Map.of("port", 2)));
    assertEquals(Map.of("port", 2, "host", "h"), merged.get("http"));
    Map<String, Object> tree = new HashMap<>();
    ConfigTree.put(tree, "ldap.url", "ldap://x");
    assertEquals("ldap://x", ConfigTree.root(tree).section("ldap").string("url", ""));
  }
}
