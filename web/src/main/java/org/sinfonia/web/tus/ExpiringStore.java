package org.sinfonia.web.tus;

import org.sinfonia.core.upload.ExpiryPolicy;

/**
 * The expiration extension: unfinished uploads carry {@code Upload-Expires} and are purged after
 * it.
 */
public interface ExpiringStore {
  ExpiryPolicy expiry();
}
