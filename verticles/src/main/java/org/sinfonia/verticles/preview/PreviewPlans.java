package org.sinfonia.verticles.preview;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.rt.RtStructureSetReader;
import org.sinfonia.core.rt.RtStructureSetSummary;
import org.sinfonia.web.HttpApi;
import org.sinfonia.web.preview.PreviewImage;
import org.sinfonia.web.preview.PreviewParams;
import org.sinfonia.web.repo.Resource;

/**
 * Decides, before anything is decoded, how a preview is made: everything that needs the database or
 * a header (the file's kind, an RT Structure Set's referenced image among those the caller can
 * read) is resolved here, asynchronously; what is left is a cache key and a blocking rendering for
 * a worker. Keys start with {@link PreviewCache#VERSION} and the blob SHA-256 of every file drawn,
 * so they change when the content does.
 */
final class PreviewPlans {

  /**
   * @param key the cache key (and, digested, the entity tag)
   * @param keep whether the result is cached (placeholders that depend on the repository's state
   *     are not)
   * @param render the blocking rendering, for a preview worker or a job thread
   * @param notes facts for {@code dicom-summary} (the referenced image an RT Structure Set is drawn
   *     on)
   */
  record Plan(String key, boolean keep, Callable<PreviewImage> render, JsonObject notes) {}

  private final BlobStore blobs;
  private final HeaderCache headers;
  private final ReferencedImages references;
  private final DicomRenderings dicom;
  private final PictureRenderer pictures;

  PreviewPlans(
      BlobStore blobs,
      HeaderCache headers,
      ReferencedImages references,
      DicomRenderings dicom,
      PictureRenderer pictures) {
    this.blobs = blobs;
    this.headers = headers;
    this.references = references;
    this.dicom = dicom;
    this.pictures = pictures;
  }

  Future<Plan> of(Resource file, PreviewParams params, Principal caller) {
    return of(file, params, caller, false);
  }

  /**
   * @param dicom the file is known to be DICOM (an ingest-time job: the index may not have marked
   *     the file yet, and the uploader's declared type may say anything)
   */
  Future<Plan> of(Resource file, PreviewParams params, Principal caller, boolean dicom) {
    String sha = file.asFile().sha256();
    String key = key(params, sha);
    FileKind kind = dicom || headers.known(sha) ? FileKind.DICOM : FileKind.of(file);
    String mediaType = FileKind.mediaType(file);
    return switch (kind) {
      case DICOM ->
          headers
              .of(file)
              .transform(
                  ar ->
                      ar.succeeded()
                          ? dicom(sha, ar.result(), params, AccessPolicy.readerTokens(caller))
                          : Future.succeededFuture(
                              placeholder(key, code(ar.cause()), ar.cause().getMessage(), params)));
      case IMAGE, OTHER ->
          Future.succeededFuture(
              new Plan(
                  key,
                  true,
                  () -> pictures.render(BlobSource.of(blobs, sha), mediaType, params),
                  new JsonObject()));
      default ->
          Future.succeededFuture(
              placeholder(key, "NOT_AN_IMAGE", notAnImage(file, kind, mediaType), params));
    };
  }

  /**
   * A DICOM instance by blob (WADO-RS rendered resources), for a caller with these reader tokens.
   */
  Future<Plan> ofInstance(String sha256, PreviewParams params, Optional<List<String>> readers) {
    return headers.ofBlob(sha256).compose(h -> dicom(sha256, h, params, readers));
  }

  private Future<Plan> dicom(
      String sha, DicomDataset header, PreviewParams params, Optional<List<String>> readers) {
    BlobSource file = BlobSource.of(blobs, sha);
    String key = key(params, sha);
    return switch (DicomKind.of(header)) {
      case RT_STRUCT -> structureSet(sha, header, params, readers);
      case RT_DOSE ->
          Future.succeededFuture(
              new Plan(
                  key,
                  true,
                  () ->
                      params.frame().isPresent()
                          ? dicom.image(file, header, params)
                          : dicom.dose(file, header, params),
                  new JsonObject()));
      case RT_PLAN ->
          Future.succeededFuture(
              new Plan(key, true, () -> dicom.plan(header, params), new JsonObject()));
      default ->
          Future.succeededFuture(
              new Plan(key, true, () -> dicom.image(file, header, params), new JsonObject()));
    };
  }

  /**
   * Contours on the referenced image the caller can read, or a placeholder (not cached: that image
   * may come).
   */
  private Future<Plan> structureSet(
      String sha, DicomDataset header, PreviewParams params, Optional<List<String>> readers) {
    RtStructureSetSummary summary;
    try {
      summary = RtStructureSetReader.summarize(header);
    } catch (RuntimeException e) {
      return Future.succeededFuture(
          placeholder(key(params, sha), "RT_STRUCTURE_SET_UNREADABLE", e.getMessage(), params));
    }
    return references
        .find(header, summary, readers)
        .compose(
            found -> {
              if (found.isEmpty()) {
                String series =
                    summary.referencedSeries().isEmpty()
                        ? "no referenced series"
                        : "series " + summary.referencedSeries().get(0).seriesInstanceUid();
                return Future.succeededFuture(
                    placeholder(
                        key(params, sha),
                        "REFERENCED_IMAGES_NOT_FOUND",
                        "the images the "
                            + "contours were drawn on ("
                            + series
                            + ") are not in the repository, or not readable by you",
                        params));
              }
              ReferencedImages.Slice slice = found.get();
              JsonObject notes =
                  new JsonObject()
                      .put(
                          "referencedImage",
                          new JsonObject()
                              .put("fileId", slice.fileId())
                              .put("sopInstanceUid", slice.sopInstanceUid())
                              .put("seriesInstanceUid", slice.seriesInstanceUid()));
              return headers
                  .ofBlob(slice.sha256())
                  .map(
                      ct ->
                          new Plan(
                              key(params, sha, slice.sha256()),
                              true,
                              () ->
                                  dicom.structure(
                                      BlobSource.of(blobs, sha),
                                      header,
                                      BlobSource.of(blobs, slice.sha256()),
                                      ct,
                                      params),
                              notes))
                  .recover(
                      e ->
                          Future.succeededFuture(
                              placeholder(
                                  key(params, sha),
                                  "REFERENCED_IMAGES_NOT_FOUND",
                                  "the referenced image "
                                      + slice.sopInstanceUid()
                                      + " cannot be read: "
                                      + e.getMessage(),
                                  params)));
            });
  }

  private static String notAnImage(Resource file, FileKind kind, String mediaType) {
    String base = HttpApi.API_PREFIX + "/files/" + file.id();
    return switch (kind) {
      case VIDEO -> mediaType + ": play it from " + base + "/download?inline=true";
      case AUDIO -> mediaType + ": listen from " + base + "/download?inline=true";
      case PDF, TEXT -> mediaType + ": view it at " + base + "/download?inline=true";
      case ZIP -> "a zip archive: its entries are at " + base + "/zip-entries";
      default -> mediaType + " has no preview";
    };
  }

  private static Plan placeholder(String key, String code, String message, PreviewParams params) {
    return new Plan(
        key, false, () -> DicomRenderings.failed(code, message, params), new JsonObject());
  }

  private static String code(Throwable e) {
    return e instanceof ApiError a ? a.code() : "IO_ERROR";
  }

  static String key(PreviewParams params, String... shas) {
    return PreviewCache.VERSION + "|" + String.join("|", shas) + "|" + params.key();
  }
}
