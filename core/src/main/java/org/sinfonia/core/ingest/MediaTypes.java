package org.sinfonia.core.ingest;

import java.util.Map;

/**
 * The one extension -> media type table: for files that arrive without a declared type (SFTP drops,
 * zip entries, uploads without {@code Content-Type}) and for serving files whose recorded type says
 * nothing. Content beats the name: a file the DICOM parser recognised is DICOM whatever it is
 * called; that decision is the caller's ({@link #DICOM}).
 */
public final class MediaTypes {

  public static final String DICOM = "application/dicom";
  public static final String UNKNOWN = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("dcm", DICOM),
          Map.entry("dicom", DICOM),
          Map.entry("zip", "application/zip"),
          Map.entry("json", "application/json"),
          Map.entry("xml", "application/xml"),
          Map.entry("txt", "text/plain"),
          Map.entry("log", "text/plain"),
          Map.entry("md", "text/markdown"),
          Map.entry("csv", "text/csv"),
          Map.entry("tsv", "text/tab-separated-values"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("webp", "image/webp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("tif", "image/tiff"),
          Map.entry("tiff", "image/tiff"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("m4v", "video/mp4"),
          Map.entry("webm", "video/webm"),
          Map.entry("ogv", "video/ogg"),
          Map.entry("ogg", "audio/ogg"),
          Map.entry("oga", "audio/ogg"),
          Map.entry("opus", "audio/ogg"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("m4a", "audio/mp4"),
          Map.entry("wav", "audio/wav"),
          Map.entry("flac", "audio/flac"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tar.gz", "application/gzip"),
          Map.entry("nii", "application/x-nifti"),
          Map.entry("nii.gz", "application/gzip"),
          Map.entry("nrrd", "application/x-nrrd"));

  private MediaTypes() {}

  /** By the name's extension ({@link FileNames#extension}); {@link #UNKNOWN} if it says nothing. */
  public static String byName(String name) {
    String ext = FileNames.extension(name);
    String type = BY_EXTENSION.get(ext);
    if (type == null && ext.contains(".")) {
      type = BY_EXTENSION.get(ext.substring(ext.lastIndexOf('.') + 1));
    }
    return type != null ? type : UNKNOWN;
  }

  /** A declared type as recorded: stripped, or {@code null} when absent, blank or absurdly long. */
  public static String declared(String contentType) {
    if (contentType == null || contentType.isBlank() || contentType.length() > 255) {
      return null;
    }
    return contentType.strip();
  }
}
