package org.sinfonia.core.upload;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The checksum a client declared for the bytes of one PATCH ({@code Upload-Checksum: sha1
 * <base64>}).
 */
public record UploadChecksum(ChecksumAlgorithm algorithm, byte[] expected) {

  public UploadChecksum {
    expected = expected.clone();
  }

  @Override
  public byte[] expected() {
    return expected.clone();
  }

  /** Whether a digest that saw exactly this PATCH's bytes matches. */
  public boolean matches(MessageDigest digest) {
    return MessageDigest.isEqual(expected, digest.digest());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UploadChecksum c
        && c.algorithm == algorithm
        && Arrays.equals(c.expected, expected);
  }

  @Override
  public int hashCode() {
    return algorithm.hashCode() * 31 + Arrays.hashCode(expected);
  }

  @Override
  public String toString() {
    return "UploadChecksum[" + algorithm.tusName() + "]";
  }
}
