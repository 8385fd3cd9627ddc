package org.sinfonia.core.dicom.seg;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** New UIDs under the UUID-derived root {@code 2.25} (PS3.5 B.2): no registered root needed. */
public final class Uids {

  private Uids() {}

  /** {@code 2.25.} and a random UUID as an unsigned decimal: at most 44 characters. */
  public static String random() {
    UUID uuid = UUID.randomUUID();
    byte[] bytes =
        ByteBuffer.allocate(16)
            .putLong(uuid.getMostSignificantBits())
            .putLong(uuid.getLeastSignificantBits())
            .array();
    return "2.25." + new BigInteger(1, bytes);
  }
}
