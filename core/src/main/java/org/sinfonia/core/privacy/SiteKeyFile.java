package org.sinfonia.core.privacy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The site key's file: read at start, or made at first start (32 random bytes, readable by the
 * owner only). Blocking. A key file shorter than {@link SiteKey#MIN_BYTES} is an error, never
 * replaced: every pseudonym and UID made so far depends on it.
 */
public final class SiteKeyFile {

  /** The size of a new key. */
  public static final int NEW_KEY_BYTES = 32;

  private SiteKeyFile() {}

  public static SiteKey loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      create(file);
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length < SiteKey.MIN_BYTES) {
      throw new IOException(
          "privacy site key "
              + file
              + " holds "
              + key.length
              + " bytes, at least "
              + SiteKey.MIN_BYTES
              + " are needed");
    }
    return new SiteKey(key);
  }

  private static void create(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    byte[] key = new byte[NEW_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(temp, PosixFilePermissions.asFileAttribute(ownerOnly));
    } catch (UnsupportedOperationException e) {
      Files.createFile(temp);
    }
    Files.write(temp, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    try {
      Files.createLink(file, temp); // never replaces a key another node made meanwhile
    } catch (FileAlreadyExistsException e) {
      // someone else's key won: use theirs
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
