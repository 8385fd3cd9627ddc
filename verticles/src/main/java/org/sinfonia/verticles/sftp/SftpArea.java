package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.core.sftp.JailPaths;

/**
 * The SFTP area on disk: {@code users/<login>/} jails with {@code inbox/} and {@code outbox/}, the
 * persistent host key, and {@code work/<jobId>/} where an ingestion job keeps the file it took out
 * of an inbox until it is done (same file system as the jails, so taking a file is one atomic
 * rename). Blocking: call from MINA or worker threads.
 */
public final class SftpArea {

  private final Path root;

  public SftpArea(Path root) throws IOException {
    this.root = Files.createDirectories(root).toRealPath();
    Files.createDirectories(this.root.resolve("users"));
    Files.createDirectories(this.root.resolve("work"));
  }

  public Path root() {
    return root;
  }

  public Path hostKey() {
    return root.resolve("ssh_host_ec_key");
  }

  public Path users() {
    return root.resolve("users");
  }

  /** The user's jail, created with its inbox and outbox on first use. */
  public JailPaths jail(String login) throws IOException {
    Path dir = users().resolve(LoginName.require(login));
    Files.createDirectories(dir.resolve(InboxPaths.INBOX));
    Files.createDirectories(dir.resolve(InboxPaths.OUTBOX));
    return new JailPaths(dir);
  }

  public Path work(String jobId) {
    if (!jobId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    return root.resolve("work").resolve(jobId);
  }
}
