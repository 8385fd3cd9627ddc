package org.sinfonia.verticles.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The ingest service's naming table, one definition for every door's table test: the same bytes
 * again end in the file already there, other bytes under a taken name get the next numbered name
 * (names compare case-insensitively) with the double extension kept ({@code brain (2).nii.gz},
 * never {@code brain.nii (2).gz}).
 */
public final class NamingTable {

  /**
   * One arrival, the outcome the ingest service must give it and the name it must be stored under.
   */
  public record Row(String name, String content, String outcome, String storedAs) {

    /** The arrival's bytes: equal contents give equal bytes. */
    public byte[] bytes() {
      return ("content " + content).repeat(50).getBytes(StandardCharsets.US_ASCII);
    }
  }

  public static final List<Row> ROWS =
      List.of(
          new Row("brain.nii.gz", "A", "STORED", "brain.nii.gz"),
          new Row("brain.nii.gz", "A", "ALREADY_STORED", "brain.nii.gz"),
          new Row("brain.nii.gz", "B", "RENAMED", "brain (2).nii.gz"),
          new Row("brain.nii.gz", "B", "ALREADY_STORED", "brain (2).nii.gz"),
          new Row("BRAIN.nii.gz", "C", "RENAMED", "BRAIN (3).nii.gz"),
          new Row("notes", "D", "STORED", "notes"),
          new Row("notes", "E", "RENAMED", "notes (2)"),
          new Row("scan.dcm", "F", "STORED", "scan.dcm"),
          new Row("scan.dcm", "F", "ALREADY_STORED", "scan.dcm"));

  /** The names the folder holds once every row has arrived, each once. */
  public static final Set<String> STORED_NAMES =
      Set.of(
          "brain.nii.gz", "brain (2).nii.gz", "BRAIN (3).nii.gz", "notes", "notes (2)", "scan.dcm");

  private NamingTable() {}
}
