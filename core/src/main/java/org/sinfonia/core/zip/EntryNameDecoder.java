package org.sinfonia.core.zip;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.UnicodePathExtraField;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

/**
 * Decides how an entry name's bytes are read. Commons Compress is opened with CP437 as the fallback
 * and Unicode extra fields switched on, so it already applies the APPNOTE rules: UTF-8 when
 * general-purpose bit 11 is set, the Info-ZIP Unicode Path field (0x7075) when present and
 * matching, else CP437.
 *
 * <p>Two additions. The Unicode Path field is applied here too, because Commons Compress skips it
 * when it reads only the central directory (listings). And an unflagged name whose bytes are valid
 * UTF-8 and not plain ASCII is read as UTF-8: Info-ZIP {@code zip} on Linux and macOS writes
 * exactly that (raw UTF-8, no flag, no extra field) and {@code unzip} there reads it back as UTF-8.
 * Real CP437 names (Windows, DOS) almost never form valid multi-byte UTF-8: an accented letter in
 * CP437 is a lone byte in 0x80-0xA5, which UTF-8 rejects.
 */
final class EntryNameDecoder {

  /** The fallback encoding Commons Compress is opened with. */
  static final String FALLBACK_ENCODING = "IBM437";

  static final Charset FALLBACK = Charset.forName(FALLBACK_ENCODING);

  private EntryNameDecoder() {}

  static String name(ZipArchiveEntry entry) {
    if (entry.getNameSource() != ZipArchiveEntry.NameSource.NAME) {
      return entry.getName();
    }
    byte[] raw = entry.getRawName();
    if (raw == null) {
      return entry.getName();
    }
    String unicode = unicodePath(entry, raw);
    if (unicode != null) {
      return unicode;
    }
    if (isAscii(raw)) {
      return entry.getName();
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(raw))
          .toString();
    } catch (CharacterCodingException notUtf8) {
      return entry.getName();
    }
  }

  /**
   * The Info-ZIP Unicode Path field, if present and made for this very name (its CRC-32 matches the
   * raw name). Commons Compress applies it only while reading local headers, so a
   * central-directory-only read needs this.
   */
  private static String unicodePath(ZipArchiveEntry entry, byte[] raw) {
    if (!(entry.getExtraField(UnicodePathExtraField.UPATH_ID)
            instanceof UnicodePathExtraField field)
        || field.getUnicodeName() == null) {
      return null;
    }
    CRC32 crc = new CRC32();
    crc.update(raw);
    return crc.getValue() == field.getNameCRC32()
        ? new String(field.getUnicodeName(), StandardCharsets.UTF_8)
        : null;
  }

  private static boolean isAscii(byte[] raw) {
    for (byte b : raw) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
