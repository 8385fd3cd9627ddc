package org.sinfonia.core.dicom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.sinfonia.core.blob.BlobSource;

/**
 * Reads the header attributes of a DICOM stream from an {@link InputStream}, in chunks fed to a
 * {@link DicomStreamParser}: memory stays bounded whatever the file's size, since bulk data is
 * skipped rather than read into memory. For tools and tests; the ingest pipeline feeds a parser
 * itself from the bytes it is already moving.
 */
public final class DicomHeaderReader {

  /** Chunk size of each read. */
  public static final int CHUNK_SIZE = 64 * 1024;

  private DicomHeaderReader() {}

  public static DicomDataset read(Path file, DicomParserOptions options)
      throws IOException, DicomParseException {
    return read(BlobSource.of(file), options);
  }

  public static DicomDataset read(BlobSource file, DicomParserOptions options)
      throws IOException, DicomParseException {
    try (InputStream in = file.stream()) {
      return read(in, options);
    }
  }

  public static DicomDataset read(InputStream in, DicomParserOptions options)
      throws IOException, DicomParseException {
    DicomDatasetCollector collector = new DicomDatasetCollector();
    DicomStreamParser parser = new DicomStreamParser(collector, options);
    byte[] chunk = new byte[CHUNK_SIZE];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      parser.feed(chunk, 0, n);
    }
    parser.end();
    return collector.dataset();
  }
}
