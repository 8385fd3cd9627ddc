package org.sinfonia.web.preview;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * The port WADO-RS {@code rendered} and {@code thumbnail} resources call (DICOMweb's {@code
 * RenderedHandler}): the same renderer and cache as {@code /files/{id}/preview}. The caller has
 * already resolved the instance through its access-filtered index (so only readable instances reach
 * here) and passes the stored blob's SHA-256; a thumbnail is {@code PreviewParams.thumbnail()} (a
 * real 128-pixel rendering, not a scaled full one), JPEG with {@code withFormat(ImageFormat.JPEG)}.
 * {@code readers} (the caller's reader tokens, empty for a site administrator, as a DICOMweb scope
 * holds them) matter for RT Structure Sets only: their contours are drawn on a referenced image the
 * caller can read. Never fails for content: a placeholder carries the reason.
 */
public interface PreviewRenderer {

  Future<PreviewImage> renderInstance(
      String sha256, PreviewParams params, Optional<List<String>> readers);
}
