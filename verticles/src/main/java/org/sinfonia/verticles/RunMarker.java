package org.sinfonia.verticles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file in the data directory for as long as a node runs: found at start-up, it says the last run did not stop
 * gracefully (killed, crashed, power lost), so work a crash can leave half done is checked. Blocking.
 */
final class RunMarker {

  static final String NAME = ".running";

  private RunMarker() {
  }

  /** Places the marker; returns whether one was already there. */
  static boolean begin(Path dataDir) throws IOException {
    Path marker = dataDir.resolve(NAME);
    boolean unclean = Files.exists(marker);
    Files.writeString(marker, ProcessHandle.current().pid() + "\n");
    return unclean;
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
