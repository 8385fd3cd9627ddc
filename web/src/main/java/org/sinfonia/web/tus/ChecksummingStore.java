package org.sinfonia.web.tus;

import java.util.Set;
import org.sinfonia.core.upload.ChecksumAlgorithm;

/**
 * The checksum extension: {@link UploadStore#append} verifies {@code Upload-Checksum} with these
 * algorithms.
 */
public interface ChecksummingStore {
  Set<ChecksumAlgorithm> checksumAlgorithms();
}
