package org.sinfonia.verticles.extract;

import static org.sinfonia.verticles.jobs.JobContext.await;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.zip.EntrySink;
import org.sinfonia.core.zip.ResumePoint;
import org.sinfonia.core.zip.ZipEntryNames;
import org.sinfonia.core.zip.ZipEntryProblem;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.TreeRepository;

/**
 * The repository side of one extraction run: entry paths (already safe relative segments) become
 * folders below the target, created as the REST API creates them (inheriting access, the owner
 * getting ADMIN) or reused when they exist, and cached by path for the run; files go through {@link
 * EntryPlacement}. WRITE is required on every folder written into, so an existing subfolder the
 * owner may only read stays untouched. Problems of one entry (an invalid name, a file over the size
 * limit, no WRITE on a subfolder, a guard's refusal) are reported and the run goes on; anything
 * else (the database, the disk) ends the run, to be resumed from the last checkpoint. New items are
 * registered a few at a time ({@link Registrations}), settled in entry order.
 */
final class TreeSink implements EntrySink {

  /** Where the entries that were not extracted are reported. */
  @FunctionalInterface
  interface Problems {
    /**
     * @param index the entry's number in the archive (0-based, physical order)
     */
    void report(long index, String entry, String code, String message);
  }

  /** Registrations of new items kept in flight while the next entries are read. */
  static final int WINDOW = 8;

  private final TreeRepository tree;
  private final EntryPlacement placement;
  private final Registrations registrations = new Registrations(WINDOW);
  private final Supplier<ResumePoint> position;
  private final Principal owner;
  private final Resource target;
  private final long maxFileBytes;
  private final ExtractCounts counts;
  private final Problems problems;
  private final Map<String, Resource> folders = new HashMap<>();
  private boolean changed;

  /**
   * @param position where the archive stands: entries finished and their bytes (the entry being
   *     delivered is next)
   */
  TreeSink(
      TreeRepository tree,
      EntryPlacement placement,
      Principal owner,
      Resource target,
      long maxFileBytes,
      ExtractCounts counts,
      Problems problems,
      Supplier<ResumePoint> position) {
    this.tree = tree;
    this.placement = placement;
    this.position = position;
    this.owner = owner;
    this.target = target;
    this.maxFileBytes = maxFileBytes;
    this.counts = counts;
    this.problems = problems;
  }

  /** Settles every registration in flight (at the end of a run, or before it stops). */
  void finish() {
    registrations.drain();
  }

  /**
   * After a failure: lets the registrations in flight end, whatever their outcome (a retry must not
   * race them).
   */
  void abandon() {
    registrations.abandon();
  }

  /** The resume point: never past an entry whose registration is still in flight. */
  ResumePoint confirmed(ResumePoint reached) {
    return registrations.confirmed(reached);
  }

  /**
   * Whether anything was written (repository or job errors) since the last call: the next
   * checkpoint must not wait.
   */
  boolean takeChanged() {
    boolean c = changed;
    changed = false;
    return c;
  }

  @Override
  public void directory(List<String> path) {
    registrations.collect();
    ResumePoint before = position.get();
    try {
      folder(path);
    } catch (ApiError e) {
      String shown = String.join("/", path) + "/";
      registrations.done(before, () -> problem(before.entries(), shown, e.code(), e.getMessage()));
    }
  }

  @Override
  public void file(List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    store(path, content, declaredSize, false);
  }

  /**
   * A zip inside the zip is stored as the file it is, never expanded (it can be extracted by a job
   * of its own).
   */
  @Override
  public void nestedArchive(
      List<String> path, InputStream content, long declaredSize, Instant modified)
      throws IOException {
    store(path, content, declaredSize, true);
  }

  @Override
  public void skipped(String rawName, ZipEntryProblem problem) {
    registrations.collect();
    ResumePoint before = position.get();
    String shown = ZipEntryNames.printable(rawName);
    registrations.done(
        before, () -> problem(before.entries(), shown, problem.code(), problem.detail()));
  }

