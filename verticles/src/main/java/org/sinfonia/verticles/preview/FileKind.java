package org.sinfonia.verticles.preview;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import org.sinfonia.web.repo.MediaTypes;
import org.sinfonia.web.repo.Resource;

/**
 * What the previewer makes of a stored file: DICOM (the ingest parser found a header, or the type
 * or name says so), a picture ImageIO decodes, media and documents the browser shows itself (served
 * inline), a zip archive (listed), or something else (sniffed for a picture, else a placeholder).
 */
enum FileKind {
  DICOM,
  IMAGE,
  VIDEO,
  AUDIO,
  PDF,
  TEXT,
  ZIP,
  OTHER;

  static FileKind of(Resource file) {
    JsonObject mark = file.asFile().dicom();
    if (mark != null && mark.getString("sopInstanceUid") != null) {
      return DICOM;
    }
    String type = MediaTypes.essence(mediaType(file));
    if (type.equals("application/dicom")) {
      return DICOM;
    }
    if (type.startsWith("image/") && !type.equals("image/svg+xml")) {
      return IMAGE;
    }
    if (type.startsWith("video/")) {
      return VIDEO;
    }
    if (type.startsWith("audio/")) {
      return AUDIO;
    }
    if (type.equals("application/pdf")) {
      return PDF;
    }
    if (type.startsWith("text/")
        || type.equals("application/json")
        || type.equals("application/xml")) {
      return TEXT;
    }
    if (type.equals("application/zip") || type.equals("application/x-zip-compressed")) {
      return ZIP;
    }
    return OTHER;
  }

  static String mediaType(Resource file) {
    return MediaTypes.effective(file.asFile().mimeType(), file.name());
  }

  /** Shown in a browser from {@code /download?inline=true}. */
  boolean inline() {
    return this == VIDEO || this == AUDIO || this == PDF || this == TEXT || this == IMAGE;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
