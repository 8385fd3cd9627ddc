package org.sinfonia.core.zip;

import java.io.IOException;
import org.sinfonia.core.error.ApiError;

/**
 * Thrown into a sink's read (and used inside the extractor) when the whole archive is refused
 * part-way: a limit on the total was crossed or the stream cannot be followed any further. The sink
 * discards the entry in progress; entries delivered before stay delivered.
 */
public final class ZipArchiveRefusedException extends IOException {

  private final ApiError error;

  public ZipArchiveRefusedException(ApiError error) {
    super(error.code() + ": " + error.getMessage(), error);
    this.error = error;
  }

  public ApiError error() {
    return error;
  }
}
