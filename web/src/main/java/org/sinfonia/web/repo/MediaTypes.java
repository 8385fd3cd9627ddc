package org.sinfonia.web.repo;

import java.util.Locale;
import java.util.Map;

/**
 * The media type a file is served and previewed as. Uploads record what the client declared, which is often
 * nothing useful ({@code application/octet-stream}, or curl's {@code application/x-www-form-urlencoded}); then the
 * file name's extension decides, so that a browser can play a video or show a PDF served inline.
 */
public final class MediaTypes {

  public static final String OCTET_STREAM = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("dcm", "application/dicom"), Map.entry("dicom", "application/dicom"),
      Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
      Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"), Map.entry("tif", "image/tiff"),
      Map.entry("tiff", "image/tiff"), Map.entry("webp", "image/webp"), Map.entry("svg", "image/svg+xml"),
      Map.entry("mp4", "video/mp4"), Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"),
      Map.entry("ogv", "video/ogg"), Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"),
      Map.entry("opus", "audio/ogg"), Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
      Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"),
      Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("log", "text/plain; charset=utf-8"), Map.entry("md", "text/markdown; charset=utf-8"),
      Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("tsv", "text/tab-separated-values; charset=utf-8"),
      Map.entry("json", "application/json"), Map.entry("xml", "application/xml"),
      Map.entry("zip", "application/zip"), Map.entry("nii", "application/octet-stream"),
      Map.entry("gz", "application/gzip"));

  private MediaTypes() {
  }

  /** The stored type when it says something, else the one the file name implies, else octet-stream. */
  public static String effective(String stored, String fileName) {
    if (stored != null && !uninformative(stored)) {
      return stored;
    }
    return ofName(fileName);
  }

  /** The type a file name's extension implies ({@code application/octet-stream} when unknown). */
  public static String ofName(String fileName) {
    if (fileName == null) {
      return OCTET_STREAM;
    }
    int dot = fileName.lastIndexOf('.');
    if (dot < 0 || dot == fileName.length() - 1) {
      return OCTET_STREAM;
    }
    return BY_EXTENSION.getOrDefault(fileName.substring(dot + 1).toLowerCase(Locale.ROOT), OCTET_STREAM);
  }

  /** The type without parameters, lower case: {@code text/csv} for {@code text/csv; charset=utf-8}. */
  public static String essence(String type) {
    if (type == null) {
      return OCTET_STREAM;
    }
    int semicolon = type.indexOf(';');
    return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static boolean uninformative(String type) {
    String e = essence(type);
    return e.isEmpty() || e.equals(OCTET_STREAM) || e.equals("application/x-www-form-urlencoded")
        || e.equals("multipart/form-data") || e.equals("binary/octet-stream") || !e.contains("/");
  }
}
