package org.sinfonia.verticles.preview;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.web.preview.DicomHeaders;
import org.sinfonia.web.repo.Resource;

/**
 * Parsed DICOM headers by blob SHA-256 (files are immutable, so a blob's header never changes).
 * Primed at ingest with the header the ingest parser already collected, so the first preview of a
 * new file reads only its frame; otherwise the stored file is parsed on a preview worker with the
 * same parser, options and size cap as ingest ({@link DicomTap}), never on an event loop.
 *
 * <p>Not from the index's stored metadata: that is DICOM JSON, which keeps neither the fragment map
 * of encapsulated pixel data nor the exact text of numbers, and core has no reader from JSON to a
 * data set.
 */
public final class HeaderCache implements DicomHeaders {

  private final Cache<String, DicomDataset> cache;

  /** Blobs found to hold no usable header, with the reason: not read again on every request. */
  private final Cache<String, ApiError> refused = Caffeine.newBuilder().maximumSize(10_000).build();

  private final BlobStore blobs;
  private final WorkerExecutor pool;
  private final DicomParserOptions options;
  private final long maxHeaderBytes;

  public HeaderCache(
      BlobStore blobs,
      WorkerExecutor pool,
      DicomParserOptions options,
      long maxHeaderBytes,
      int entries) {
    this.blobs = blobs;
    this.pool = pool;
    this.options = options;
    this.maxHeaderBytes = maxHeaderBytes;
    this.cache = Caffeine.newBuilder().maximumSize(entries).build();
  }

  @Override
  public Future<DicomDataset> of(Resource file) {
    return ofBlob(file.asFile().sha256());
  }

  public Future<DicomDataset> ofBlob(String sha256) {
    DicomDataset cached = cache.getIfPresent(sha256);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    ApiError known = refused.getIfPresent(sha256);
    if (known != null) {
      return Future.failedFuture(known);
    }
    return pool.executeBlocking(() -> get(sha256), false);
  }

  /**
   * Blocking: for worker threads only. Throws {@link ApiError} NOT_DICOM when the blob holds no
   * DICOM header.
   */
  public DicomDataset get(String sha256) {
    ApiError known = refused.getIfPresent(sha256);
    if (known != null) {
      throw known;
    }
    return cache.get(sha256, k -> read(k));
  }

  /**
   * Whether the blob's header is at hand (so the blob is DICOM, whatever its file's type and marks
   * say yet).
   */
  public boolean known(String sha256) {
    return cache.getIfPresent(sha256) != null;
  }

  /** Remembers the header that ingest parsed (same parser, same options). */
  public void prime(String sha256, DicomDataset header) {
    cache.put(sha256, header);
  }

  private DicomDataset read(String sha256) {
    DicomTap tap;
    try {
      tap = DicomTap.ofStoredFile(BlobSource.of(blobs, sha256), options, maxHeaderBytes);
    } catch (NoSuchFileException e) {
      throw ApiError.notFound("BLOB_MISSING", "the stored file is missing");
    } catch (IOException e) {
      throw new ApiError(
          ApiError.Kind.INTERNAL, "IO_ERROR", "reading the stored file: " + e.getMessage(), e);
    }
    if (tap.header().isEmpty()) {
      ApiError e =
          ApiError.unsupportedMediaType(
              "NOT_DICOM", "the file has no DICOM header the previewer can use: %s", tap.reason());
      refused.put(sha256, e);
      throw e;
    }
    return tap.header().get().dataset();
  }
}
