package org.sinfonia.verticles.sftp;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.ingest.FileNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.core.sftp.JailPaths;
import org.sinfonia.verticles.jobs.JobCancelledException;
import org.sinfonia.verticles.jobs.JobContext;
import org.sinfonia.verticles.jobs.JobHandler;
import org.sinfonia.web.jobs.Job;
import org.sinfonia.web.jobs.JobKinds;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.ResourceAccess;
import org.sinfonia.web.repo.TreeReader;
import org.sinfonia.web.worker.Blocking;

/**
 * Places a folder's files (its subfolders' too, readable ones only, as the owner may read them now)
 * under {@code /outbox/<folder name>/} of the owner's SFTP area, keeping the folder structure. Each
 * file is a hard link to its blob, so nothing is copied, unless the blob store is on another file
 * system (then it is copied). A file already there with the right size is left alone, so a re-run
 * after a crash continues where it stopped.
 */
final class SftpExportJob implements JobHandler {

  static final String KIND = JobKinds.SFTP_EXPORT;
  private static final int PROGRESS_FILES = 200;

  private final SftpArea area;
  private final InboxTargets users;
  private final TreeReader tree;
  private final ResourceAccess access;
  private final BlobStore blobs;

  SftpExportJob(
      SftpArea area, InboxTargets users, TreeReader tree, ResourceAccess access, BlobStore blobs) {
    this.area = area;
    this.users = users;
    this.tree = tree;
    this.access = access;
    this.blobs = blobs;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public JsonObject run(Job job, JobContext context) throws Exception {
    Principal owner = users.principal(job.owner());
    Resource root =
        Blocking.await(
                access.load(
                    owner, ResourceType.FOLDER, job.params().getString("folderId"), Level.READ))
            .resource();
    List<Resource> folders =
        Blocking.await(tree.subtreeFolders(root, AccessPolicy.readerTokens(owner)));
    Map<String, String> dirs = relativeDirs(root, folders);
    List<Resource> files = Blocking.await(tree.filesOfFolders(new ArrayList<>(dirs.keySet())));

    JailPaths jail = area.jail(job.owner());
    String top = "/" + InboxPaths.OUTBOX + "/" + root.name();
    Path out = jail.resolve(top);
    Files.createDirectories(out);
    Files.setLastModifiedTime(out, FileTime.from(Instant.now())); // the expiry clock starts now

    long bytes = 0;
    int linked = 0;
    int copied = 0;
    int kept = 0;
    Set<String> used = new HashSet<>();
    for (int i = 0; i < files.size(); i++) {
      Resource file = files.get(i);
      if (!AccessPolicy.allows(owner, file.acl(), Level.READ)) {
        continue;
      }
      String dir = dirs.get(file.folderId());
      String relative = unique(used, (dir.isEmpty() ? "" : dir + "/") + file.name());
      Path target = jail.resolve(top + "/" + relative);
      String sha = file.asFile().sha256();
      long size = file.size();
      bytes += size;
      if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size) {
        kept++;
      } else {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        if (place(sha, target)) {
          linked++;
        } else {
          copied++;
        }
      }
      if ((i + 1) % PROGRESS_FILES == 0) {
        context.progress(progress(i + 1, files.size(), bytes), null);
        if (context.cancelRequested()) {
          throw new JobCancelledException();
        }
      }
    }
    context.progress(progress(files.size(), files.size(), bytes), null);
    return new JsonObject()
        .put("outbox", top + "/")
        .put("files", linked + copied + kept)
        .put("bytes", bytes)
        .put("linked", linked)
        .put("copied", copied)
        .put("alreadyThere", kept);
  }

  private static JsonObject progress(int done, int total, long bytes) {
    return new JsonObject().put("files", done).put("totalFiles", total).put("bytes", bytes);
  }

  /**
   * A hard link when the file system allows it; otherwise a copy (written aside, then renamed into
   * place).
   */
  private boolean place(String sha, Path target) throws IOException {
    Optional<Path> local = blobs.localFile(sha);
    if (local.isPresent()) {
      try {
        Files.createLink(target, local.get());
        return true;
      } catch (UnsupportedOperationException | FileSystemException e) {
        // another file system, or no hard links: copy below
      }
    }
    Path temp = target.resolveSibling("." + target.getFileName() + ".export-tmp");
    try (InputStream in = BlobSource.of(blobs, sha).stream()) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return false;
  }

  /**
   * Each folder's path below the exported one ("" for itself), by walking up the parents that are
   * known.
   */
  static Map<String, String> relativeDirs(Resource root, List<Resource> folders) {
    Map<String, Resource> byId = new HashMap<>();
    folders.forEach(f -> byId.put(f.id(), f));
    Map<String, String> out = new HashMap<>();
    for (Resource f : folders) {
      List<String> names = new ArrayList<>();
      Resource at = f;
      while (at != null && !at.id().equals(root.id())) {
        names.add(0, at.name());
        String parent = at.parentId();
        Resource up = byId.get(parent);
        if (up == null && !root.id().equals(parent)) {
          names.add(0, parent); // a folder in between that the owner cannot read: named by its id
        }
        at = up;
      }
      out.put(f.id(), String.join("/", names));
    }
    return out;
  }

  private static String unique(Set<String> used, String relative) {
    String candidate = relative;
    for (int n = 2; !used.add(candidate.toLowerCase()); n++) {
      int slash = relative.lastIndexOf('/');
      candidate =
          relative.substring(0, slash + 1) + FileNames.numbered(relative.substring(slash + 1), n);
    }
    return candidate;
  }
}
