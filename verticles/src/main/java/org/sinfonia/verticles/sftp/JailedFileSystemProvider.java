package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.Arrays;
import java.util.Map;
import org.apache.sshd.common.file.root.RootedFileSystemProvider;
import org.apache.sshd.common.file.root.RootedPath;
import org.sinfonia.core.sftp.JailPaths;

/**
 * MINA's rooted file system, made a real jail. The rooted provider maps {@code /} to the user's
 * directory but only lexically: a symbolic link inside the jail (planted on the host, or made over
 * SFTP) takes it anywhere. Here every path the provider resolves goes through {@link JailPaths},
 * which follows links on disk and refuses anything whose real location is outside the jail;
 * operations on a link itself (lstat, delete) check its parent only. Creating links (symbolic or
 * hard) is refused outright.
 */
final class JailedFileSystemProvider extends RootedFileSystemProvider {

  private final JailPaths jail;

  JailedFileSystemProvider(JailPaths jail) {
    this.jail = jail;
  }

  /**
   * Every rooted operation resolves its local path here: lexically (as MINA does), then on disk.
   */
  @Override
  protected Path resolveLocalPath(RootedPath path) {
    return jail.check(super.resolveLocalPath(path), true);
  }

  private Path local(Path path, boolean followLast) {
    String jailPath = path.toAbsolutePath().normalize().toString();
    return followLast ? jail.resolve(jailPath) : jail.resolveNoFollow(jailPath);
  }

  private static boolean noFollow(LinkOption... options) {
    return Arrays.asList(options).contains(LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attrs)
      throws IOException {
    throw new AccessDeniedException(link.toString(), null, "links cannot be created here");
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    throw new AccessDeniedException(link.toString(), null, "links cannot be created here");
  }

  @Override
  public void delete(Path path) throws IOException {
    Path local = local(path, false);
    try {
      Files.delete(local);
    } catch (IOException e) {
      throw hideHostPath(e, path);
    }
  }

  @Override
  public boolean deleteIfExists(Path path) throws IOException {
    Path local = local(path, false);
    try {
      return Files.deleteIfExists(local);
    } catch (IOException e) {
      throw hideHostPath(e, path);
    }
  }

  @Override
  public <A extends BasicFileAttributes> A readAttributes(
      Path path, Class<A> type, LinkOption... options) throws IOException {
    if (!noFollow(options)) {
      return super.readAttributes(path, type, options);
    }
    try {
      return Files.readAttributes(local(path, false), type, options);
    } catch (IOException e) {
      throw hideHostPath(e, path);
    }
  }

  @Override
  public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
      throws IOException {
    if (!noFollow(options)) {
      return super.readAttributes(path, attributes, options);
    }
    try {
      return Files.readAttributes(local(path, false), attributes, options);
    } catch (IOException e) {
      throw hideHostPath(e, path);
    }
  }

  /**
   * The same exception with the jail path instead of the host path, so the host layout is not
   * disclosed.
   */
  private static IOException hideHostPath(IOException e, Path jailPath) {
    String name = jailPath.toString();
    if (e instanceof NoSuchFileException) {
      return new NoSuchFileException(name);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new DirectoryNotEmptyException(name);
    }
    if (e instanceof NotDirectoryException) {
      return new NotDirectoryException(name);
    }
    if (e instanceof AccessDeniedException) {
      return new AccessDeniedException(name);
    }
    if (e instanceof FileSystemException f) {
      return new FileSystemException(name, null, f.getReason());
    }
    return new IOException(name + ": " + e.getClass().getSimpleName());
  }
}
