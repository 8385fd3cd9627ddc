package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.core.sftp.JailPaths;

/**
 * What a user may do in their jail, on top of the jail itself ({@link JailedFileSystemProvider}):
 *
 * <ul>
 *   <li>the jail's top ({@code /}) holds only {@code inbox} and {@code outbox}: nothing is created,
 *       renamed or removed there;
 *   <li>{@code /inbox} is read-write, within the user's quota (writes that grow a file are
 *       counted);
 *   <li>{@code /outbox} is read-only, apart from deleting: its files are hard links to the blob
 *       store, so writing to one, truncating it or changing its mode would change stored data;
 *   <li>no links (symbolic or hard) and no server-side copies (which would bypass the quota and the
 *       drop folder).
 * </ul>
 */
final class JailedSftpAccessor implements SftpFileSystemAccessor {

  private static final Set<StandardOpenOption> WRITING =
      Set.of(
          StandardOpenOption.WRITE,
          StandardOpenOption.APPEND,
          StandardOpenOption.CREATE,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.TRUNCATE_EXISTING);

  private final SftpQuota quota;

  JailedSftpAccessor(SftpQuota quota) {
    this.quota = quota;
  }

  static String jailPath(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /**
   * The area a path is in: "" for the top, "inbox", "outbox" (anything else is refused at the top
   * already).
   */
  private static String area(Path path) {
    List<String> parts = InboxPaths.parts(jailPath(path));
    return parts.isEmpty() ? "" : parts.get(0);
  }

  private static boolean isTopLevel(Path path) {
    return InboxPaths.parts(jailPath(path)).size() <= 1;
  }

  private static void requireInbox(Path path, String what) throws AccessDeniedException {
    if (!area(path).equals(InboxPaths.INBOX) || isTopLevel(path)) {
      throw new AccessDeniedException(
          jailPath(path), null, what + " is only possible inside /inbox");
    }
  }

  private static void requireNotOutbox(Path path, String what) throws AccessDeniedException {
    if (area(path).equals(InboxPaths.OUTBOX)) {
      throw new AccessDeniedException(
          jailPath(path), null, "the outbox is read-only (" + what + ")");
    }
  }

  @Override
  public SeekableByteChannel openFile(
      SftpSubsystemProxy subsystem,
      FileHandle fileHandle,
      Path file,
      String handle,
      Set<? extends OpenOption> options,
      FileAttribute<?>... attrs)
      throws IOException {
    boolean writing = options.stream().anyMatch(WRITING::contains);
    if (!writing) {
      return SftpFileSystemAccessor.super.openFile(
          subsystem, fileHandle, file, handle, options, attrs);
    }
    requireNotOutbox(file, "no uploads");
    requireInbox(file, "uploading");
    ServerSession session = subsystem.getServerSession();
    JailPaths jail = session.getAttribute(JailedFileSystemFactory.JAIL);
    SeekableByteChannel channel =
        SftpFileSystemAccessor.super.openFile(subsystem, fileHandle, file, handle, options, attrs);
    if (!(channel instanceof FileChannel fc) || jail == null) {
      channel.close();
      throw new IOException("uploads need a local file system");
    }
    try {
      String login = JailedFileSystemFactory.principal(session).login();
      return new QuotaChannel(fc, quota.open(login, jail.root(), fc.size()));
    } catch (IOException | RuntimeException e) {
      fc.close();
      throw e;
    }
  }

  @Override
  public void createDirectory(SftpSubsystemProxy subsystem, Path path) throws IOException {
    requireNotOutbox(path, "no new folders");
    requireInbox(path, "creating folders");
    SftpFileSystemAccessor.super.createDirectory(subsystem, path);
  }

  @Override
  public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
      throws IOException {
    throw new AccessDeniedException(jailPath(link), null, "links cannot be created here");
  }

  @Override
  public void renameFile(
      SftpSubsystemProxy subsystem, Path oldPath, Path newPath, Collection<CopyOption> opts)
      throws IOException {
    requireNotOutbox(oldPath, "its files stay where the export put them");
    requireNotOutbox(newPath, "nothing can be moved in");
    requireInbox(oldPath, "renaming");
    requireInbox(newPath, "renaming");
    SftpFileSystemAccessor.super.renameFile(subsystem, oldPath, newPath, opts);
  }

  @Override
  public void copyFile(
      SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
      throws IOException {
    throw new AccessDeniedException(
        jailPath(dst), null, "server-side copies are not supported; upload the file");
  }

  @Override
  public void removeFile(SftpSubsystemProxy subsystem, Path path, boolean isDirectory)
      throws IOException {
    if (isTopLevel(path)) {
      throw new AccessDeniedException(
          jailPath(path), null, "the inbox and outbox cannot be removed");
    }
    SftpFileSystemAccessor.super.removeFile(subsystem, path, isDirectory);
  }

  @Override
  public void setFileAttribute(
      SftpSubsystemProxy subsystem,
      Path file,
      String view,
      String attribute,
      Object value,
      LinkOption... options)
      throws IOException {
    requireNotOutbox(file, "attributes cannot change");
    if (isTopLevel(file)) {
      throw new AccessDeniedException(jailPath(file), null, "the inbox and outbox cannot change");
    }
    SftpFileSystemAccessor.super.setFileAttribute(subsystem, file, view, attribute, value, options);
  }

  @Override
  public void setFilePermissions(
      SftpSubsystemProxy subsystem,
      Path path,
      Set<PosixFilePermission> perms,
      LinkOption... options)
      throws IOException {
    requireNotOutbox(path, "permissions cannot change");
    if (isTopLevel(path)) {
      throw new AccessDeniedException(jailPath(path), null, "the inbox and outbox cannot change");
    }
    SftpFileSystemAccessor.super.setFilePermissions(subsystem, path, perms, options);
  }

  @Override
  public void setFileOwner(
      SftpSubsystemProxy subsystem, Path path, java.security.Principal value, LinkOption... options)
      throws IOException {
    throw new AccessDeniedException(jailPath(path), null, "owners cannot change");
  }

  @Override
  public void setGroupOwner(
      SftpSubsystemProxy subsystem, Path path, java.security.Principal value, LinkOption... options)
      throws IOException {
    throw new AccessDeniedException(jailPath(path), null, "groups cannot change");
  }

  @Override
  public void setFileAccessControl(
      SftpSubsystemProxy subsystem, Path path, List<AclEntry> acl, LinkOption... options)
      throws IOException {
    throw new AccessDeniedException(jailPath(path), null, "access lists cannot change");
  }
}
