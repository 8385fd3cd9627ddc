package org.sinfonia.web.repo;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.blob.BlobBodies;

/**
 * {@code GET|HEAD /files/{id}/download}: the stored bytes, sent zero-copy from the blob store, with
 * single Range requests (206 / 416), {@code ETag} = SHA-256 and {@code If-None-Match} (304), and a
 * {@code Content-Disposition} naming the file ({@code ?inline=true} to display it in the browser:
 * the previewer's way to play video and audio and to show PDF, text and CSV files).
 */
public final class DownloadRoutes {

  private final Requires requires;
  private final BlobStore blobs;
  private final Audit audit;

  public DownloadRoutes(Requires requires, BlobStore blobs, Audit audit) {
    this.requires = requires;
    this.blobs = blobs;
    this.audit = audit;
  }

  public void register(ApiRouter api) {
    api.streaming(
        HttpMethod.GET,
        "/files/:id/download",
        requires.level(Level.READ, ResourceType.FILE, "id"),
        this::download);
    api.streaming(
        HttpMethod.HEAD,
        "/files/:id/download",
        requires.level(Level.READ, ResourceType.FILE, "id"),
        this::download);
  }

  private void download(RoutingContext rc) {
    FileRecord file = Loaded.of(rc).resource().asFile();
    String sha256 = file.sha256();
    long size = file.size();
    String etag = "\"" + sha256 + "\"";
    String ifNoneMatch = rc.request().getHeader("If-None-Match");
    if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
      rc.response().putHeader("ETag", etag).setStatusCode(304).end();
      return;
    }
    Optional<ByteRange> range;
    try {
      range = ByteRange.parse(rc.request().getHeader("Range"), size);
    } catch (ApiError unsatisfiable) {
      rc.response()
          .putHeader("Content-Range", "bytes */" + size); // RFC 9110: tell the client the real size
      throw unsatisfiable;
    }
    boolean inline = "true".equals(rc.queryParams().get("inline"));
    // What the uploader declared, or what the name implies when that was nothing useful: a video,
    // PDF or text
    // file then plays or shows inline in the browser (Range requests let a player seek).
    String type = MediaTypes.effective(file.mimeType(), file.name());
    HttpServerResponse response =
        rc.response()
            .putHeader("ETag", etag)
            // User content is never interpreted as this origin's page: no sniffing, no scripts, no
            // plugins.
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Security-Policy", contentSecurityPolicy(type))
            .putHeader("Accept-Ranges", "bytes")
            .putHeader("Cache-Control", "private, no-cache")
            .putHeader("Content-Type", type)
            .putHeader("Content-Disposition", disposition(file.name(), inline));
    long offset = range.map(ByteRange::start).orElse(0L);
    long length = range.map(ByteRange::length).orElse(size);
    if (range.isPresent()) {
      response.setStatusCode(206).putHeader("Content-Range", range.get().contentRange(size));
    }
    if (rc.request().method() == HttpMethod.HEAD) {
      response.putHeader("Content-Length", Long.toString(length)).end();
      return;
    }
    new BlobBodies(rc.vertx(), blobs)
        .send(response, sha256, offset, length)
        .andThen(
            ar ->
                audit.record(
                    Caller.actor(rc),
                    "download",
                    "file",
                    file.id(),
                    ar.cause(),
                    range.map(r -> r.contentRange(size)).orElse(null)))
        .onFailure(rc::fail);
  }

  static String disposition(String name, boolean inline) {
    String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return (inline ? "inline" : "attachment")
        + "; filename=\""
        + ascii
        + "\"; filename*=UTF-8''"
        + encoded;
  }

  /**
   * Every download is a sandboxed document, except a PDF: Chrome and Safari refuse to start their
   * PDF viewer in a sandboxed document. A PDF keeps the rest (no scripts, no connections of its
   * own, nosniff above), and its viewer runs in the browser's own isolated process, not as a page
   * of this origin.
   */
  static String contentSecurityPolicy(String mediaType) {
    String rest = "default-src 'none'; img-src 'self' data:; media-src 'self'";
    return mediaType.toLowerCase(java.util.Locale.ROOT).startsWith("application/pdf")
        ? rest
        : "sandbox; " + rest;
  }
}
