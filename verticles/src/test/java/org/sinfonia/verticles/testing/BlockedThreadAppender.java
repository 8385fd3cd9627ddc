package org.sinfonia.verticles.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects Vert.x blocked-thread warnings; {@link NoBlockedThreads} fails the test that caused
 * them.
 */
public final class BlockedThreadAppender extends AppenderBase<ILoggingEvent> {

  private static final List<String> WARNINGS = new CopyOnWriteArrayList<>();

  @Override
  protected void append(ILoggingEvent event) {
    if (idleWhenSampled(event)) {
      // The checker measures wall time; its stack is sampled after. A loop found back in its
      // selector was
      // descheduled (a loaded 2-core machine), not stuck in a blocking call, which would still be
      // on the stack.
      return;
    }
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    if (event.getThrowableProxy() != null) {
      for (var frame : event.getThrowableProxy().getStackTraceElementProxyArray()) {
        text.append("\n\t").append(frame.getSTEAsString());
      }
    }
    WARNINGS.add(text.toString());
  }

  private static boolean idleWhenSampled(ILoggingEvent event) {
    if (event.getThrowableProxy() == null
        || event.getThrowableProxy().getStackTraceElementProxyArray().length == 0) {
      return false;
    }
    String top = event.getThrowableProxy().getStackTraceElementProxyArray()[0].getSTEAsString();
    return top.contains("SelectedSelectionKeySetSelector.select")
        || top.contains("EPoll.wait")
        || top.contains("SelectorImpl.select")
        || top.contains("NioIoHandler.select");
  }

  public static List<String> drain() {
    List<String> copy = List.copyOf(WARNINGS);
    WARNINGS.clear();
    return copy;
  }
}
