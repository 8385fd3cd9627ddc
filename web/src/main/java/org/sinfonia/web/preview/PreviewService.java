package org.sinfonia.web.preview;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.web.repo.Resource;

/**
 * What the previewer does with a stored file the caller may READ (the route has checked it).
 * Decoding and encoding run on worker pools, never on the caller's event loop; nothing here fails
 * for content it cannot show: images come back as placeholders with a {@link PreviewFailure}.
 * Implemented in {@code verticles}.
 */
public interface PreviewService {

  /**
   * A PNG of the file: a DICOM frame, the slice through an RT Dose maximum, an RT Structure Set's
   * contours on its referenced CT (found among the series {@code caller} can read), an image file's
   * thumbnail; a placeholder saying why for anything else.
   */
  Future<PreviewImage> image(Resource file, PreviewParams params, Principal caller);

  /**
   * The DICOM attribute list (nested sequences, private creators, readable names) as an encoded
   * JSON array; 415 NOT_DICOM otherwise. Encoded on a worker: an RT Structure Set's list runs to
   * megabytes.
   */
  Future<Buffer> dicomTags(Resource file);

  /**
   * What kind of object the file is and what the previewer can show of it: image attributes, RT
   * summaries, why a preview is a placeholder; for a file that is not DICOM, its media type and how
   * to view it.
   */
  Future<JsonObject> dicomSummary(Resource file, Principal caller);

  /**
   * A zip archive's tree from its central directory (nothing extracted) as an encoded JSON object;
   * 400 ZIP_CORRUPT for a broken one. Encoded on a worker: 10^5 entries make megabytes of JSON.
   */
  Future<Buffer> zipEntries(Resource file);
}
