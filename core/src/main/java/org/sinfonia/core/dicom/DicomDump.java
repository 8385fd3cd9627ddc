package org.sinfonia.core.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code dump} command: prints the header attributes of DICOM files as DICOM JSON, file meta
 * information included. One file gives one JSON object, several a JSON array. A file that cannot be
 * read gives one line on the error output, {@code FILE: error at offset N (tag path): reason}, and
 * the others are still printed. Skipped bulk data gets a BulkDataURI naming the byte range of the
 * file ({@code file:///...?offset=N&length=M}).
 */
public final class DicomDump {

  private final DicomParserOptions options;

  public DicomDump() {
    this(DicomParserOptions.defaults());
  }

  public DicomDump(DicomParserOptions options) {
    this.options = options;
  }

  /**
   * Dumps the files in order.
   *
   * @return 0 if every file was read, 1 if any failed
   * @throws IOException only if {@code out} or {@code err} cannot be written
   */
  public int run(List<Path> files, Appendable out, Appendable err) throws IOException {
    boolean array = files.size() != 1;
    boolean anyWritten = false;
    int status = 0;
    if (array) {
      out.append('[');
    }
    for (Path file : files) {
      DicomDataset dataset;
      try {
        dataset = DicomHeaderReader.read(file, options);
      } catch (DicomParseException e) {
        err.append(file.toString()).append(": ").append(e.getMessage()).append('\n');
        status = 1;
        continue;
      } catch (IOException e) {
        err.append(file.toString())
            .append(": error at offset 0: cannot read: ")
            .append(String.valueOf(e.getMessage()))
            .append(" (")
            .append(e.getClass().getSimpleName())
            .append(")\n");
        status = 1;
        continue;
      }
      if (anyWritten) {
        out.append(',');
      }
      if (array) {
        out.append('\n');
      }
      writerFor(file).write(dataset, out);
      anyWritten = true;
    }
    if (array) {
      out.append(anyWritten ? "\n]" : "]");
    }
    out.append('\n');
    return status;
  }

  private static DicomJsonWriter writerFor(Path file) {
    String fileUri = file.toAbsolutePath().toUri().toString();
    return new DicomJsonWriter()
        .withFileMeta(true)
        .withPrettyPrinting(true)
        .withBulkDataUris(
            (path, offset, length) -> fileUri + "?offset=" + offset + "&length=" + length);
  }
}
