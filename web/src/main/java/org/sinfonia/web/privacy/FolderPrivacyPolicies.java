package org.sinfonia.web.privacy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.repo.Folder;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeReader;

/**
 * The policy in force for a folder: its own, else its parent folder's (and so on up), else its
 * collection's, else the site default. Home folders have no collection above them and take the site
 * default. Answers are cached for {@code ttl}; a change made on this node ({@link #invalidate()})
 * drops them all at once, since it may change every folder below the one changed. Other nodes see
 * the change when their entries expire.
 */
public final class FolderPrivacyPolicies implements PrivacyPolicies {

  /** How long another node may go on applying a policy that was changed elsewhere. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(10);

  private static final long MAX_ENTRIES = 10_000;

  private final TreeReader tree;
  private final PrivacyPolicy siteDefault;
  private final Cache<String, EffectivePolicy> cache;

  /** Bumped by every invalidation: a lookup that started before one does not fill the cache. */
  private final AtomicLong generation = new AtomicLong();

  public FolderPrivacyPolicies(TreeReader tree, PrivacyPolicy siteDefault, Duration ttl) {
    this.tree = tree;
    this.siteDefault = siteDefault;
    this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(MAX_ENTRIES).build();
  }

  @Override
  public Future<PrivacyPolicy> effectiveFor(String folderId) {
    return effective(ResourceType.FOLDER, folderId).map(EffectivePolicy::policy);
  }

  /**
   * What a collection or folder (loaded already) takes when it sets no policy of its own: its
   * parent's policy in force, or the site default for collections and home folders.
   */
  public Future<EffectivePolicy> inherited(Resource resource) {
    Folder f = resource.asFolder();
    if (f.type() == ResourceType.COLLECTION || "user".equals(f.parentType())) {
      return Future.succeededFuture(new EffectivePolicy(siteDefault, EffectivePolicy.SITE, null));
    }
    // The parent's answer is cached too, so the folders of one subtree share the walk up.
    return effective(ResourceType.ofSingular(f.parentType()), f.parentId());
  }

  /** Forgets every answer: a policy was set or cleared on this node. */
  public void invalidate() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  private Future<EffectivePolicy> effective(ResourceType type, String id) {
    String key = key(type, id);
    EffectivePolicy cached = cache.getIfPresent(key);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long started = generation.get();
    return tree.find(type, id)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.failedFuture(
                        ApiError.notFound(
                            type.singular().toUpperCase() + "_NOT_FOUND",
                            "no %s %s",
                            type.singular(),
                            id))
                    : resolveFrom(key, found.get(), started));
  }

  private Future<EffectivePolicy> resolveFrom(String key, Resource resource, long started) {
    PrivacyPolicy own = resource.asFolder().privacy();
    Future<EffectivePolicy> answer =
        own != null
            ? Future.succeededFuture(
                new EffectivePolicy(own, resource.type().singular(), resource.id()))
            : inherited(resource);
    return answer.onSuccess(
        e -> {
          if (generation.get() == started) {
            cache.put(key, e);
          }
        });
  }

  private static String key(ResourceType type, String id) {
    return type.singular() + ":" + id;
  }
}
