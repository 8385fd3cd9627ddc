package org.sinfonia.core.ingest;

import java.util.List;

/**
 * The last word on a file before its blob is committed: called on the ingest worker once every byte
 * has been seen and the taps have ended. Throwing refuses the file; its bytes are discarded and
 * nothing of it is kept (STOW-RS refuses an instance of another study this way).
 */
@FunctionalInterface
public interface IngestGate {

  IngestGate ACCEPT_ALL = taps -> {};

  void check(List<IngestTap> taps);
}
