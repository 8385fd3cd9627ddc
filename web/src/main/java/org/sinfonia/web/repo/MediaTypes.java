package org.sinfonia.web.repo;

import java.util.Locale;

/**
 * The media type a file is served and previewed as. Uploads record what the client declared, which
 * is often nothing useful ({@code application/octet-stream}, or curl's {@code
 * application/x-www-form-urlencoded}); then the file name's extension decides, so that a browser
 * can play a video or show a PDF served inline.
 */
public final class MediaTypes {

  public static final String OCTET_STREAM = "application/octet-stream";

  private MediaTypes() {}

  /**
   * The stored type when it says something, else the one the file name implies, else octet-stream.
   */
  public static String effective(String stored, String fileName) {
    if (stored != null && !uninformative(stored)) {
      return stored;
    }
    return ofName(fileName);
  }

  /**
   * The type a file name's extension implies by the one table ({@link
   * org.sinfonia.core.ingest.MediaTypes}), text served as UTF-8; {@code application/octet-stream}
   * when the name says nothing.
   */
  public static String ofName(String fileName) {
    if (fileName == null) {
      return OCTET_STREAM;
    }
    String type = org.sinfonia.core.ingest.MediaTypes.byName(fileName);
    return type.startsWith("text/") ? type + "; charset=utf-8" : type;
  }

  /**
   * The type without parameters, lower case: {@code text/csv} for {@code text/csv; charset=utf-8}.
   */
  public static String essence(String type) {
    if (type == null) {
      return OCTET_STREAM;
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean uninformative(String type) {
    String e = essence(type);
    return e.isEmpty()
        || e.equals(OCTET_STREAM)
        || e.equals("application/x-www-form-urlencoded")
        || e.equals("multipart/form-data")
        || e.equals("binary/octet-stream")
        || !e.contains("/");
  }
}
