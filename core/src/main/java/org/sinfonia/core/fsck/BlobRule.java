package org.sinfonia.core.fsck;

import java.time.Duration;

/**
 * Whether a stored blob that no file uses is an orphan. Such a blob is expected for a while: its
 * last file was deleted less than the grace period ago (its reference document marks it {@code
 * freedAt} and the sweeper removes it later), or an upload wrote it and has not registered its file
 * yet (no reference document, a recent blob). Past the grace period either way, it is an orphan. A
 * blob whose reference document still counts references is not judged here: that is a reference
 * count to correct.
 */
public final class BlobRule {

  private BlobRule() {}

  /**
   * @param freedAt when the reference document marked it unreferenced (epoch ms), null when there
   *     is no reference document or it has no mark
   * @param storedAt when the blob was written (epoch ms)
   */
  public static boolean orphan(Long freedAt, long storedAt, long now, Duration grace) {
    long since = freedAt != null ? freedAt : storedAt;
    return now - since >= grace.toMillis();
  }

  /** A blob name: 64 lower-case hex digits (the SHA-256 of its content). */
  public static boolean isAddress(String name) {
    if (name.length() != 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
