package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.sinfonia.core.sftp.InboxPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes exports whose time is up: each entry of a user's {@code /outbox} goes when its own
 * modification time (set when an export starts) is older than the configured expiry. Links are
 * removed, never followed; removing a hard-linked export never touches the blob store's copy.
 * Blocking: run on a worker.
 */
final class OutboxExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxExpiry.class);

  private final SftpArea area;
  private final Duration expiry;
  private final Clock clock;

  OutboxExpiry(SftpArea area, Duration expiry, Clock clock) {
    this.area = area;
    this.expiry = expiry;
    this.clock = clock;
  }

  /** Returns how many outbox entries were removed. */
  int sweep() throws IOException {
    Instant cutoff = clock.instant().minus(expiry);
    int removed = 0;
    try (DirectoryStream<Path> users = Files.newDirectoryStream(area.users())) {
      for (Path user : users) {
        Path outbox = user.resolve(InboxPaths.OUTBOX);
        if (!Files.isDirectory(outbox, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(outbox)) {
          for (Path entry : entries) {
            Instant modified =
                Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
            if (modified.isBefore(cutoff)) {
              deleteTree(entry);
              removed++;
            }
          }
        }
      }
    }
    if (removed > 0) {
      LOG.info("removed {} expired SFTP export(s)", removed);
    }
    return removed;
  }

  private static void deleteTree(Path top) throws IOException {
    Files.walkFileTree(
        top,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
