package org.sinfonia.verticles.mongo;

/** MongoDB collection names, in one place. */
public final class Collections {

  public static final String USERS = "users";
  public static final String SESSIONS = "sessions";
  public static final String LOGIN_FAILURES = "login_failures";
  public static final String COLLECTIONS = "collections";
  public static final String FOLDERS = "folders";
  public static final String ITEMS = "items";
  public static final String FILES = "files";
  public static final String ITEM_LISTS = "item_lists";
  public static final String BLOB_REFS = "blob_refs";
  public static final String AUDIT = "audit";
  public static final String JOBS = "jobs";
  public static final String UPLOADS = "uploads";
  public static final String UPLOAD_LOCKS = "upload_locks";

  /** Submitted AI models, one document per version (web/models). */
  public static final String MODELS = "models";

  /** Rendered previews: {@code _id} = cache key, the PNG blob in the preview store. */
  public static final String PREVIEWS = "previews";

  /**
   * One marker per series part ({@code folderId|seriesUid}) whose ingest-time preview job was
   * submitted.
   */
  public static final String PREVIEW_SERIES = "preview_series";

  private Collections() {}
}
