package org.sinfonia.web.privacy;

import org.sinfonia.core.privacy.PrivacyPolicy;

/**
 * The policy in force for a collection or folder and where it is set.
 *
 * @param sourceType "folder", "collection" or "site" (the configured default)
 * @param sourceId the id of that folder or collection; null for the site
 */
public record EffectivePolicy(PrivacyPolicy policy, String sourceType, String sourceId) {

  public static final String SITE = "site";

  /** Whether a resource of this id takes the policy from elsewhere rather than setting it. */
  public boolean inheritedBy(String resourceId) {
    return !resourceId.equals(sourceId);
  }
}
