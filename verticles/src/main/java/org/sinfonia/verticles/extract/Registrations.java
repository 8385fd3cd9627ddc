package org.sinfonia.verticles.extract;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.sinfonia.core.zip.ResumePoint;

/**
 * The entries an extraction has not settled yet, in entry order: new items whose registration is in
 * flight (their database round trips - item, file, blob reference, sizes, DICOM index - overlap the
 * reading and storing of the next entries), and the entries that came after the first of them,
 * whose outcome is known but is counted only in turn. At most {@code window} entries wait. Settling
 * strictly in entry order keeps what is counted, reported and checkpointed a prefix of the archive:
 * the resume point never passes an entry that has not landed.
 */
final class Registrations {

  /** One entry waiting to be settled, and where the archive stood when it began. */
  record Waiting(ResumePoint before, CompletableFuture<?> ready, Runnable settle, String key) {}

  private static final CompletableFuture<Void> READY = CompletableFuture.completedFuture(null);

  private final int window;
  private final ArrayDeque<Waiting> queue = new ArrayDeque<>();

  Registrations(int window) {
    this.window = window;
  }

  /**
   * A registration in flight for {@code name} in {@code folderId}; {@code settle} runs once it is
   * done, in turn.
   */
  void inFlight(
      ResumePoint before,
      CompletableFuture<?> registration,
      String folderId,
      String name,
      Runnable settle) {
    queue.add(new Waiting(before, registration, settle, key(folderId, name)));
    while (queue.size() > window) {
      queue.poll().settle().run();
    }
    collect();
  }

  /** An entry whose outcome is known: settled now, or after the entries before it. */
  void done(ResumePoint before, Runnable settle) {
    if (queue.isEmpty()) {
      settle.run();
      return;
    }
    queue.add(new Waiting(before, READY, settle, null));
    while (queue.size() > window) {
      queue.poll().settle().run();
    }
  }

  /** Settles the entries at the head that are ready, without waiting. */
  void collect() {
    while (!queue.isEmpty() && queue.peek().ready().isDone()) {
      queue.poll().settle().run();
    }
  }

  /** Settles everything, waiting as needed. */
  void drain() {
    while (!queue.isEmpty()) {
      queue.poll().settle().run();
    }
  }

  /**
   * After a failure: lets the registrations in flight end, whatever their outcome; nothing more is
   * settled.
   */
  void abandon() {
    for (Waiting w : queue) {
      try {
        w.ready().get(5, TimeUnit.MINUTES);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
        break;
      } catch (Exception ignored) {
        // that entry is done again by the retry, which finds it by name and SHA-256 if it landed
      }
    }
    queue.clear();
  }

  /**
   * Whether a registration under this name in this folder is in flight (names compare
   * case-insensitively).
   */
  boolean pending(String folderId, String name) {
    String key = key(folderId, name);
    return queue.stream().anyMatch(w -> key.equals(w.key()));
  }

  /** Where a resumed run must start: before the first unsettled entry, else {@code reached}. */
  ResumePoint confirmed(ResumePoint reached) {
    return queue.isEmpty() ? reached : queue.peek().before();
  }

  private static String key(String folderId, String name) {
    return folderId + "/" + name.toLowerCase(Locale.ROOT);
  }
}
