package org.sinfonia.web.tus;

import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sinfonia.core.upload.ChecksumAlgorithm;
import org.sinfonia.core.upload.UploadChecksum;

/**
 * What the plugged-in store can do beyond the core (tusd's StoreComposer): the extension interfaces
 * it implements. {@code Tus-Extension} is built from this, so the server never advertises what its
 * store lacks.
 */
record TusCapabilities(
    UploadStore store,
    Optional<TerminatingStore> terminator,
    Optional<ConcatenatingStore> concatenator,
    Optional<LengthDeferringStore> deferrer,
    Optional<ExpiringStore> expirer,
    Set<ChecksumAlgorithm> checksums) {

  static TusCapabilities of(UploadStore store) {
    return new TusCapabilities(
        store,
        as(store, TerminatingStore.class),
        as(store, ConcatenatingStore.class),
        as(store, LengthDeferringStore.class),
        as(store, ExpiringStore.class),
        as(store, ChecksummingStore.class)
            .map(ChecksummingStore::checksumAlgorithms)
            .orElse(Set.of()));
  }

  String extensionHeader() {
    List<String> extensions = new ArrayList<>(List.of("creation", "creation-with-upload"));
    deferrer.ifPresent(d -> extensions.add("creation-defer-length"));
    expirer.ifPresent(e -> extensions.add("expiration"));
    if (!checksums.isEmpty()) {
      extensions.add("checksum");
    }
    terminator.ifPresent(t -> extensions.add("termination"));
    concatenator.ifPresent(c -> extensions.add("concatenation"));
    return String.join(",", extensions);
  }

  /**
   * The request's Upload-Checksum, refused (400) before any byte is read if its algorithm is not
   * offered.
   */
  Optional<UploadChecksum> checksum(HttpServerRequest request) {
    Optional<UploadChecksum> checksum = TusHeaders.checksum(request);
    if (checksum.isPresent() && !checksums.contains(checksum.get().algorithm())) {
      throw TusErrors.unknownChecksumAlgorithm(checksum.get().algorithm().tusName());
    }
    return checksum;
  }

  String checksumHeader() {
    return String.join(",", checksums.stream().sorted().map(ChecksumAlgorithm::tusName).toList());
  }

  private static <T> Optional<T> as(UploadStore store, Class<T> extension) {
    return extension.isInstance(store) ? Optional.of(extension.cast(store)) : Optional.empty();
  }
}
