package org.sinfonia.web.ingest;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.ConflictPolicy;
import org.sinfonia.core.ingest.FileNames;
import org.sinfonia.core.ingest.IngestOutcome;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;

/**
 * The one naming and conflict rule, for every door: a stored blob goes into its folder under its
 * name; when that is taken, an item there (or under a numbered form of the name, {@link
 * FileNames#numbered}) that already holds these bytes means {@code ALREADY_STORED}; otherwise the
 * policy decides (the next free numbered name, keep the old item, or replace its files). An item
 * left without files (a registration interrupted between the item and its file) is filled rather
 * than skipped. Names taken meanwhile by another writer are looked at again, never overwritten.
 */
final class Placement {

  /** A folder with this many items of one name is a mistake elsewhere; no door renames further. */
  static final int MAX_NUMBER = 1000;

  private final TreeRepository tree;
  private final Registrar registrar;

  Placement(TreeRepository tree, Registrar registrar) {
    this.tree = tree;
    this.registrar = registrar;
  }

  static boolean nameTaken(Throwable e) {
    return e instanceof ApiError a && a.kind() == ApiError.Kind.CONFLICT;
  }

  /**
   * Into a folder, after a first try under the name failed because it was taken (or without such a
   * try).
   */
  Future<IngestResult> intoFolder(
      Resource folder, Registration r, ConflictPolicy policy, String creator) {
    return tryNumber(folder, r, policy, creator, 1, 0);
  }

  private Future<IngestResult> tryNumber(
      Resource folder, Registration r, ConflictPolicy policy, String creator, int n, int races) {
    if (n > MAX_NUMBER || races > MAX_NUMBER) {
      return Future.failedFuture(
          ApiError.conflict(
              "NO_FREE_NAME",
              "%d items named like '%s' already exist in the folder",
              MAX_NUMBER,
              r.name()));
    }
    String candidate = FileNames.numbered(r.name(), n);
    IngestOutcome fresh = n == 1 ? IngestOutcome.STORED : IngestOutcome.RENAMED;
    return tree.findChild(folder, ResourceType.ITEM, candidate)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return registrar
                    .register(folder, r.withName(candidate), creator)
                    .map(file -> IngestResult.of(fresh, file, r.ingested()))
                    .recover(
                        e ->
                            nameTaken(e)
                                ? tryNumber(folder, r, policy, creator, n, races + 1)
                                : Future.failedFuture(e));
              }
              Resource item = found.get();
              return tree.files(item)
                  .compose(
                      files -> {
                        Optional<Resource> same = sameBytes(files, r);
                        if (same.isPresent()) {
                          return Future.succeededFuture(
                              IngestResult.of(
                                  IngestOutcome.ALREADY_STORED, same.get(), r.ingested()));
                        }
                        if (files.isEmpty()) {
                          return registrar
                              .registerInItem(item, r.withName(item.name()), creator)
                              .map(file -> IngestResult.of(fresh, file, r.ingested()));
                        }
                        return switch (policy) {
                          case RENAME -> tryNumber(folder, r, policy, creator, n + 1, races);
                          case SKIP ->
                              Future.succeededFuture(
                                  IngestResult.of(IngestOutcome.KEPT, null, r.ingested()));
                          case OVERWRITE -> overwrite(item, files, r, creator);
                        };
                      });
            });
  }

  /**
   * Replaces the item's files; the item keeps its id, name, description and metadata. The old files
   * go first (the new one takes the item's name, which an old one may hold): a crash in between
   * leaves an item without files, which the next try fills.
   */
  private Future<IngestResult> overwrite(
      Resource item, List<Resource> files, Registration r, String creator) {
    Future<Void> gone = Future.succeededFuture();
    for (Resource old : files) {
      gone = gone.compose(x -> tree.delete(old));
    }
    return gone.compose(x -> registrar.registerInItem(item, r.withName(item.name()), creator))
        .map(file -> IngestResult.of(IngestOutcome.OVERWRITTEN, file, r.ingested()));
  }

  /**
   * One more file of an item: the same bytes under the name (or a numbered form) count as already
   * there.
   */
  Future<IngestResult> intoItem(Resource item, Registration r, String creator) {
    return tree.files(item)
        .compose(
            files -> {
              for (int n = 1; n <= MAX_NUMBER; n++) {
                String candidate = FileNames.numbered(r.name(), n);
                Optional<Resource> holder =
                    files.stream().filter(f -> f.name().equalsIgnoreCase(candidate)).findFirst();
                if (holder.isEmpty()) {
                  IngestOutcome fresh = n == 1 ? IngestOutcome.STORED : IngestOutcome.RENAMED;
                  return registrar
                      .registerInItem(item, r.withName(candidate), creator)
                      .map(file -> IngestResult.of(fresh, file, r.ingested()));
                }
                if (sameBytes(List.of(holder.get()), r).isPresent()) {
                  return Future.succeededFuture(
                      IngestResult.of(IngestOutcome.ALREADY_STORED, holder.get(), r.ingested()));
                }
              }
              return Future.failedFuture(
                  ApiError.conflict(
                      "NO_FREE_NAME",
                      "%d files named like '%s' already exist in the item",
                      MAX_NUMBER,
                      r.name()));
            });
  }

  private static Optional<Resource> sameBytes(List<Resource> files, Registration r) {
    String sha256 = r.ingested().blob().sha256();
    return files.stream().filter(f -> sha256.equals(f.asFile().sha256())).findFirst();
  }
}
