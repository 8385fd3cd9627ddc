package org.sinfonia.core.ingest;

import java.nio.ByteBuffer;

/**
 * Something that looks at the bytes of a file while they are stored (the DICOM header parser, for
 * instance), so nothing has to read the file again after it is stored. A tap must not consume the
 * buffer it is given (it sees a read-only view) and must not throw: a tap that cannot make sense of
 * the bytes records that and stops looking, because storing the file never depends on a tap.
 */
public interface IngestTap {

  void accept(ByteBuffer chunk);

  /** The last byte has been seen. */
  void end();
}
