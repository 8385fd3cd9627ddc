package org.sinfonia.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.dicom.DicomDatasetCollector;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.ElementHeader;

/**
 * Parses the DICOM header of a file while it is stored, so indexing never re-reads it. A file that
 * is not DICOM (or whose header cannot be indexed) is simply a file: the tap notes why and stops
 * looking. Collected header bytes are capped, so a hostile "header" cannot exhaust memory.
 */
public final class DicomTap implements IngestTap {

  private static final int STORED_FILE_CHUNK = 64 * 1024;

  private final DicomStreamParser parser;
  private final DicomDatasetCollector collector = new DicomDatasetCollector();
  private final long maxHeaderBytes;
  private long headerBytes;
  private DicomHeader header;
  private String reason;
  private boolean done;

  public DicomTap(DicomParserOptions options, long maxHeaderBytes) {
    this.maxHeaderBytes = maxHeaderBytes;
    this.parser = new DicomStreamParser(new CappedCollector(), options);
  }

  /**
   * Blocking: a tap fed a stored file to its end (or until the tap gives up) and ended: what ingest
   * found, for a file parsed again later.
   */
  public static DicomTap ofStoredFile(Path file, DicomParserOptions options, long maxHeaderBytes)
      throws IOException {
    return ofStoredFile(BlobSource.of(file), options, maxHeaderBytes);
  }

  public static DicomTap ofStoredFile(
      BlobSource file, DicomParserOptions options, long maxHeaderBytes) throws IOException {
    DicomTap tap = new DicomTap(options, maxHeaderBytes);
    byte[] chunk = new byte[STORED_FILE_CHUNK];
    try (InputStream in = file.stream()) {
      for (int n = in.read(chunk); n >= 0 && tap.reason() == null; n = in.read(chunk)) {
        tap.accept(ByteBuffer.wrap(chunk, 0, n));
      }
    }
    tap.end();
    return tap;
  }

  @Override
  public void accept(ByteBuffer chunk) {
    if (done) {
      return;
    }
    try {
      parser.feed(chunk);
      if (headerBytes > maxHeaderBytes) {
        giveUp("the header is larger than " + maxHeaderBytes + " bytes");
      }
    } catch (DicomParseException e) {
      giveUp(e.getMessage());
    }
  }

  @Override
  public void end() {
    if (done) {
      return;
    }
    done = true;
    try {
      parser.end();
      header =
          DicomHeader.of(
              collector.dataset(), collector.transferSyntax(), collector.strayFileMetaTags());
    } catch (DicomParseException e) {
      reason = e.getMessage();
    }
  }

  private void giveUp(String why) {
    done = true;
    reason = why;
  }

  /** The parsed header, when the file is an indexable DICOM instance. */
  public Optional<DicomHeader> header() {
    return Optional.ofNullable(header);
  }

  /** Why there is no header (not DICOM, truncated, no UIDs, too large), or null. */
  public String reason() {
    return reason;
  }

  /** Forwards to the collector while counting what it keeps. */
  private final class CappedCollector implements org.sinfonia.core.dicom.DicomStreamListener {
    @Override
    public void datasetStart(org.sinfonia.core.dicom.TransferSyntax syntax, long offset) {
      collector.datasetStart(syntax, offset);
    }

    @Override
    public void elementValue(ElementHeader h, byte[] value) {
      headerBytes += value.length + 16;
      if (headerBytes <= maxHeaderBytes) {
        collector.elementValue(h, value);
      }
    }

    @Override
    public void bulkDataSkipped(ElementHeader h, long offset, long length) {
      collector.bulkDataSkipped(h, offset, length);
    }

    @Override
    public void sequenceStart(ElementHeader h) {
      collector.sequenceStart(h);
    }

    @Override
    public void itemStart(int index, long offset, long length) {
      headerBytes += 16;
      collector.itemStart(index, offset, length);
    }

    @Override
    public void itemEnd() {
      collector.itemEnd();
    }

    @Override
    public void sequenceEnd() {
      collector.sequenceEnd();
    }

    @Override
    public void fragmentsStart(ElementHeader h) {
      collector.fragmentsStart(h);
    }

    @Override
    public void offsetTable(long offset, long length, byte[] table) {
      collector.offsetTable(offset, length, table);
    }

    @Override
    public void fragment(int index, long offset, long length) {
      headerBytes += 16;
      collector.fragment(index, offset, length);
    }

    @Override
    public void fragmentsEnd(long endOffset) {
      collector.fragmentsEnd(endOffset);
    }

    @Override
    public void end(long offset) {
      collector.end(offset);
    }
  }
}
