package org.sinfonia.core.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sinfonia.core.auth.Principal;

class OwnerPolicyTest {

  @ParameterizedTest(name = "{0} on a thing owned by ''{1}'' -> {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "alice, alice, true",
        "bob,   alice, false",
        "admin, alice, true",
        "anon,  alice, false",
        "anon,  '',    false",
        "anon,  NULL,  false",
        "alice, NULL,  false",
        "admin, NULL,  true",
        "alice, Alice, false",
      })
  void theOwnerAndAdministratorsOnly(String who, String owner, boolean allowed) {
    Principal caller =
        switch (who) {
          case "anon" -> Principal.ANONYMOUS;
          case "admin" -> new Principal("root", "Root", "", List.of(), true);
          default -> new Principal(who, who, "", List.of("lab"), false);
        };
    assertEquals(allowed, OwnerPolicy.mayUse(caller, owner));
  }
}
