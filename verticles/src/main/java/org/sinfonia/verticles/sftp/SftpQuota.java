package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.sinfonia.core.sftp.InboxPaths;

/**
 * The per-user limit on the SFTP area. What a user keeps is measured on disk when a file is opened
 * for writing (uploads waiting, {@code .done}, {@code .failed}; the outbox, which exports fill, is
 * not counted); while handles are open, the bytes they add beyond their file's size are counted
 * here, so two parallel uploads cannot both use the same free space. Per node: a user's sessions on
 * two nodes are checked apart.
 */
public final class SftpQuota {

  private final long limit;
  private final ConcurrentHashMap<String, AtomicLong> growing = new ConcurrentHashMap<>();

  public SftpQuota(long limit) {
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }

  /** Bytes the user keeps in their area now (outbox excluded). */
  public static long usage(Path jailRoot) throws IOException {
    long[] total = {0};
    Path outbox = jailRoot.resolve(InboxPaths.OUTBOX);
    Files.walkFileTree(
        jailRoot,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return dir.equals(outbox) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile()) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            return FileVisitResult.CONTINUE; // vanished while walking
          }
        });
    return total[0];
  }

  /**
   * A write budget for one open handle of {@code login}, whose file now holds {@code size} bytes.
   */
  public Budget open(String login, Path jailRoot, long size) throws IOException {
    return new Budget(growing.computeIfAbsent(login, k -> new AtomicLong()), usage(jailRoot), size);
  }

  /**
   * Counts what one handle adds; {@link #release()} when the handle closes (its bytes are then on
   * disk).
   */
  public final class Budget {
    private final AtomicLong userGrowing;
    private final long usedAtOpen;
    private long end;
    private long added;
    private boolean released;

    Budget(AtomicLong userGrowing, long usedAtOpen, long size) {
      this.userGrowing = userGrowing;
      this.usedAtOpen = usedAtOpen;
      this.end = size;
    }

    /**
     * Called before bytes up to {@code newEnd} are written; throws when they would pass the limit.
     */
    public synchronized void extendTo(long newEnd) throws IOException {
      if (newEnd <= end) {
        return;
      }
      long delta = newEnd - end;
      if (usedAtOpen + userGrowing.addAndGet(delta) > limit) {
        userGrowing.addAndGet(-delta);
        throw new QuotaExceededException(limit);
      }
      end = newEnd;
      added += delta;
    }

    public synchronized void release() {
      if (!released) {
        released = true;
        userGrowing.addAndGet(-added);
      }
    }
  }

  /**
   * Reported to SFTP clients with the quota status code (clients of protocol version 3 show a
   * failure).
   */
  static final class QuotaExceededException extends org.apache.sshd.sftp.common.SftpException {
    QuotaExceededException(long limit) {
      super(
          org.apache.sshd.sftp.common.SftpConstants.SSH_FX_QUOTA_EXCEEDED,
          "SFTP quota of "
              + limit
              + " bytes exceeded: remove files from your SFTP area (e.g. /inbox/.done)");
    }
  }
}
