package org.sinfonia.core.sftp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import org.sinfonia.core.error.ApiError;

/**
 * One OpenSSH public key line ({@code ssh-ed25519 AAAA... comment}), checked: a known key type, a
 * base64 blob that starts with the same type, and a comment without control characters. Its
 * fingerprint is the one {@code ssh-keygen -l} prints ({@code SHA256:} and the unpadded base64 of
 * the blob's SHA-256); {@link #id()} is the same digest in hex, usable in a URL.
 */
public record SshPublicKey(String type, byte[] blob, String comment) {

  public static final int MAX_LINE = 16 * 1024;
  static final Set<String> TYPES =
      Set.of(
          "ssh-ed25519",
          "ssh-rsa",
          "ecdsa-sha2-nistp256",
          "ecdsa-sha2-nistp384",
          "ecdsa-sha2-nistp521",
          "sk-ssh-ed25519@openssh.com",
          "sk-ecdsa-sha2-nistp256@openssh.com");

  public static SshPublicKey parse(String line) {
    if (line == null || line.isBlank()) {
      throw invalid("a public key line is required");
    }
    if (line.length() > MAX_LINE) {
      throw invalid("the key line is longer than %d characters", MAX_LINE);
    }
    String[] parts = line.strip().split("\\s+", 3);
    if (parts.length < 2) {
      throw invalid("expected 'TYPE BASE64 [COMMENT]' as in an id_*.pub file");
    }
    String type = parts[0];
    if (!TYPES.contains(type)) {
      throw invalid(
          "unsupported key type '%s' (supported: %s)",
          type.length() > 40 ? type.substring(0, 40) : type,
          String.join(", ", new java.util.TreeSet<>(TYPES)));
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(parts[1]);
    } catch (IllegalArgumentException e) {
      throw invalid("the key is not valid base64");
    }
    if (!type.equals(embeddedType(blob))) {
      throw invalid("the key data does not hold a %s key", type);
    }
    String comment = parts.length > 2 ? parts[2].strip() : "";
    if (comment.chars().anyMatch(Character::isISOControl) || comment.length() > 255) {
      throw invalid("the comment may not hold control characters or exceed 255 characters");
    }
    return new SshPublicKey(type, blob, comment);
  }

  private static String embeddedType(byte[] blob) {
    if (blob.length < 4) {
      return null;
    }
    int n = ByteBuffer.wrap(blob).getInt();
    if (n <= 0 || n > 64 || 4 + n > blob.length) {
      return null;
    }
    return new String(blob, 4, n, StandardCharsets.US_ASCII);
  }

  private static ApiError invalid(String format, Object... args) {
    return ApiError.badRequest("INVALID_SSH_KEY", format, args);
  }

  public String fingerprint() {
    return fingerprintOf(blob);
  }

  public String id() {
    return HexFormat.of().formatHex(sha256(blob));
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(blob);
  }

  /** The line as OpenSSH writes it. */
  public String line() {
    return comment.isEmpty() ? type + " " + base64() : type + " " + base64() + " " + comment;
  }

  /** The {@code SHA256:...} fingerprint of a key blob in SSH wire form. */
  public static String fingerprintOf(byte[] blob) {
    return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha256(blob));
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
