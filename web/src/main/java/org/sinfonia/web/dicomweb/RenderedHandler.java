package org.sinfonia.web.dicomweb;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.error.ApiError;

/**
 * WADO-RS {@code rendered} and {@code thumbnail} resources (PS3.18 10.4.1.1.3) as PNG, through a
 * {@link Renderer} port (the core preview renderer, on a worker). Instances and frames render;
 * studies and series have thumbnails (their middle instance) but no rendered form here (406).
 * {@code window=center,width} sets the VOI window.
 */
public final class RenderedHandler {

  /**
   * The port a preview renderer implements: one frame of a readable instance of the study/series,
   * as PNG.
   */
  public interface Renderer {
    /**
     * @param instance null for a study or series thumbnail (the renderer picks the middle instance)
     * @param frame from 1; null for the renderer's default (the middle frame)
     * @param window {center, width} or null for the data set's own
     */
    Future<Buffer> png(
        DicomScope scope,
        String study,
        String series,
        String instance,
        Integer frame,
        boolean thumbnail,
        double[] window);
  }

  private final Renderer renderer;
  private final DicomScopes scopes;

  /**
   * @param renderer null: every request is answered 406
   */
  public RenderedHandler(Renderer renderer, DicomScopes scopes) {
    this.renderer = renderer;
    this.scopes = scopes;
  }

  void render(RoutingContext rc, boolean thumbnail) {
    if (renderer == null) {
      throw ApiError.notAcceptable(
          "RENDERING_UNAVAILABLE",
          "this server does not render images; retrieve the "
              + "instances, frames or metadata instead");
    }
    if (!thumbnail && rc.pathParam("instance") == null) {
      throw ApiError.notAcceptable(
          "RENDERING_UNAVAILABLE",
          "rendered studies and series are not supported; ask for "
              + "an instance or frame, or for a thumbnail");
    }
    acceptPng(rc.request().getHeader("Accept"));
    String frames = rc.pathParam("frames");
    Integer frame = frames == null ? null : WadoFramesHandler.frameNumbers(frames).get(0);
    double[] window = window(rc.queryParams().get("window"));
    scopes
        .of(rc)
        .compose(
            scope ->
                renderer.png(
                    scope,
                    rc.pathParam("study"),
                    rc.pathParam("series"),
                    rc.pathParam("instance"),
                    frame,
                    thumbnail,
                    window))
        .onSuccess(
            png ->
                rc.response()
                    .putHeader("Content-Type", "image/png")
                    .putHeader("Cache-Control", "private, max-age=300")
                    .end(png))
        .onFailure(rc::fail);
  }

  private static void acceptPng(String accept) {
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      if (r.admits("image/png")) {
        return;
      }
    }
    throw ApiError.notAcceptable(
        "NOT_ACCEPTABLE", "rendered images are image/png (asked for %s)", accept);
  }

  private static double[] window(String param) {
    if (param == null || param.isBlank()) {
      return null;
    }
    String[] p = param.split(",");
    try {
      double width = Double.parseDouble(p[1].trim());
      if (width <= 0) {
        throw new NumberFormatException();
      }
      return new double[] {Double.parseDouble(p[0].trim()), width};
    } catch (RuntimeException e) {
      throw ApiError.badRequest(
          "INVALID_WINDOW", "window is center,width[,function] with a positive width");
    }
  }
}
