package org.sinfonia.core.dicom;

import java.util.Arrays;
import java.util.Random;

/**
 * Damages a valid DICOM file the ways hostile or broken input does: flipped bits, corrupted length
 * fields (including 3 GiB and undefined lengths), truncation, inserted, deleted and repeated
 * ranges. Seeded, so every failing case can be replayed from its seed.
 */
public final class HostileInputMutator {

  private static final long[] HOSTILE_LENGTHS = {
    0xFFFFFFFFL, 0xC0000000L, 0x7FFFFFFFL, 0x10000L, 0xFFFFL, 0, 1, 3
  };

  private HostileInputMutator() {}

  public static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations && bytes.length > 0; i++) {
      bytes =
          switch (random.nextInt(7)) {
            case 0 -> flipBits(bytes, random);
            case 1 -> overwriteLength(bytes, random, 4);
            case 2 -> overwriteLength(bytes, random, 2);
            case 3 -> Arrays.copyOf(bytes, random.nextInt(bytes.length));
            case 4 -> insertRandom(bytes, random);
            case 5 -> deleteRange(bytes, random);
            default -> repeatRange(bytes, random);
          };
    }
    return bytes;
  }

  private static byte[] flipBits(byte[] bytes, Random random) {
    for (int n = 1 + random.nextInt(8); n > 0; n--) {
      bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return bytes;
  }

  /**
   * Writes a hostile value where a length field probably is: 4 or 6 bytes after an even offset (a
   * tag).
   */
  private static byte[] overwriteLength(byte[] bytes, Random random, int size) {
    if (bytes.length < size) {
      return bytes;
    }
    int at = random.nextInt(bytes.length - size + 1);
    long value =
        random.nextBoolean()
            ? HOSTILE_LENGTHS[random.nextInt(HOSTILE_LENGTHS.length)]
            : random.nextLong();
    for (int i = 0; i < size; i++) {
      bytes[at + i] = (byte) (value >>> 8 * i);
    }
    return bytes;
  }

  private static byte[] insertRandom(byte[] bytes, Random random) {
    int at = random.nextInt(bytes.length + 1);
    byte[] inserted = new byte[1 + random.nextInt(16)];
    random.nextBytes(inserted);
    byte[] out = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
    return out;
  }

  private static byte[] deleteRange(byte[] bytes, Random random) {
    int at = random.nextInt(bytes.length);
    int length = Math.min(bytes.length - at, 1 + random.nextInt(64));
    byte[] out = new byte[bytes.length - length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(bytes, at + length, out, at, bytes.length - at - length);
    return out;
  }

  /** Repeats a range several times: nested items and sequences copied over and over. */
  private static byte[] repeatRange(byte[] bytes, Random random) {
    int at = random.nextInt(bytes.length);
    int length = Math.min(bytes.length - at, 8 + random.nextInt(256));
    int times = 2 + random.nextInt(40);
    byte[] out = new byte[bytes.length + length * times];
    System.arraycopy(bytes, 0, out, 0, at + length);
    for (int t = 1; t <= times; t++) {
      System.arraycopy(bytes, at, out, at + length * t, length);
    }
    System.arraycopy(
        bytes, at + length, out, at + length * (times + 1), bytes.length - at - length);
    return out;
  }
}
