package org.sinfonia.core.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The checksum extension's algorithms, by their tus names. sha1 is the one every server must offer.
 */
public enum ChecksumAlgorithm {
  SHA1("sha1", "SHA-1"),
  MD5("md5", "MD5"),
  SHA256("sha256", "SHA-256");

  private final String tusName;
  private final String jcaName;

  ChecksumAlgorithm(String tusName, String jcaName) {
    this.tusName = tusName;
    this.jcaName = jcaName;
  }

  public String tusName() {
    return tusName;
  }

  public static Optional<ChecksumAlgorithm> byTusName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.tusName.equals(lower)).findFirst();
  }

  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides " + jcaName, e);
    }
  }

  /** The value of {@code Tus-Checksum-Algorithm}. */
  public static String advertised() {
    return String.join(",", Arrays.stream(values()).map(ChecksumAlgorithm::tusName).toList());
  }
}
