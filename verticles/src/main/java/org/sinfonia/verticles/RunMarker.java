package org.sinfonia.verticles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A file of this node's in the data directory ({@code .running-<random>}), locked by the process
 * for as long as it runs and touched every {@link #HEARTBEAT}; a graceful stop removes it. At
 * start-up a marker whose lock can be taken belongs to a run that ended without a graceful stop
 * (killed, crashed, power lost: the operating system drops the lock with the process), and its time
 * says when that run was last alive, so work such a stop can leave half done is checked. Markers of
 * nodes still running (a data directory shared by a cluster) stay locked and are left alone. A dead
 * run's marker is removed only once the repairs have succeeded, so a node stopped before then
 * leaves it for the next start. Blocking.
 */
final class RunMarker implements AutoCloseable {

  static final String PREFIX = ".running";
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final Path own;
  private final FileChannel channel;
  private final List<Path> dead;
  private final Optional<Instant> lastAliveOfDead;

  private RunMarker(
      Path own, FileChannel channel, List<Path> dead, Optional<Instant> lastAliveOfDead) {
    this.own = own;
    this.channel = channel;
    this.dead = dead;
    this.lastAliveOfDead = lastAliveOfDead;
  }

  /**
   * Finds the markers of runs that did not stop gracefully, then places and locks this node's own.
   */
  static RunMarker begin(Path dataDir) throws IOException {
    List<Path> dead = new ArrayList<>();
    Instant earliest = null;
    try (DirectoryStream<Path> markers = Files.newDirectoryStream(dataDir, PREFIX + "*")) {
      for (Path marker : markers) {
        if (lockable(marker)) {
          dead.add(marker);
          Instant lastAlive = Files.getLastModifiedTime(marker).toInstant();
          earliest = earliest == null || lastAlive.isBefore(earliest) ? lastAlive : earliest;
        }
      }
    }
    // Locked under another name, then renamed (the lock stays with the file): another node starting
    // now never
    // sees this marker unlocked and takes it for a dead run's.
    String id = UUID.randomUUID().toString();
    Path starting = dataDir.resolve(".starting-" + id);
    Path own = dataDir.resolve(PREFIX + "-" + id);
    FileChannel channel =
        FileChannel.open(starting, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() == null) {
        throw new IOException("cannot lock " + starting);
      }
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      Files.move(starting, own, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(starting);
      throw e;
    }
    return new RunMarker(own, channel, List.copyOf(dead), Optional.ofNullable(earliest));
  }

  /** Whether no running process holds the marker's lock (its run ended without removing it). */
  private static boolean lockable(Path marker) {
    try (FileChannel c = FileChannel.open(marker, StandardOpenOption.WRITE)) {
      FileLock lock = c.tryLock();
      if (lock == null) {
        return false;
      }
      lock.release();
      return true;
    } catch (OverlappingFileLockException e) {
      // Held by another node in this very process (tests run several). Closing this channel may
      // drop that node's
      // lock at the operating system's level (POSIX locks are per process); nothing outside the
      // process looks.
      return false;
    } catch (IOException e) {
      return false; // gone meanwhile, or not ours to judge
    }
  }

  /**
   * When the earliest run found dead was last alive; empty when every earlier run stopped
   * gracefully.
   */
  Optional<Instant> uncleanStop() {
    return lastAliveOfDead;
  }

  /** The node is alive now. */
  void alive() {
    try {
      Files.setLastModifiedTime(own, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // the next start after a crash only checks a longer stretch
    }
  }

  /** The repairs after the dead runs succeeded: their markers go. */
  void repaired() {
    for (Path marker : dead) {
      try {
        Files.deleteIfExists(marker);
      } catch (IOException e) {
        // the next start repeats the (idempotent) repairs
      }
    }
  }

  /** Graceful stop: this node's marker goes (the dead runs' stay unless {@link #repaired}). */
  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(own);
    } catch (IOException e) {
      // a marker left behind only makes the next start check more than it needs to
    }
  }
}