  private void store(List<String> path, InputStream content, long declaredSize, boolean nested)
      throws IOException {
    registrations.collect();
    ResumePoint before = position.get();
    String shown = String.join("/", path);
    EntryPlacement.Placed placed;
    try {
      Resource folder = folder(path.subList(0, path.size() - 1));
      String name = ResourceNames.require(path.get(path.size() - 1));
      if (declaredSize > maxFileBytes) {
        throw ApiError.tooLarge(
            "FILE_TOO_LARGE",
            "files are limited to %d bytes, this one has %d",
            maxFileBytes,
            declaredSize);
      }
      if (registrations.pending(folder.id(), name)) {
        registrations.drain(); // the same name twice in a row: let the first one land
      }
      placed = placement.place(folder, name, content, declaredSize);
    } catch (ApiError e) {
      if (!entryLevel(e)) {
        throw e;
      }
      registrations.done(before, () -> problem(before.entries(), shown, e.code(), e.getMessage()));
      return;
    }
    if (placed instanceof EntryPlacement.Registering r) {
      registrations.inFlight(
          before,
          r.registration(),
          r.folder().id(),
          r.name(),
          () -> settled(r, before.entries(), shown, nested));
    } else {
      EntryPlacement.Outcome outcome = ((EntryPlacement.Done) placed).outcome();
      registrations.done(before, () -> count(outcome, before.entries(), shown, nested));
    }
  }

  private void settled(
      EntryPlacement.Registering registering, long index, String shown, boolean nested) {
    EntryPlacement.Outcome outcome;
    try {
      outcome = placement.settle(registering);
    } catch (ApiError e) {
      if (!entryLevel(e)) {
        throw e;
      }
      problem(index, shown, e.code(), e.getMessage());
      return;
    }
    count(outcome, index, shown, nested);
  }

  private void count(EntryPlacement.Outcome outcome, long index, String shown, boolean nested) {
    switch (outcome) {
      case STORED -> counts.stored++;
      case RENAMED -> counts.renamed++;
      case OVERWRITTEN -> counts.overwritten++;
      case UNCHANGED -> counts.unchanged++;
      case KEPT -> {
        counts.kept++;
        problem(
            index,
            shown,
            "NAME_EXISTS",
            "an item of that name exists and was kept (onConflict=skip)");
        return;
      }
      default -> throw new IllegalStateException(outcome.name());
    }
    if (nested && outcome != EntryPlacement.Outcome.UNCHANGED) {
      counts.nestedArchives++;
    }
    changed |= outcome != EntryPlacement.Outcome.UNCHANGED;
  }

  /**
   * Errors that concern this entry only (among them the privacy stage's refusal, UNPROCESSABLE);
   * others (the database, the store) end the run.
   */
  private static boolean entryLevel(ApiError e) {
    return switch (e.kind()) {
      case BAD_REQUEST, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNPROCESSABLE -> true;
      default -> false;
    };
  }

  private void problem(long index, String entry, String code, String message) {
    counts.problems++;
    changed = true;
    problems.report(index, entry, code, message);
  }

  /**
   * The folder at {@code path} below the target, created as needed; the owner must be able to WRITE
   * into it.
   */
  private Resource folder(List<String> path) {
    Resource at = target;
    StringBuilder key = new StringBuilder();
    for (String segment : path) {
      key.append('/').append(segment.toLowerCase(Locale.ROOT));
      Resource cached = folders.get(key.toString());
      if (cached == null) {
        cached = child(at, ResourceNames.require(segment));
        folders.put(key.toString(), cached);
      }
      at = cached;
    }
    AccessPolicy.require(owner, at.acl(), Level.WRITE, "folder", at.id());
    return at;
  }

  private Resource child(Resource parent, String name) {
    Optional<Resource> found = await(tree.findChild(parent, ResourceType.FOLDER, name));
    if (found.isPresent()) {
      return found.get();
    }
    AccessPolicy.require(owner, parent.acl(), Level.WRITE, "folder", parent.id());
    Acl inherited = parent.acl();
    boolean ownAcl = !AccessPolicy.allows(owner, inherited, Level.ADMIN);
    Acl acl = ownAcl ? inherited.withUser(owner.login(), Level.ADMIN) : inherited;
    try {
      Resource created =
          await(tree.createFolder(parent, name, "", new JsonObject(), acl, ownAcl, owner.login()));
      counts.folders++;
      changed = true;
      return created;
    } catch (ApiError e) {
      if (e.kind() != ApiError.Kind.CONFLICT) {
        throw e;
      }
      // Another job created it first: use theirs.
      return await(tree.findChild(parent, ResourceType.FOLDER, name)).orElseThrow(() -> e);
    }
  }
}
