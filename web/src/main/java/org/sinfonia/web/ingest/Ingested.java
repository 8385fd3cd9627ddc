package org.sinfonia.web.ingest;

import java.util.List;
import java.util.Optional;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.ingest.IngestTap;

/** A stored blob and the taps that watched its bytes go by (and so know what it holds). */
public record Ingested(Blob blob, List<IngestTap> taps) {

  public <T extends IngestTap> Optional<T> tap(Class<T> kind) {
    return taps.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }
}
