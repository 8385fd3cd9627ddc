package org.sinfonia.verticles.tus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The identity of the running kernel: Linux gives each boot a random id. Upload offsets written but
 * not yet synced are trusted only within the boot that wrote them ({@link
 * org.sinfonia.core.upload.DurableOffset}). Where there is no such id, each process makes one up,
 * which only makes a restart as cautious as a reboot.
 */
final class BootId {

  private static final Path LINUX = Path.of("/proc/sys/kernel/random/boot_id");
  private static volatile String current;

  private BootId() {}

  /**
   * Reads it once (a tiny procfs read; call it first from a worker, as {@link TusNode#prepare}
   * does).
   */
  static String current() {
    String id = current;
    if (id == null) {
      id = read();
      current = id;
    }
    return id;
  }

  private static String read() {
    try {
      String id = Files.readString(LINUX, StandardCharsets.US_ASCII).strip();
      if (!id.isEmpty()) {
        return id;
      }
    } catch (IOException | SecurityException e) {
      // not Linux, or hidden: fall through
    }
    return "process-" + UUID.randomUUID();
  }
}
