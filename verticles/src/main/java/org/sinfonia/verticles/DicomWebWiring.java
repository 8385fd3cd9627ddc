package org.sinfonia.verticles;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.mongo.MongoClient;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.verticles.dicom.DicomPreviewRenderer;
import org.sinfonia.verticles.dicom.MongoDicomIndexReader;
import org.sinfonia.web.dicomweb.BulkDataHandler;
import org.sinfonia.web.dicomweb.DicomScopes;
import org.sinfonia.web.dicomweb.DicomWebRoutes;
import org.sinfonia.web.dicomweb.DicomWebUrls;
import org.sinfonia.web.dicomweb.InstanceFileRoutes;
import org.sinfonia.web.dicomweb.MetadataHandler;
import org.sinfonia.web.dicomweb.QidoHandler;
import org.sinfonia.web.dicomweb.RenderedHandler;
import org.sinfonia.web.dicomweb.RepositoryStow;
import org.sinfonia.web.dicomweb.StowHandler;
import org.sinfonia.web.dicomweb.WadoFramesHandler;
import org.sinfonia.web.dicomweb.WadoHandler;
import org.sinfonia.web.ingest.IngestService;
import org.sinfonia.web.preview.PreviewRenderer;
import org.sinfonia.web.repo.Requires;
import org.sinfonia.web.repo.TreeRepository;

/**
 * Builds the DICOMweb handlers over the Mongo index reader, each with its slice of configuration.
 */
final class DicomWebWiring {

  /**
   * The {@code /dicom-web} routes and the API's instance-to-file lookup, over one index reader (one
   * study cache).
   */
  record Parts(DicomWebRoutes dicomWeb, InstanceFileRoutes instanceFiles) {}

  /**
   * Where instances are read from: the index in Mongo, parsed on the workers, and the blobs that
   * hold their bytes (WADO, frames, bulk data).
   */
  record Index(
      MongoClient mongo,
      WorkerExecutor workers,
      BlobStore blobs,
      DicomParserOptions parserOptions) {}

  /**
   * Where instances are filed: the tree (scopes, STOW's target), the access checks and the one
   * ingest path STOW stores through.
   */
  record Filing(TreeRepository tree, Requires requires, IngestService ingest) {}

  private DicomWebWiring() {}

  static Parts routes(
      Vertx vertx, SinfoniaConfig config, Index source, Filing filing, PreviewRenderer previews) {
    SinfoniaConfig.DicomWeb cfg = config.dicomweb();
    BlobStore blobs = source.blobs();
    Requires requires = filing.requires();
    MongoDicomIndexReader index =
        new MongoDicomIndexReader(
            vertx,
            source.mongo(),
            source.workers(),
            blobs,
            source.parserOptions(),
            cfg.metadataCacheBytes());
    DicomScopes scopes = new DicomScopes(filing.tree());
    DicomPreviewRenderer renderer = new DicomPreviewRenderer(index, previews);
    DicomWebUrls urls = new DicomWebUrls(config.http().publicUrl());
    return new Parts(
        new DicomWebRoutes(
            requires,
            new StowHandler(
                new RepositoryStow(
                    filing.ingest(), filing.tree(), requires, cfg.stowFolder(), index),
                urls,
                new StowHandler.Limits(cfg.stowPartsInFlight(), cfg.stowBatchSize())),
            new QidoHandler(index, scopes, urls, cfg.qidoMaxLimit()),
            new WadoHandler(vertx, index, scopes, urls, blobs),
            new WadoFramesHandler(vertx, index, scopes, blobs),
            new BulkDataHandler(vertx, index, scopes, blobs),
            new MetadataHandler(index, scopes, urls),
            new RenderedHandler(renderer, scopes)),
        new InstanceFileRoutes(index, scopes));
  }
}
