package org.sinfonia.verticles.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sinfonia.core.config.SinfoniaConfig;

/**
 * What a node needs from its machine before it starts: a writable data directory, free HTTP and
 * SFTP ports and reachable external stores. Each problem comes back as one line naming the cause
 * and the key (and variable) to change, because the failures that would otherwise surface deep
 * inside Vert.x, Netty or a driver say neither. The ports are checked by binding and releasing
 * them, so a port taken between this check and the real bind still fails, only less clearly.
 */
public final class StartupCheck {

  private final SinfoniaConfig config;
  private final String confFile;
  private final Duration connectTimeout;

  /**
   * @param confFile the configuration file to name in advice: the {@code --conf} file or the
   *     bundled defaults
   */
  public StartupCheck(SinfoniaConfig config, String confFile, Duration connectTimeout) {
    this.config = config;
    this.confFile = confFile;
    this.connectTimeout = connectTimeout;
  }

  /** The first problem found, as the one line to print; empty when the node can start. */
  public Optional<String> firstProblem() {
    List<Optional<String>> checks = new ArrayList<>();
    checks.add(dataDirectory());
    checks.add(
        port(
            "http",
            config.http().host(),
            config.http().port(),
            "SINFONIA_HOST",
            "SINFONIA_HTTP_PORT"));
    if (config.sftp().enabled()) {
      checks.add(
          port(
              "sftp",
              config.sftp().host(),
              config.sftp().port(),
              "SINFONIA_HOST",
              "SINFONIA_SFTP_PORT"));
    }
    if (config.management().enabled()) {
      checks.add(
          port(
              "management",
              config.management().host(),
              config.management().port(),
              "SINFONIA_MANAGEMENT_HOST",
              "SINFONIA_MANAGEMENT_PORT"));
    }
    checks.add(mongo());
    checks.add(ldap());
    return checks.stream().flatMap(Optional::stream).findFirst();
  }

  private Optional<String> dataDirectory() {
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".startup-check", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      return Optional.of(
          "dataDir "
              + dir
              + " is not writable ("
              + reason(e)
              + "); "
              + advice("SINFONIA_DATA_DIR", "dataDir"));
    }
  }

  private Optional<String> port(
      String section, String host, int port, String hostVariable, String variable) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return Optional.of(
          section
              + ".host "
              + host
              + " is not a known host name; "
              + advice(hostVariable, section + ".host"));
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, port));
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      String why = reason(e);
      if (why.contains("already in use")) {
        return Optional.of(
            section
                + ".port "
                + port
                + " is in use on "
                + host
                + "; "
                + advice(variable, section + ".port"));
      }
      if (why.contains("assign requested address")) {
        return Optional.of(
            section
                + ".host "
                + host
                + " is not an address of this machine; "
                + advice(hostVariable, section + ".host"));
      }
      return Optional.of(
          section
              + ".port "
              + port
              + " on "
              + host
              + " cannot be bound ("
              + why
              + "); "
              + advice(variable, section + ".port"));
    }
  }

  private Optional<String> mongo() {
    String uri = config.mongo().uri();
    if (uri == null || uri.isBlank() || uri.startsWith("mongodb+srv://")) {
      return Optional
          .empty(); // embedded, or hosts found through DNS SRV records: the driver reports those
    }
    List<InetSocketAddress> hosts;
    try {
      hosts = mongoHosts(uri);
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "mongo.uri "
              + redact(uri)
              + " is malformed ("
              + e.getMessage()
              + "); "
              + advice("SINFONIA_MONGO_URI", "mongo.uri"));
    }
    return unreachable(hosts)
        .map(
            why ->
                "mongo.uri "
                    + redact(uri)
                    + " is unreachable ("
                    + why
                    + "); "
                    + advice("SINFONIA_MONGO_URI", "mongo.uri"));
  }

  private Optional<String> ldap() {
    String url = config.ldap().url();
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    InetSocketAddress host;
    try {
      URI u = URI.create(url.trim());
      if (u.getHost() == null) {
        throw new IllegalArgumentException("no host");
      }
      int defaultPort = "ldaps".equalsIgnoreCase(u.getScheme()) ? 636 : 389;
      host =
          InetSocketAddress.createUnresolved(
              u.getHost(), u.getPort() > 0 ? u.getPort() : defaultPort);
    } catch (IllegalArgumentException e) {
      return Optional.of(
          "ldap.url "
              + url
              + " is malformed ("
              + e.getMessage()
              + "); "
              + advice("SINFONIA_LDAP_URL", "ldap.url"));
    }
    return unreachable(List.of(host))
        .map(
            why ->
                "ldap.url "
                    + url
                    + " is unreachable ("
                    + why
                    + "); "
                    + advice("SINFONIA_LDAP_URL", "ldap.url"));
  }

  /** Why none of the hosts accepts a TCP connection; empty as soon as one does. */
  private Optional<String> unreachable(List<InetSocketAddress> hosts) {
    List<String> reasons = new ArrayList<>();
    for (InetSocketAddress h : hosts) {
      try (Socket s = new Socket()) {
        s.connect(
            new InetSocketAddress(h.getHostString(), h.getPort()), (int) connectTimeout.toMillis());
        return Optional.empty();
      } catch (IOException e) {
        reasons.add(h.getHostString() + ":" + h.getPort() + ": " + reason(e));
      }
    }
    return Optional.of(String.join(", ", reasons));
  }

  /** The seed list of a {@code mongodb://[user:pass@]host1[:port],host2/...} connection string. */
  static List<InetSocketAddress> mongoHosts(String uri) {
    if (!uri.startsWith("mongodb://")) {
      throw new IllegalArgumentException("expected mongodb:// or mongodb+srv://");
    }
    String rest = uri.substring("mongodb://".length());
    int end = rest.indexOf('/');
    if (end < 0) {
      end = rest.indexOf('?');
    }
    String authority = end < 0 ? rest : rest.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    if (authority.isBlank()) {
      throw new IllegalArgumentException("no host");
    }
    List<InetSocketAddress> hosts = new ArrayList<>();
    for (String h : authority.split(",")) {
      // host, host:port, [v6], [v6]:port
      int close = h.startsWith("[") ? h.indexOf(']') : -1;
      String name =
          close > 0 ? h.substring(1, close) : h.contains(":") ? h.substring(0, h.indexOf(':')) : h;
      String after =
          close > 0 ? h.substring(close + 1) : h.contains(":") ? h.substring(h.indexOf(':')) : "";
      int port;
      try {
        port = after.isEmpty() ? 27017 : Integer.parseInt(after.substring(1));
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException("bad port in " + h);
      }
      hosts.add(InetSocketAddress.createUnresolved(name, port));
    }
    return hosts;
  }

  private String advice(String variable, String key) {
    return "set " + variable + " or " + key + " in " + confFile;
  }

  /** A connection string without its password. */
  private static String redact(String uri) {
    return uri.replaceFirst("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  private static String reason(Exception e) {
    String m = e.getMessage();
    if (e instanceof UnknownHostException) {
      return "unknown host " + m;
    }
    // The file system's exceptions carry the path as their message, which the line names already.
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
      return "a file is in the way: " + ((FileSystemException) e).getFile();
    }
    if (e instanceof FileSystemException f) {
      return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
  }
}
