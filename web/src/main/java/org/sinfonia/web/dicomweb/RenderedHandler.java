package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.error.ApiError;

/**
 * WADO-RS {@code rendered} and {@code thumbnail} resources (PS3.18 10.4.1.1.3). Rendering is not part of this
 * service yet: without a {@link Renderer} every request is answered 406 with an explanation. The preview
 * renderer plugs in here.
 */
public final class RenderedHandler {

  /** The port a preview renderer implements: a JPEG or PNG of an instance, frame, series or study. */
  public interface Renderer {
    /** @param mediaType the Accept-negotiated type ("image/jpeg", "image/png") */
    Future<Buffer> render(DicomScope scope, String study, String series, String instance, Integer frame,
                          boolean thumbnail, String mediaType);
  }

  private final Renderer renderer;

  /** @param renderer null until the preview renderer exists */
  public RenderedHandler(Renderer renderer) {
    this.renderer = renderer;
  }

  void render(RoutingContext rc, boolean thumbnail) {
    if (renderer == null) {
      throw ApiError.notAcceptable("RENDERING_UNAVAILABLE", "this server does not render %s yet; retrieve the "
          + "instances, frames or metadata instead", thumbnail ? "thumbnails" : "images");
    }
    throw ApiError.notAcceptable("RENDERING_UNAVAILABLE", "rendering is not wired yet");
  }
}
