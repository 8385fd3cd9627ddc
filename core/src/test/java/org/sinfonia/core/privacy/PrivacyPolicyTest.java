package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

  private static String code(Map<String, ?> doc) {
    return assertThrows(PrivacyPolicyException.class, () -> PrivacyPolicy.fromMap(doc)).code();
  }

  @Test
  void readsEveryOption() {
    PrivacyPolicy p =
        PrivacyPolicy.fromMap(
            Map.of(
                "policy",
                "deidentify",
                "options",
                Map.of(
                    "retainPatientCharacteristics", true,
                    "retainDeviceIdentity", true,
                    "retainLongitudinalModifiedDates", true,
                    "retainUids", false,
                    "retainSafePrivate", true,
                    "safePrivate",
                        List.of(
                            Map.of(
                                "group",
                                "0019",
                                "creator",
                                "SIEMENS CT VA0  COAD",
                                "element",
                                "08")),
                    "cleanDescriptors", true,
                    "allowBurnedIn", false,
                    "keepPseudonymTable", true)));
    assertEquals(PrivacyPolicy.Kind.DEIDENTIFY, p.kind());
    PrivacyPolicy.Options o = p.options();
    assertTrue(o.retainPatientCharacteristics() && o.retainDeviceIdentity());
    assertTrue(
        o.retainLongitudinalModifiedDates() && o.retainSafePrivate() && o.cleanDescriptors());
    assertFalse(o.retainUids() || o.allowBurnedIn());
    assertTrue(o.keepPseudonymTable());
    assertTrue(o.isSafe(0x0019, "SIEMENS CT VA0  COAD ", 0x08));
    assertFalse(o.isSafe(0x0019, "SIEMENS CT VA0  COAD", 0x09));
    assertFalse(o.isSafe(0x0021, "SIEMENS CT VA0  COAD", 0x08));
    assertEquals(
        Set.of(
            ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS,
            ConfidentialityOption.RETAIN_DEVICE_IDENTITY,
            ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
            ConfidentialityOption.RETAIN_SAFE_PRIVATE,
            ConfidentialityOption.CLEAN_DESCRIPTORS),
        o.profileOptions());
    assertEquals(p, PrivacyPolicy.fromMap(p.toMap()));
  }

  @Test
  void defaultsAreThePlainBasicProfile() {
    PrivacyPolicy p = PrivacyPolicy.fromMap(Map.of("policy", "flag"));
    assertEquals(PrivacyPolicy.Kind.FLAG, p.kind());
    assertEquals(PrivacyPolicy.Options.DEFAULTS, p.options());
    assertTrue(p.options().profileOptions().isEmpty());
    for (String k : List.of("accept", "flag", "reject", "deidentify")) {
      assertEquals(k, PrivacyPolicy.fromMap(Map.of("policy", k)).kind().json());
    }
  }

  @Test
  void clearErrorsForBadDocuments() {
    assertEquals("POLICY_MISSING", code(null));
    assertEquals("POLICY_MISSING", code(Map.of()));
    assertEquals("POLICY_MISSING", code(Map.of("options", Map.of())));
    assertEquals("POLICY_UNKNOWN_KEY", code(Map.of("policy", "flag", "polcy", "x")));
    assertEquals("POLICY_WRONG_TYPE", code(Map.of("policy", 3)));
    assertEquals("POLICY_UNKNOWN_KIND", code(Map.of("policy", "anonymise")));
    assertEquals("POLICY_UNKNOWN_KIND", code(Map.of("policy", "DEIDENTIFY")));
    assertEquals("POLICY_WRONG_TYPE", code(Map.of("policy", "flag", "options", List.of())));
    assertEquals(
        "POLICY_UNKNOWN_KEY",
        code(Map.of("policy", "deidentify", "options", Map.of("retainUID", true))));
    assertEquals(
        "POLICY_WRONG_TYPE",
        code(Map.of("policy", "deidentify", "options", Map.of("retainUids", "true"))));
    assertEquals(
        "POLICY_WRONG_TYPE",
        code(Map.of("policy", "deidentify", "options", Map.of("safePrivate", "0019"))));
    assertEquals(
        "POLICY_INVALID",
        code(safe(Map.of("group", "0018", "creator", "ACME", "element", "08")))); // even group
    assertEquals(
        "POLICY_INVALID", code(safe(Map.of("group", "0019", "creator", "ACME", "element", "108"))));
    assertEquals(
        "POLICY_WRONG_TYPE", code(safe(Map.of("group", 25, "creator", "ACME", "element", "08"))));
    assertEquals(
        "POLICY_INVALID", code(safe(Map.of("group", "0019", "creator", " ", "element", "08"))));
    assertEquals(
        "POLICY_UNKNOWN_KEY",
        code(safe(Map.of("group", "0019", "creator", "A", "element", "08", "vr", "LO"))));
    PrivacyPolicyException e =
        assertThrows(
            PrivacyPolicyException.class,
            () -> PrivacyPolicy.fromMap(Map.of("policy", "flag", "options", Map.of("bogus", 1))));
    assertTrue(e.getMessage().contains("bogus"), e.getMessage());
  }

  @Test
  void nullValuesReadAsAbsent() {
    Map<String, Object> options = new HashMap<>();
    options.put("retainUids", null);
    assertFalse(
        PrivacyPolicy.fromMap(Map.of("policy", "deidentify", "options", options))
            .options()
            .retainUids());
  }

  private static Map<String, Object> safe(Map<String, Object> entry) {
    return Map.of("policy", "deidentify", "options", Map.of("safePrivate", List.of(entry)));
  }
}
