package org.sinfonia.web.ingest;

import java.util.Optional;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.web.repo.Resource;

/**
 * The typed answer of the ingest service for one file: what became of it, the file the folder now
 * holds for it (the new one, or the one that already held these bytes; none when nothing was
 * stored), what the taps saw of the bytes (the DICOM facts; none if the bytes never got that far),
 * and for a refusal its reason.
 */
public record IngestResult(
    IngestOutcome outcome, Resource file, Ingested ingested, Throwable reason) {

  static IngestResult of(IngestOutcome outcome, Resource file, Ingested ingested) {
    return new IngestResult(outcome, file, ingested, null);
  }

  static IngestResult refused(IngestOutcome outcome, Ingested ingested, Throwable reason) {
    return new IngestResult(outcome, null, ingested, reason);
  }

  /** The DICOM header the byte pass parsed, if the file is DICOM. */
  public Optional<DicomHeader> dicom() {
    return ingested == null
        ? Optional.empty()
        : ingested.tap(DicomTap.class).flatMap(DicomTap::header);
  }

  public boolean holdsFile() {
    return outcome.holdsFile();
  }
}
