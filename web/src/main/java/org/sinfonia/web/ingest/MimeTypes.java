package org.sinfonia.web.ingest;

import java.util.Locale;
import org.sinfonia.core.ingest.DicomTap;

/**
 * The media type recorded for a file that arrived without one (SFTP drops, zip entries): DICOM when the header
 * parser recognised it (whatever its name), else by a few common extensions, else {@code application/octet-stream}.
 */
public final class MimeTypes {

  private MimeTypes() {
  }

  public static String guess(String name, Ingested ingested) {
    if (ingested.tap(DicomTap.class).flatMap(DicomTap::header).isPresent()) {
      return "application/dicom";
    }
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.lastIndexOf('.');
    return switch (dot < 0 ? "" : n.substring(dot + 1)) {
      case "dcm" -> "application/dicom";
      case "zip" -> "application/zip";
      case "json" -> "application/json";
      case "txt" -> "text/plain";
      case "csv" -> "text/csv";
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "pdf" -> "application/pdf";
      case "gz" -> "application/gzip";
      default -> "application/octet-stream";
    };
  }
}
