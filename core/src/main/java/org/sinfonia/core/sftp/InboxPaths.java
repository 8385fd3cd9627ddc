package org.sinfonia.core.sftp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The drop-folder rules on jail paths ({@code /inbox/A/B/f.dcm}): which files are ingested, which
 * are left alone (the {@code .done} and {@code .failed} folders, hidden files and the temporary
 * names clients write before renaming into place), and which mapping, if any, sends a file
 * elsewhere than the home folder.
 */
public final class InboxPaths {

  public static final String INBOX = "inbox";
  public static final String OUTBOX = "outbox";
  public static final String DONE = ".done";
  public static final String FAILED = ".failed";
  private static final List<String> TEMP_SUFFIXES =
      List.of(".filepart", ".part", ".partial", ".tmp", ".crdownload");

  private InboxPaths() {}

  /** The names of a jail path, without empty parts: {@code /inbox/A/f} -> [inbox, A, f]. */
  public static List<String> parts(String jailPath) {
    List<String> out = new ArrayList<>();
    for (String p : jailPath.split("/")) {
      if (!p.isEmpty() && !p.equals(".")) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * True for a file the drop folder should ingest once it is written and closed or renamed into
   * place.
   */
  public static boolean isIngestible(String jailPath) {
    List<String> parts = parts(jailPath);
    if (parts.size() < 2 || !parts.get(0).equals(INBOX)) {
      return false;
    }
    for (String p : parts.subList(1, parts.size())) {
      if (p.startsWith(".")) {
        return false; // .done, .failed, hidden files and folders, .~lock / .~tmp names
      }
    }
    String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
    return TEMP_SUFFIXES.stream().noneMatch(name::endsWith) && !name.endsWith("~");
  }

  public static boolean isUnder(String jailPath, String top) {
    List<String> parts = parts(jailPath);
    return !parts.isEmpty() && parts.get(0).equals(top);
  }

  /**
   * Checks and normalizes a mapping key: {@code inbox} or {@code inbox/...} with plain names (no
   * {@code .}, {@code ..}, hidden names, backslashes or control characters). Returns it without
   * leading or trailing slashes.
   */
  public static Optional<String> normalizeMappingKey(String key) {
    if (key == null) {
      return Optional.empty();
    }
    List<String> parts = parts(key.strip());
    if (parts.isEmpty() || !parts.get(0).equals(INBOX) || parts.size() > 32) {
      return Optional.empty();
    }
    for (String p : parts) {
      if (p.startsWith(".")
          || p.contains("\\")
          || p.chars().anyMatch(Character::isISOControl)
          || p.length() > 255) {
        return Optional.empty();
      }
    }
    return Optional.of(String.join("/", parts));
  }

  /**
   * Where a file goes: the longest mapping key that is a folder prefix of its path, and the rest of
   * the folders.
   */
  public record Target(String mappingKey, List<String> subfolders, String fileName) {
    public boolean mapped() {
      return mappingKey != null;
    }
  }

  public static Target target(String jailPath, Map<String, ?> mappings) {
    List<String> parts = parts(jailPath);
    if (parts.size() < 2 || !parts.get(0).equals(INBOX)) {
      throw new IllegalArgumentException("not in the inbox: " + jailPath);
    }
    List<String> folders = parts.subList(0, parts.size() - 1);
    String fileName = parts.get(parts.size() - 1);
    for (int n = folders.size(); n >= 1; n--) {
      String key = String.join("/", folders.subList(0, n));
      if (mappings.containsKey(key)) {
        return new Target(key, List.copyOf(folders.subList(n, folders.size())), fileName);
      }
    }
    return new Target(null, List.copyOf(folders.subList(1, folders.size())), fileName);
  }
}
