package org.sinfonia.web.privacy;

import io.vertx.core.Future;
import org.sinfonia.core.privacy.PrivacyPolicy;

/**
 * The ingest privacy policy in force for a folder: its own, else the nearest ancestor's (folders,
 * then the collection), else the site default. The ingest service asks it once per file before the
 * first byte is stored.
 */
@FunctionalInterface
public interface PrivacyPolicies {

  Future<PrivacyPolicy> effectiveFor(String folderId);

  /** Every folder under one policy (the site default where no folder sets one). */
  static PrivacyPolicies fixed(PrivacyPolicy policy) {
    return folderId -> Future.succeededFuture(policy);
  }
}
