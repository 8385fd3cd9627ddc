package org.sinfonia.verticles.sftp;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.core.sftp.JailPaths;
import org.sinfonia.web.jobs.JobSubmitter;
import org.sinfonia.web.worker.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns finished uploads into ingestion jobs. A file counts as finished when the client closes the
 * handle it wrote through (SSH_FXP_CLOSE) or renames a file into place (as WinSCP and FileZilla do
 * after writing a temporary name). A handle that is still open, or that the server closes because
 * the connection dropped, is never a finished file: nothing is submitted for it, and a job finding
 * it open leaves it alone.
 *
 * <p>The job document is written before the client gets its answer to the close or rename, so once
 * a client has seen its upload succeed, the ingestion survives a crash. These callbacks run on
 * MINA's SFTP threads.
 */
final class InboxWatcher implements SftpEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

  private final JobSubmitter jobs;
  private final ConcurrentHashMap<Path, Integer> openForWriting = new ConcurrentHashMap<>();

  /**
   * What each open writing handle writes, resolved when it was opened (a closing session may have
   * lost its jail).
   */
  private final Map<Handle, Upload> writers = new ConcurrentHashMap<>();

  /**
   * Files whose upload completed while another handle still had them open for writing: typically
   * the handle of a dropped connection the server has not noticed yet. They are ingested once the
   * last such handle goes.
   */
  private final Map<Path, Upload> completedWhileOpen = new ConcurrentHashMap<>();

  /** A file being written: whose, where in the jail, and where on disk. */
  private record Upload(String login, String jailPath, Path local) {}

  InboxWatcher(JobSubmitter jobs) {
    this.jobs = jobs;
  }

  /** True while some handle on this node has the file open for writing. */
  boolean isOpenForWriting(Path local) {
    return openForWriting.containsKey(local.toAbsolutePath().normalize());
  }

  private static boolean writes(Handle handle) {
    return handle instanceof FileHandle f
        && (f.getOpenOptions().contains(StandardOpenOption.WRITE)
            || f.getOpenOptions().contains(StandardOpenOption.APPEND));
  }

  private static Path local(ServerSession session, Path rooted) throws IOException {
    JailPaths jail = session.getAttribute(JailedFileSystemFactory.JAIL);
    if (jail == null) {
      throw new IOException("session has no jail");
    }
    return jail.resolveNoFollow(JailedSftpAccessor.jailPath(rooted));
  }

  @Override
  public void open(ServerSession session, String remoteHandle, Handle localHandle)
      throws IOException {
    if (writes(localHandle)) {
      Path local = local(session, localHandle.getFile());
      writers.put(
          localHandle,
          new Upload(user(session), JailedSftpAccessor.jailPath(localHandle.getFile()), local));
      openForWriting.merge(local, 1, Integer::sum);
    }
  }

  /**
   * One writer fewer; the upload it wrote, or null; {@code othersWriting} tells whether others
   * still write it.
   */
  private Upload forget(Handle handle, boolean[] othersWriting) {
    Upload upload = writers.remove(handle);
    if (upload != null) {
      othersWriting[0] =
          openForWriting.computeIfPresent(upload.local(), (k, n) -> n <= 1 ? null : n - 1) != null;
    }
    return upload;
  }

  /**
   * The connection went away with the handle open: the file may be half-written, so it is not
   * ingested.
   */
  @Override
  public void exiting(ServerSession session, Handle handle) throws IOException {
    boolean[] othersWriting = new boolean[1];
    Upload dropped = forget(handle, othersWriting);
    if (dropped == null) {
      return;
    }
    LOG.info(
        "SFTP session of {} ended with {} still open: not ingested",
        dropped.login(),
        dropped.jailPath());
    Upload completed = othersWriting[0] ? null : completedWhileOpen.remove(dropped.local());
    if (completed != null) {
      submitLocal(completed.login(), completed.jailPath(), completed.local());
    }
  }

  @Override
  public void closed(
      ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
      throws IOException {
    boolean[] othersWriting = new boolean[1];
    Upload upload = forget(localHandle, othersWriting);
    if (upload == null || thrown != null) {
      return;
    }
    if (othersWriting[0]) {
      completedWhileOpen.put(upload.local(), upload);
    } else {
      completedWhileOpen.remove(upload.local());
      submitLocal(upload.login(), upload.jailPath(), upload.local());
    }
  }

  @Override
  public void moved(
      ServerSession session,
      Path srcPath,
      Path dstPath,
      Collection<CopyOption> opts,
      Throwable thrown)
      throws IOException {
    if (thrown != null) {
      return;
    }
    Path target = local(session, dstPath);
    if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      JailPaths jail = session.getAttribute(JailedFileSystemFactory.JAIL);
      List<Path> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(target)) {
        walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
      }
      for (Path f : files) {
        submitLocal(user(session), jail.toJailPath(f), f);
      }
    } else {
      submit(session, dstPath);
    }
  }

  private void submit(ServerSession session, Path rooted) throws IOException {
    String jailPath = JailedSftpAccessor.jailPath(rooted);
    submitLocal(user(session), jailPath, local(session, rooted));
  }

  private void submitLocal(String login, String jailPath, Path local) throws IOException {
    if (!InboxPaths.isIngestible(jailPath)) {
      return;
    }
    BasicFileAttributes attrs =
        Files.readAttributes(local, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attrs.isRegularFile()) {
      return;
    }
    JsonObject params =
        new JsonObject()
            .put("path", jailPath)
            .put("size", attrs.size())
            .put("fileKey", String.valueOf(attrs.fileKey()));
    try {
      // Blocking on an SFTP thread (never an event loop): the client hears "ok" only once the job
      // is stored.
      String id =
          Blocking.await(
                  jobs.submit(SftpIngestJob.KIND, login, params), java.time.Duration.ofSeconds(30))
              .id();
      LOG.debug("SFTP upload {} of {} -> ingestion job {}", jailPath, login, id);
    } catch (RuntimeException e) {
      throw new IOException(
          "the upload was stored but its ingestion could not be queued; rename or upload again", e);
    }
  }

  private static String user(ServerSession session) {
    Principal p = session.getAttribute(JailedFileSystemFactory.PRINCIPAL);
    return p == null ? "?" : p.login();
  }
}
