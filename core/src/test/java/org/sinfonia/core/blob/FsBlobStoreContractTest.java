package org.sinfonia.core.blob;

import java.io.IOException;
import java.nio.file.Path;

class FsBlobStoreContractTest extends BlobStoreContract {

  @Override
  BlobStore newStore(Path dir) throws IOException {
    return new FsBlobStore(dir.resolve("store"));
  }
}
