package org.sinfonia.core.zip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.zip.ZipEntryProblem.Reason;

/**
 * Turns a raw (already decoded, see {@link EntryNameDecoder}) entry name into an {@link EntryPath},
 * or refuses it.
 *
 * <p>Backslashes are treated as separators, not refused: Windows tools (PowerShell's {@code
 * Compress-Archive} in .NET Framework, some older zippers) write {@code dir\file}. Splitting on
 * them before the segment checks means {@code ..\x} and {@code C:\x} are refused like their slash
 * forms, and no segment can carry a separator to a file system that would honour it.
 */
public final class ZipEntryNames {

  private static final int PRINTABLE_MAX = 200;

  private ZipEntryNames() {}

  /**
   * Checks a raw name against the rules and the name limits.
   *
   * @throws ZipEntryRefusedException with reason UNSAFE_PATH (zip slip: {@code ..}, leading
   *     separator, drive letter), INVALID_NAME (control characters, empty or {@code .} segments),
   *     NAME_TOO_LONG or TOO_DEEP
   */
  public static EntryPath parse(String raw, ZipLimits limits) throws ZipEntryRefusedException {
    return parse(raw, limits.maxDepth(), limits.maxSegmentBytes());
  }

  /** The structural rules only (no depth or length limit), for names Sinfonia itself writes. */
  static EntryPath parseStructure(String raw) throws ZipEntryRefusedException {
    return parse(raw, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  private static EntryPath parse(String raw, int maxDepth, int maxSegmentBytes)
      throws ZipEntryRefusedException {
    if (raw == null || raw.isEmpty()) {
      throw refuse(Reason.INVALID_NAME, "the entry has no name");
    }
    for (int i = 0; i < raw.length(); i++) {
      if (isControl(raw.charAt(i))) {
        throw refuse(
            Reason.INVALID_NAME, "'%s' contains a NUL or control character", printable(raw));
      }
    }
    String name = raw.replace('\\', '/');
    if (name.startsWith("/")) {
      throw refuse(Reason.UNSAFE_PATH, "'%s' is an absolute path", printable(raw));
    }
    boolean directory = name.endsWith("/");
    String body = directory ? name.substring(0, name.length() - 1) : name;
    String[] parts = body.split("/", -1);
    if (isDriveLetter(parts[0])) {
      throw refuse(Reason.UNSAFE_PATH, "'%s' starts with a drive letter", printable(raw));
    }
    for (String part : parts) {
      if (part.equals("..")) {
        throw refuse(Reason.UNSAFE_PATH, "'%s' climbs out of the target with '..'", printable(raw));
      }
    }
    if (parts.length > maxDepth) {
      throw refuse(
          Reason.TOO_DEEP,
          "'%s' has %d levels, the limit is %d",
          printable(raw),
          parts.length,
          maxDepth);
    }
    List<String> segments = new ArrayList<>(parts.length);
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".")) {
        throw refuse(Reason.INVALID_NAME, "'%s' has an empty or '.' segment", printable(raw));
      }
      if (maxSegmentBytes != Integer.MAX_VALUE) {
        int bytes = part.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxSegmentBytes) {
          throw refuse(
              Reason.NAME_TOO_LONG,
              "a segment of '%s' is %d bytes, the limit is %d",
              printable(raw),
              bytes,
              maxSegmentBytes);
        }
      }
      segments.add(part);
    }
    return new EntryPath(segments, directory);
  }

  /** The name with control characters replaced and its length capped, fit for messages and logs. */
  public static String printable(String raw) {
    if (raw == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(Math.min(raw.length(), PRINTABLE_MAX + 3));
    for (int i = 0; i < raw.length() && i < PRINTABLE_MAX; i++) {
      char c = raw.charAt(i);
      out.append(isControl(c) ? '?' : c);
    }
    if (raw.length() > PRINTABLE_MAX) {
      out.append("...");
    }
    return out.toString();
  }

  /** C0 controls (including NUL), DEL and C1 controls. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  /** {@code C:}, {@code C:x}: absolute or drive-relative on Windows. */
  private static boolean isDriveLetter(String first) {
    return first.length() >= 2
        && first.charAt(1) == ':'
        && ((first.charAt(0) >= 'A' && first.charAt(0) <= 'Z')
            || (first.charAt(0) >= 'a' && first.charAt(0) <= 'z'));
  }

  private static ZipEntryRefusedException refuse(Reason reason, String format, Object... args) {
    return new ZipEntryRefusedException(ZipEntryProblem.of(reason, format, args));
  }
}
