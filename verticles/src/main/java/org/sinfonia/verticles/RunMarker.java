package org.sinfonia.verticles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;

/**
 * A file in the data directory for as long as a node runs, touched every {@link #HEARTBEAT}: found at start-up, it
 * says the last run did not stop gracefully (killed, crashed, power lost) and, by its time, when that run was last
 * alive, so work a crash can leave half done is checked. Blocking.
 */
final class RunMarker {

  static final String NAME = ".running";
  static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(15);

  private RunMarker() {
  }

  /** Places the marker; returns when the previous run was last alive if it did not remove its marker. */
  static Optional<Instant> begin(Path dataDir) throws IOException {
    Path marker = dataDir.resolve(NAME);
    Optional<Instant> unclean = Files.exists(marker)
        ? Optional.of(Files.getLastModifiedTime(marker).toInstant()) : Optional.empty();
    Files.writeString(marker, ProcessHandle.current().pid() + "\n");
    return unclean;
  }

  /** The node is alive now. */
  static void alive(Path dataDir) {
    try {
      Files.setLastModifiedTime(dataDir.resolve(NAME), FileTime.from(Instant.now()));
    } catch (IOException e) {
      // the next start after a crash only checks a longer stretch
    }
  }

  /** Removes the marker at the end of a graceful stop. */
  static void end(Path dataDir) {
    try {
      Files.deleteIfExists(dataDir.resolve(NAME));
    } catch (IOException e) {
      // the next start only checks more than it needs to
    }
  }
}
