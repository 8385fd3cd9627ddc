package org.sinfonia.verticles.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test if the blocked-thread checker complained while it ran (threshold: {@link
 * TestNode#BLOCKED_THREAD_MS}).
 */
public final class NoBlockedThreads implements AfterEachCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> warnings = BlockedThreadAppender.drain();
    if (!warnings.isEmpty()) {
      throw new AssertionError(
          "an event loop was blocked during " + context.getDisplayName() + ": " + warnings.get(0));
    }
  }
}
