package org.sinfonia.core.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Keeps every path an SFTP user names inside their jail, whatever symbolic links exist on the host.
 *
 * <p>A path is first resolved lexically against the jail root ({@code ..} cannot climb above it),
 * then checked on disk: the longest part of it that exists is resolved with {@link Path#toRealPath}
 * (every link followed) and must still lie inside the real root. What does not exist yet will be
 * created below that point, so it is inside too. A dangling link is refused, because creating a
 * file through it would land wherever it points. {@link #resolveNoFollow} checks the parent only,
 * for operations on a link itself (lstat, delete).
 */
public final class JailPaths {

  private final Path root;

  /**
   * @param root the jail's directory; it must exist (it is resolved to its real path once, here)
   */
  public JailPaths(Path root) throws IOException {
    this.root = root.toRealPath();
  }

  public Path root() {
    return root;
  }

  /**
   * The local path for a jail path such as {@code /inbox/a.dcm} (absolute, or relative to the jail
   * root), following links; throws {@link JailViolation} when it would leave the jail.
   */
  public Path resolve(String jailPath) {
    Path local = lexical(jailPath);
    requireInside(local, true);
    return local;
  }

  /** As {@link #resolve}, but the last name may be a link (which is then not followed). */
  public Path resolveNoFollow(String jailPath) {
    Path local = lexical(jailPath);
    requireInside(local, false);
    return local;
  }

  /** Checks an already local path (e.g. from a rooted file system); returns it unchanged. */
  public Path check(Path local, boolean followLast) {
    Path normal = local.toAbsolutePath().normalize();
    if (!normal.startsWith(root)) {
      throw new JailViolation(local.toString(), "outside the SFTP area");
    }
    requireInside(normal, followLast);
    return normal;
  }

  /** The jail path ({@code /inbox/a.dcm}) of a local path inside the jail. */
  public String toJailPath(Path local) {
    Path rel = root.relativize(local.toAbsolutePath().normalize());
    String s = rel.toString().replace('\\', '/');
    return s.isEmpty() ? "/" : "/" + s;
  }

  /** Lexical resolution: {@code ..} at the root stays at the root, as on a chrooted server. */
  Path lexical(String jailPath) {
    if (jailPath == null || jailPath.indexOf('\0') >= 0) {
      throw new JailViolation(String.valueOf(jailPath), "not a valid path");
    }
    Path p = root;
    for (String part : jailPath.replace('\\', '/').split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        p = p.equals(root) ? root : p.getParent();
      } else {
        p = p.resolve(part);
      }
    }
    return p;
  }

  private void requireInside(Path local, boolean followLast) {
    if (!local.startsWith(root)) {
      throw new JailViolation(toSafeName(local), "outside the SFTP area");
    }
    Path probe = followLast || local.equals(root) ? local : local.getParent();
    try {
      while (probe != null && probe.startsWith(root)) {
        if (Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
          if (!Files.exists(probe)) {
            throw new JailViolation(toSafeName(local), "a dangling link is in the way");
          }
          if (!probe.toRealPath().startsWith(root)) {
            throw new JailViolation(toSafeName(local), "resolves outside the SFTP area");
          }
          return;
        }
        probe = probe.getParent();
      }
    } catch (IOException e) {
      throw new JailViolation(
          toSafeName(local), "cannot be resolved: " + e.getClass().getSimpleName());
    }
    throw new JailViolation(toSafeName(local), "outside the SFTP area");
  }

  private String toSafeName(Path local) {
    return local.startsWith(root) ? toJailPath(local) : "(outside)";
  }

  /**
   * A path that would leave the jail. An {@link InvalidPathException}, so that code which only
   * knows paths (file system providers) can throw it; SFTP reports it as an invalid file name.
   */
  public static final class JailViolation extends InvalidPathException {
    public JailViolation(String path, String reason) {
      super(path, reason);
    }
  }
}
