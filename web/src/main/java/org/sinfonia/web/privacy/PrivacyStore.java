package org.sinfonia.web.privacy;

import io.vertx.core.Future;
import org.sinfonia.core.privacy.PrivacyPolicy;
import org.sinfonia.web.repo.Resource;

/**
 * Writes the ingest privacy policy of a collection or folder (its {@code privacy} field); the only
 * writer of that field. Reading it is the tree's ({@code Resource.asFolder().privacy()}).
 */
public interface PrivacyStore {

  /** Sets the resource's own policy; fails with a 404 when the resource is gone. */
  Future<Void> set(Resource target, PrivacyPolicy policy);

  /** Removes the resource's own policy, so it inherits again; a no-op when it has none. */
  Future<Void> clear(Resource target);
}
