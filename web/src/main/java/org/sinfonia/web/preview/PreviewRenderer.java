package org.sinfonia.web.preview;

import io.vertx.core.Future;
import org.sinfonia.core.auth.Principal;

/**
 * The port WADO-RS {@code rendered} and {@code thumbnail} resources call (DICOMweb's {@code RenderedHandler}):
 * the same renderer and cache as {@code /files/{id}/preview}. The caller has already resolved the instance
 * through its access-filtered index (so only readable instances reach here) and passes the stored blob's
 * SHA-256; a thumbnail is {@code PreviewParams.thumbnail()} (a real 128-pixel rendering, not a scaled full
 * one), JPEG with {@code withFormat(ImageFormat.JPEG)}. {@code caller} matters for RT Structure Sets only: their
 * contours are drawn on a referenced image the caller can read.
 */
public interface PreviewRenderer {

  Future<PreviewImage> renderInstance(String sha256, PreviewParams params, Principal caller);
}
