package org.sinfonia.verticles.preview;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.preview.PreviewFailure;
import org.sinfonia.web.preview.PreviewImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rendered previews by key ({@code v1|<file sha256>[|<other
 * sha256>]|<size>|<frame>|<window>|<format>}): files are immutable and keyed by content, so an
 * entry never goes stale and nothing needs invalidating. Hot PNGs stay in memory (Caffeine, bounded
 * by bytes); every one also persists as a blob of the preview store (its own content-addressed
 * store, not the repository's reference-counted one) with a {@code previews} document mapping the
 * key to that blob, so a restart or another node of the cluster does not render it again.
 * Concurrent misses of one key on this node share one rendering. A stored preview whose blob has
 * gone is simply rendered again.
 */
public final class PreviewCache {

  private static final Logger LOG = LoggerFactory.getLogger(PreviewCache.class);

  /**
   * Bump when the renderer's output changes, so stored previews are not served for the new version.
   */
  static final String VERSION = "v1";

  private static final int ENTRY_OVERHEAD = 256;

  private final Vertx vertx;
  private final MongoClient mongo;
  private final PreviewStore store;
  private final Cache<String, PreviewImage> memory;
  private final Map<String, Future<PreviewImage>> inFlight = new ConcurrentHashMap<>();

  public PreviewCache(Vertx vertx, MongoClient mongo, PreviewStore store, long memoryBytes) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.store = store;
    this.memory =
        Caffeine.newBuilder()
            .maximumWeight(memoryBytes)
            .<String, PreviewImage>weigher((k, v) -> v.bytes().length + ENTRY_OVERHEAD)
            .build();
  }

  /**
   * The entity tag of the preview stored under {@code key}: a digest of the key, short and
   * header-safe.
   */
  static String etag(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return VERSION + "-" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cached preview, else {@code render}'s result, cached (in memory and the store) when {@code
   * keep}.
   */
  public Future<PreviewImage> get(String key, boolean keep, Supplier<Future<PreviewImage>> render) {
    if (!keep) {
      return render.get().map(i -> i.withEtag(etag(key)));
    }
    PreviewImage hot = memory.getIfPresent(key);
    if (hot != null) {
      return Future.succeededFuture(hot.withSource(PreviewImage.Source.MEMORY));
    }
    Future<PreviewImage> running = inFlight.get(key);
    if (running != null) {
      return running;
    }
    // The answer does not wait for the store: the preview is in memory at once, the file and
    // document follow.
    Future<PreviewImage> produced =
        stored(key)
            .compose(
                found ->
                    found.isPresent()
                        ? Future.succeededFuture(found.get())
                        : render
                            .get()
                            .map(i -> i.withEtag(etag(key)))
                            .onSuccess(image -> put(key, image)));
    Future<PreviewImage> raced = inFlight.putIfAbsent(key, produced);
    if (raced != null) {
      return raced;
    }
    return produced.andThen(ar -> inFlight.remove(key, produced));
  }

  /** A preview already made (memory, then the store). */
  public Future<Optional<PreviewImage>> lookup(String key) {
    PreviewImage hot = memory.getIfPresent(key);
    return hot != null
        ? Future.succeededFuture(Optional.of(hot.withSource(PreviewImage.Source.MEMORY)))
        : stored(key);
  }

  /**
   * Keeps a rendering: in memory at once, then its PNG in the preview store and the document naming
   * it (the returned future; a failure there is logged and leaves the preview in memory only).
   */
  public Future<Void> put(String key, PreviewImage image) {
    PreviewImage tagged = image.withEtag(etag(key));
    memory.put(key, tagged.withSource(PreviewImage.Source.RENDERED));
    return vertx
        .executeBlocking(() -> store.write(tagged.bytes()), false)
        .compose(
            blob -> {
              JsonObject doc =
                  new JsonObject()
                      .put("blob", blob)
                      .put("length", tagged.bytes().length)
                      .put("mediaType", tagged.mediaType())
                      .put("width", tagged.width())
                      .put("height", tagged.height())
                      .put("frame", tagged.frame())
                      .put("frames", tagged.frames())
                      .put("created", new JsonObject().put("$date", Instant.now().toString()));
              tagged
                  .failure()
                  .ifPresent(
                      f ->
                          doc.put(
                              "failure",
                              new JsonObject().put("code", f.code()).put("message", f.message())));
              return mongo.replaceDocumentsWithOptions(
                  Collections.PREVIEWS,
                  new JsonObject().put("_id", key),
                  doc,
                  new UpdateOptions().setUpsert(true));
            })
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.warn("preview {} kept in memory only: {}", key, e.toString());
              return Future.succeededFuture();
            });
  }

  private Future<Optional<PreviewImage>> stored(String key) {
    return mongo
        .findOne(Collections.PREVIEWS, new JsonObject().put("_id", key), null)
        .compose(
            doc -> {
              if (doc == null) {
                return Future.succeededFuture(Optional.<PreviewImage>empty());
              }
              return vertx
                  .fileSystem()
                  .readFile(store.path(doc.getString("blob")).toString())
                  .map(
                      buffer -> {
                        if (buffer.length() != doc.getInteger("length", -1)) {
                          return Optional
                              .<PreviewImage>
                                  empty(); // cut short by a crash (the store does not sync): render
                          // again
                        }
                        JsonObject f = doc.getJsonObject("failure");
                        PreviewImage image =
                            new PreviewImage(
                                buffer.getBytes(),
                                doc.getString("mediaType"),
                                doc.getInteger("width", 0),
                                doc.getInteger("height", 0),
                                doc.getInteger("frame", 0),
                                doc.getInteger("frames", 0),
                                f == null
                                    ? Optional.empty()
                                    : Optional.of(
                                        new PreviewFailure(
                                            f.getString("code"), f.getString("message"))),
                                etag(key),
                                PreviewImage.Source.STORE);
                        memory.put(key, image);
                        return Optional.of(image);
                      })
                  .recover(
                      missing ->
                          Future.succeededFuture(Optional.empty())); // the blob went: render again
            });
  }
}
