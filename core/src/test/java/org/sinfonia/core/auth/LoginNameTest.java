package org.sinfonia.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sinfonia.core.error.ApiError;

class LoginNameTest {

  @ParameterizedTest
  @ValueSource(strings = {"alice", "bob", "j.smith", "user_01", "a-b", "A1"})
  void ordinaryNamesPass(String name) {
    assertTrue(LoginName.isValid(name));
    assertEquals(name, LoginName.require(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "*", "a*", "a)(cn=*", "a\\29", "a,ou=x", "a=b", "a+b", "a b", ".alice", "-x", "a\u0000",
        "a\"b", "a<b", "a>b", "a;b", "a#b", "ålice", "#alice"
      })
  void ldapMetacharactersAreRefused(String name) {
    assertFalse(LoginName.isValid(name));
    ApiError e = assertThrows(ApiError.class, () -> LoginName.require(name));
    assertEquals(ApiError.Kind.BAD_REQUEST, e.kind());
    assertEquals("INVALID_USERNAME", e.code());
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 65})
  void lengthIsBounded(int n) {
    assertEquals(n <= 64, LoginName.isValid("a".repeat(n)));
  }
}
