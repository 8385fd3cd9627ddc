package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;
import java.util.OptionalInt;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.render.display.Window;
import org.sinfonia.core.render.output.RenderSize;
import org.sinfonia.web.dicomweb.DicomIndexReader;
import org.sinfonia.web.dicomweb.DicomScope;
import org.sinfonia.web.dicomweb.RenderedHandler;
import org.sinfonia.web.preview.ImageFormat;
import org.sinfonia.web.preview.PreviewFailure;
import org.sinfonia.web.preview.PreviewParams;
import org.sinfonia.web.preview.PreviewRenderer;

/**
 * WADO-RS rendered resources through the previewer: the instance is found through the index (so
 * only what the caller can read; a study or series thumbnail is its middle instance), then rendered
 * by the same renderer, worker pool, header cache and preview cache as {@code /files/{id}/preview}
 * ({@link PreviewRenderer}); a thumbnail is a real 128-pixel rendering. What the previewer would
 * show as a placeholder is an error here, as PS3.18 expects: 404 for no pixel data or a frame that
 * does not exist, 406 for anything else it cannot render.
 */
public final class DicomPreviewRenderer implements RenderedHandler.Renderer {

  private final DicomIndexReader index;
  private final PreviewRenderer previews;

  public DicomPreviewRenderer(DicomIndexReader index, PreviewRenderer previews) {
    this.index = index;
    this.previews = previews;
  }

  @Override
  public Future<Buffer> png(
      DicomScope scope,
      String study,
      String series,
      String instance,
      Integer frame,
      boolean thumbnail,
      double[] window) {
    PreviewParams params =
        new PreviewParams(
            thumbnail ? RenderSize.THUMBNAIL : RenderSize.FULL,
            frame == null ? OptionalInt.empty() : OptionalInt.of(frame),
            window(window),
            ImageFormat.PNG);
    return index
        .instances(scope, study, series, instance)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.failedFuture(
                    ApiError.notFound("NOT_FOUND", "nothing to render there"));
              }
              DicomIndexReader.StoredInstance i = found.get(found.size() / 2);
              return previews
                  .renderInstance(i.sha256(), params, scope.readers())
                  .compose(
                      image -> {
                        if (image.failure().isPresent()) {
                          PreviewFailure f = image.failure().get();
                          return Future.failedFuture(
                              switch (f.code()) {
                                case "NO_PIXEL_DATA", "FRAME_OUT_OF_RANGE" ->
                                    ApiError.notFound(f.code(), "%s", f.message());
                                default ->
                                    ApiError.notAcceptable(
                                        f.code(), "cannot render: %s", f.message());
                              });
                        }
                        return Future.succeededFuture(Buffer.buffer(image.bytes()));
                      });
            });
  }

  private static Optional<Window> window(double[] window) {
    if (window == null) {
      return Optional.empty();
    }
    if (window[1] < 1) {
      throw ApiError.badRequest("INVALID_WINDOW", "the window width must be at least 1");
    }
    return Optional.of(new Window(window[0], window[1]));
  }
}
