package org.sinfonia.verticles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run markers: a graceful stop leaves none; a marker nobody holds is a dead run's, reported with
 * its time and removed only once repaired; a marker a running node holds (here: another node of the
 * same process) is left alone.
 */
class RunMarkerTest {

  @TempDir Path dir;

  private List<String> markers() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("."))
          .sorted()
          .toList();
    }
  }

  @Test
  void aGracefulStopLeavesNothingToRepair() throws IOException {
    RunMarker first = RunMarker.begin(dir);
    assertEquals(Optional.empty(), first.uncleanStop());
    assertEquals(1, markers().size());
    first.close();
    assertEquals(List.of(), markers());
    try (RunMarker next = RunMarker.begin(dir)) {
      assertEquals(Optional.empty(), next.uncleanStop());
    }
  }

  @Test
  void aRunningNodesMarkerIsNotADeadRun() throws IOException {
    try (RunMarker running = RunMarker.begin(dir);
        RunMarker other = RunMarker.begin(dir)) {
      assertEquals(Optional.empty(), other.uncleanStop(), "the first node still holds its marker");
      assertEquals(2, markers().size());
    }
    assertEquals(List.of(), markers());
  }

  @Test
  void aMarkerNobodyHoldsIsADeadRunUntilRepaired() throws IOException {
    Instant lastAlive = Instant.parse("2026-11-26T10:00:00Z");
    Path dead = dir.resolve(".running-killed");
    Files.writeString(dead, "4242\n");
    Files.setLastModifiedTime(dead, FileTime.from(lastAlive));
    try (RunMarker stoppedEarly = RunMarker.begin(dir)) {
      assertEquals(Optional.of(lastAlive), stoppedEarly.uncleanStop());
    }
    assertTrue(Files.exists(dead), "not repaired yet: the next start repeats the repairs");
    try (RunMarker next = RunMarker.begin(dir)) {
      assertEquals(Optional.of(lastAlive), next.uncleanStop());
      next.repaired();
      assertFalse(Files.exists(dead));
      next.alive();
    }
    assertEquals(List.of(), markers());
  }
}
