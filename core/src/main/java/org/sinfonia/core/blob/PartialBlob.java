package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;

/**
 * A partial blob open for appending: writes go to its end; {@link #force} may run on another thread
 * while later writes go on (a file channel allows it), which hides most of a sync's cost behind the
 * transfer.
 */
public interface PartialBlob extends WritableByteChannel {

  /** Makes everything written before the call durable. */
  void force() throws IOException;

  long size() throws IOException;

  /** Cuts the blob back to {@code size} bytes (a PATCH whose bytes are discarded). */
  void truncate(long size) throws IOException;
}
