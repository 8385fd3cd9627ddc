package org.sinfonia.core.zip;

import java.util.Set;
import org.apache.commons.compress.archivers.zip.GeneralPurposeBit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * The checks an entry must pass on its headers alone, before any of its data is read: a safe name,
 * not a link, not encrypted, a method we decode, a declared ratio within the limit.
 *
 * <p>Methods: stored and deflate, plus deflate64 (Windows Explorer writes it for large files) and
 * bzip2, whose Commons Compress decoders are streaming and run behind the same output guards.
 * Everything else (implode, shrink, LZMA, XZ, Zstandard, PPMd, AES) is skipped as
 * UNSUPPORTED_METHOD.
 */
final class EntryScreen {

  static final Set<Integer> METHODS =
      Set.of(
          ZipMethod.STORED.getCode(),
          ZipMethod.DEFLATED.getCode(),
          ZipMethod.ENHANCED_DEFLATED.getCode(),
          ZipMethod.BZIP2.getCode());

  private EntryScreen() {}

  /**
   * @param name the decoded name ({@link EntryNameDecoder})
   * @return the safe path of an entry that may be delivered
   * @throws ZipEntryRefusedException when the entry must be skipped
   */
  static EntryPath check(ZipArchiveEntry entry, String name, ZipLimits limits)
      throws ZipEntryRefusedException {
    EntryPath path = ZipEntryNames.parse(name, limits);
    if (path.directory()) {
      return path;
    }
    String shown = ZipEntryNames.printable(name);
    if (entry.isUnixSymlink()) {
      throw refuse(Reason.SYMLINK, "'%s' is a symbolic link", shown);
    }
    if (isEncrypted(entry)) {
      throw refuse(Reason.ENCRYPTED, "'%s' is encrypted", shown);
    }
    if (!METHODS.contains(entry.getMethod())) {
      throw refuse(
          Reason.UNSUPPORTED_METHOD,
          "'%s' uses compression method %d (%s)",
          shown,
          entry.getMethod(),
          ZipMethod.getMethodByCode(entry.getMethod()));
    }
    long size = entry.getSize();
    long compressed = entry.getCompressedSize();
    if (size >= 0 && compressed >= 0 && size > limits.ratioAllowance(compressed)) {
      throw refuse(
          Reason.RATIO_EXCEEDED,
          "'%s' declares %d bytes from %d compressed, more than %d times",
          shown,
          size,
          compressed,
          limits.maxRatio());
    }
    return path;
  }

  static boolean isEncrypted(ZipArchiveEntry entry) {
    GeneralPurposeBit flags = entry.getGeneralPurposeBit();
    return flags.usesEncryption()
        || flags.usesStrongEncryption()
        || entry.getMethod() == ZipMethod.AES_ENCRYPTED.getCode();
  }

  private static ZipEntryRefusedException refuse(Reason reason, String format, Object... args) {
    return new ZipEntryRefusedException(ZipEntryProblem.of(reason, format, args));
  }
}
