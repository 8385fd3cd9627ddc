package org.sinfonia.verticles.sftp;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.sinfonia.core.auth.LoginName;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.web.audit.Audit;
import org.sinfonia.web.auth.LoginService;
import org.sinfonia.web.auth.UserRecord;
import org.sinfonia.web.auth.UserRepository;
import org.sinfonia.web.sftp.SftpAccounts;
import org.sinfonia.web.sftp.SshKeyRecord;
import org.sinfonia.web.worker.Blocking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SFTP logins. Passwords go through {@link LoginService}, exactly as HTTP logins do (name
 * validation, empty passwords refused, throttling per user and per client address), asynchronously:
 * MINA is told the answer when the directory gives it, so no MINA thread waits on LDAP. Public keys
 * are those the user registered at {@code /users/me/ssh-keys}; a key login takes the user's
 * directory facts from their last password login. Either way the session carries the resulting
 * {@link Principal}, which decides the jail and all access.
 */
final class SftpAuthenticators {

  private static final Logger LOG = LoggerFactory.getLogger(SftpAuthenticators.class);

  private final LoginService logins;
  private final UserRepository users;
  private final SftpAccounts accounts;
  private final Audit audit;
  private final Executor answers;
  private final Duration lookupTimeout;

  /**
   * @param answers where MINA hears a password verdict (off the Vert.x event loop that completed
   *     it)
   */
  SftpAuthenticators(SftpDoor.Logins logins, Executor answers, Duration lookupTimeout) {
    this.logins = logins.logins();
    this.users = logins.users();
    this.accounts = logins.accounts();
    this.audit = logins.audit();
    this.answers = answers;
    this.lookupTimeout = lookupTimeout;
  }

  static String address(ServerSession session) {
    SocketAddress a = session.getClientAddress();
    return a instanceof InetSocketAddress i && i.getAddress() != null
        ? i.getAddress().getHostAddress()
        : String.valueOf(a);
  }

  PasswordAuthenticator passwords() {
    return (username, password, session) -> {
      AsyncAuthException verdict = new AsyncAuthException();
      String address = address(session);
      logins
          .login(username, password, address)
          .onComplete(
              ar ->
                  answers.execute(
                      () -> {
                        if (ar.succeeded()) {
                          session.setAttribute(JailedFileSystemFactory.PRINCIPAL, ar.result());
                          audit.record(
                              ar.result().login(),
                              address,
                              "login",
                              "user",
                              ar.result().login(),
                              "ok",
                              "sftp password");
                        } else {
                          String who = LoginName.isValid(username) ? username : "(invalid name)";
                          audit.record(
                              who,
                              address,
                              "login",
                              "user",
                              who,
                              Audit.outcome(ar.cause()),
                              "sftp password");
                          LOG.info(
                              "SFTP password login of {} from {} refused: {}",
                              who,
                              address,
                              ar.cause().getMessage());
                        }
                        verdict.setAuthed(ar.succeeded());
                      }));
      throw verdict;
    };
  }

  PublickeyAuthenticator keys() {
    return (username, key, session) -> {
      if (!LoginName.isValid(username)) {
        return false;
      }
      try {
        String fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        List<SshKeyRecord> registered = Blocking.await(accounts.keys(username), lookupTimeout);
        if (registered.stream().noneMatch(k -> k.fingerprint().equals(fingerprint))) {
          return false;
        }
        UserRecord user = Blocking.await(users.find(username), lookupTimeout).orElse(null);
        if (user == null) {
          return false;
        }
        if (session.getAttribute(JailedFileSystemFactory.PRINCIPAL) == null) {
          audit.record(
              user.principal().login(),
              address(session),
              "login",
              "user",
              user.principal().login(),
              "ok",
              "sftp key " + fingerprint);
        }
        session.setAttribute(JailedFileSystemFactory.PRINCIPAL, user.principal());
        return true;
      } catch (RuntimeException e) {
        LOG.warn("SFTP key login of {} failed: {}", username, e.getMessage());
        return false;
      }
    };
  }

  /** For tests and logs: the fingerprint MINA computes for a key. */
  static String fingerprint(PublicKey key) {
    return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
  }
}
