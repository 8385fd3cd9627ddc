package org.sinfonia.verticles.dicom;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Path;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.render.DicomRenderer;
import org.sinfonia.core.render.RenderFailure;
import org.sinfonia.core.render.RenderRequest;
import org.sinfonia.core.render.RenderResult;
import org.sinfonia.web.dicomweb.DicomIndexReader;
import org.sinfonia.web.dicomweb.DicomScope;
import org.sinfonia.web.dicomweb.RenderedHandler;

/**
 * WADO-RS rendered resources through the core renderer: the instance is found through the index (so only what the
 * caller can read), its header read and one frame decoded on a worker, the result sent as PNG.
 */
public final class DicomPreviewRenderer implements RenderedHandler.Renderer {

  private final DicomIndexReader index;
  private final WorkerExecutor workers;
  private final BlobStore blobs;
  private final DicomParserOptions options;
  private final DicomRenderer renderer = new DicomRenderer();

  public DicomPreviewRenderer(DicomIndexReader index, WorkerExecutor workers, BlobStore blobs,
                              DicomParserOptions options) {
    this.index = index;
    this.workers = workers;
    this.blobs = blobs;
    this.options = options;
  }

  @Override
  public Future<Buffer> png(DicomScope scope, String study, String series, String instance, Integer frame,
                            boolean thumbnail, double[] window) {
    return index.instances(scope, study, series, instance).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(ApiError.notFound("NOT_FOUND", "nothing to render there"));
      }
      DicomIndexReader.StoredInstance i = found.get(found.size() / 2);
      return workers.executeBlocking(() -> {
        Path file = blobs.path(i.sha256());
        DicomDataset header = DicomHeaderReader.read(file, options);
        RenderRequest request = thumbnail ? RenderRequest.thumbnail() : RenderRequest.full();
        if (frame != null) {
          request = request.withFrame(frame);
        }
        if (window != null) {
          request = request.withWindow(window[0], window[1]);
        }
        RenderResult result = renderer.render(file, header, request);
        if (result.failure().isPresent()) {
          RenderFailure f = result.failure().get();
          throw switch (f.code()) {
            case NO_PIXEL_DATA, FRAME_OUT_OF_RANGE -> ApiError.notFound(f.code().name(), "%s", f.message());
            default -> ApiError.notAcceptable(f.code().name(), "cannot render: %s", f.message());
          };
        }
        return Buffer.buffer(result.png());
      }, false);
    });
  }
}
