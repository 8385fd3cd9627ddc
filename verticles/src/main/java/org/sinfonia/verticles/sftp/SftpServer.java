package org.sinfonia.verticles.sftp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.sinfonia.core.config.SinfoniaConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SSH server (Apache MINA SSHD) with the SFTP subsystem only: no shell, no exec, no
 * port, agent or X11 forwarding; password and public-key logins; a persistent host key under the
 * SFTP root. MINA runs its own I/O and SFTP threads; nothing here touches a Vert.x event loop.
 * Start and stop are blocking.
 */
public final class SftpServer {

  private static final Logger LOG = LoggerFactory.getLogger(SftpServer.class);

  private final SshServer sshd;

  SftpServer(
      SinfoniaConfig.Sftp config,
      SftpArea area,
      SftpAuthenticators auth,
      SftpQuota quota,
      InboxWatcher inbox) {
    sshd = SshServer.setUpDefaultServer();
    sshd.setHost(config.host());
    sshd.setPort(config.port());
    SimpleGeneratorHostKeyProvider hostKey = new SimpleGeneratorHostKeyProvider(area.hostKey());
    hostKey.setAlgorithm("EC");
    hostKey.setKeySize(256);
    sshd.setKeyPairProvider(hostKey);
    sshd.setUserAuthFactories(
        List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
    sshd.setPasswordAuthenticator(auth.passwords());
    sshd.setPublickeyAuthenticator(auth.keys());
    sshd.setKeyboardInteractiveAuthenticator(null);
    sshd.setHostBasedAuthenticator(null);
    sshd.setGSSAuthenticator(null);
    sshd.setShellFactory(null);
    sshd.setCommandFactory(null);
    sshd.setAgentFactory(null);
    sshd.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    sshd.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
    sshd.setFileSystemFactory(new JailedFileSystemFactory(area));
    SftpSubsystemFactory sftp =
        new SftpSubsystemFactory.Builder()
            .withFileSystemAccessor(new JailedSftpAccessor(quota))
            .build();
    sftp.addSftpEventListener(inbox);
    sshd.setSubsystemFactories(List.of(sftp));
    CoreModuleProperties.AUTH_TIMEOUT.set(sshd, config.authTimeout());
    CoreModuleProperties.IDLE_TIMEOUT.set(sshd, config.idleTimeout());
    CoreModuleProperties.SERVER_IDENTIFICATION.set(sshd, "Sinfonia");
    sshd.addSessionListener(new SessionLimit(config.maxSessions()));
  }

  public void start() throws IOException {
    sshd.start();
    LOG.info(
        "SFTP on {}:{} (host key {})",
        sshd.getHost(),
        port(),
        ((SimpleGeneratorHostKeyProvider) sshd.getKeyPairProvider()).getPath());
  }

  /** The bound port (the configured one, or the one picked for port 0). */
  public int port() {
    return sshd.getBoundAddresses().stream()
        .filter(InetSocketAddress.class::isInstance)
        .map(a -> ((InetSocketAddress) a).getPort())
        .findFirst()
        .orElse(sshd.getPort());
  }

  public void stop() throws IOException {
    sshd.stop(true);
  }

  static ExecutorService authAnswerThreads() {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        2,
        r -> {
          Thread t = new Thread(r, "sinfonia-sftp-auth-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** Refuses sessions beyond the node's limit (all users together). */
  private static final class SessionLimit implements SessionListener {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    SessionLimit(int max) {
      this.max = max;
    }

    @Override
    public void sessionCreated(Session session) {
      if (open.incrementAndGet() > max) {
        try {
          session.disconnect(
              SshConstants.SSH2_DISCONNECT_TOO_MANY_CONNECTIONS,
              "too many SFTP sessions; try later");
        } catch (IOException e) {
          session.close(true);
        }
      }
    }

    @Override
    public void sessionClosed(Session session) {
      open.decrementAndGet();
    }
  }
}
