package org.sinfonia.verticles.extract;

import io.vertx.core.json.JsonObject;

/**
 * What an extraction has done so far, kept in the job's checkpoint so that a resumed run goes on
 * counting. An entry whose registration was not yet checkpointed when the node died is counted
 * again on resume, as {@code unchanged}.
 */
final class ExtractCounts {

  /** Files stored as new items under their own name. */
  long stored;

  /** Files stored as new items under a numbered name ({@code onConflict=rename}). */
  long renamed;

  /** Existing items whose files were replaced ({@code onConflict=overwrite}). */
  long overwritten;

  /** Files whose exact content (same SHA-256) was already there under their name: nothing done. */
  long unchanged;

  /** Existing items kept, the entry not stored ({@code onConflict=skip}). */
  long kept;

  /** Folders created (existing ones are reused). */
  long folders;

  /** Zips inside the zip: stored as files, never expanded. */
  long nestedArchives;

  /**
   * Entries not extracted: refused by a guard, an invalid name, a file too large, no WRITE on a
   * subfolder...
   */
  long problems;

  static ExtractCounts from(JsonObject json) {
    ExtractCounts c = new ExtractCounts();
    JsonObject j = json == null ? new JsonObject() : json;
    c.stored = j.getLong("stored", 0L);
    c.renamed = j.getLong("renamed", 0L);
    c.overwritten = j.getLong("overwritten", 0L);
    c.unchanged = j.getLong("unchanged", 0L);
    c.kept = j.getLong("kept", 0L);
    c.folders = j.getLong("folders", 0L);
    c.nestedArchives = j.getLong("nestedArchives", 0L);
    c.problems = j.getLong("problems", 0L);
    return c;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("stored", stored)
        .put("renamed", renamed)
        .put("overwritten", overwritten)
        .put("unchanged", unchanged)
        .put("kept", kept)
        .put("folders", folders)
        .put("nestedArchives", nestedArchives)
        .put("problems", problems);
  }
}
