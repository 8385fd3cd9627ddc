package org.sinfonia.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret shared by every node (and every site) that must produce the same pseudonyms, UIDs and
 * date shifts. Each use is domain-separated: HMAC-SHA256(key, purpose + ":" + input), so a UID, a
 * pseudonym and a date shift never reveal each other.
 */
public final class SiteKey {

  /** At least 128 bits. */
  public static final int MIN_BYTES = 16;

  private final byte[] key;

  public SiteKey(byte[] key) {
    if (key == null || key.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "privacy site key must be at least " + MIN_BYTES + " bytes");
    }
    this.key = key.clone();
  }

  /** HMAC-SHA256 of {@code purpose:input} (UTF-8). */
  byte[] hmac(String purpose, String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal((purpose + ":" + input).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** A short fingerprint of the key (not the key), to tell keys apart in logs and audit. */
  public String fingerprint() {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(hmac("fingerprint", "").clone());
      return Base32.encode(Arrays.copyOf(d, 5));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SiteKey[" + fingerprint() + "]";
  }
}
