package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Map;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.file.FileSystemFactory;
import org.apache.sshd.common.session.SessionContext;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.sftp.JailPaths;

/**
 * Gives each SFTP session a file system whose {@code /} is the logged-in user's jail ({@code
 * users/<login>/}), through {@link JailedFileSystemProvider}. The user is the principal the
 * authenticator attached to the session, never the name the client typed.
 */
final class JailedFileSystemFactory implements FileSystemFactory {

  static final AttributeKey<Principal> PRINCIPAL = new AttributeKey<>();
  static final AttributeKey<JailPaths> JAIL = new AttributeKey<>();

  private final SftpArea area;

  JailedFileSystemFactory(SftpArea area) {
    this.area = area;
  }

  static Principal principal(SessionContext session) throws IOException {
    Principal p = session.getAttribute(PRINCIPAL);
    if (p == null) {
      throw new IOException("session has no authenticated user");
    }
    return p;
  }

  @Override
  public Path getUserHomeDir(SessionContext session) throws IOException {
    return jail(session).root();
  }

  private JailPaths jail(SessionContext session) throws IOException {
    JailPaths jail = session.getAttribute(JAIL);
    if (jail == null) {
      jail = area.jail(principal(session).login());
      session.setAttribute(JAIL, jail);
    }
    return jail;
  }

  @Override
  public FileSystem createFileSystem(SessionContext session) throws IOException {
    JailPaths jail = jail(session);
    return new JailedFileSystemProvider(jail).newFileSystem(jail.root(), Map.of());
  }
}
