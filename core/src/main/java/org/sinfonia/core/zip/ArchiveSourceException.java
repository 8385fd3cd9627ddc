package org.sinfonia.core.zip;

import java.io.IOException;

/**
 * Marks a failure of the archive's own source (a disk read error, a dropped upload connection) as
 * it passes through Commons Compress, so that it is propagated as an I/O failure and never mistaken
 * for corrupt data.
 */
final class ArchiveSourceException extends IOException {

  ArchiveSourceException(IOException cause) {
    super(cause.getMessage(), cause);
  }

  IOException original() {
    return (IOException) getCause();
  }
}
