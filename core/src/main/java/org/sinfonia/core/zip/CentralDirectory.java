package org.sinfonia.core.zip;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Opens a stored archive's central directory with Commons Compress, configured the one way this
 * package reads names (CP437 fallback, Unicode extra fields), after the entry-count check on the
 * end record.
 */
final class CentralDirectory {

  private CentralDirectory() {}

  /**
   * Opens the archive after checking the entry count its end record claims, so a central directory
   * of millions of entries is refused before Commons Compress allocates them. Its own failures
   * become ZIP_CORRUPT.
   */
  static ZipFile open(SeekableByteChannel channel, ZipLimits limits, boolean centralDirectoryOnly)
      throws IOException {
    SourceChannel source = new SourceChannel(channel);
    CentralDirectoryEnd end = CentralDirectoryEnd.read(source);
    if (end.entries() > limits.maxEntries()) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.tooManyEntries(end.entries(), limits.maxEntries()));
    }
    try {
      return ZipFile.builder()
          .setSeekableByteChannel(source)
          .setCharset(EntryNameDecoder.FALLBACK)
          .setUseUnicodeExtraFields(true)
          .setIgnoreLocalFileHeader(centralDirectoryOnly)
          .get();
    } catch (ArchiveSourceException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new ZipArchiveRefusedException(
          ZipRefusals.corrupt(
              e,
              "the central directory cannot be read: %s",
              ZipEntryNames.printable(String.valueOf(e.getMessage()))));
    }
  }
}
