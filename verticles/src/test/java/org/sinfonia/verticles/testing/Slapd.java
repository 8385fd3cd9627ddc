package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sinfonia.verticles.config.ConfigLoader;

/**
 * A real OpenLDAP {@code slapd} on a free loopback port with a throwaway configuration and database
 * under {@code target/}, loaded with the same demo LDIF as the embedded directory. {@code .ci/run}
 * installs slapd (Debian package {@code slapd}); without it the tests that need it fail with a
 * clear message.
 */
public final class Slapd implements AutoCloseable {

  private static final Path SLAPD = Path.of("/usr/sbin/slapd");
  private static final Path SLAPADD = Path.of("/usr/sbin/slapadd");

  private final Process process;
  private final int port;
  private final Path dir;

  private Slapd(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  public static Slapd start() throws IOException, InterruptedException {
    if (!Files.isExecutable(SLAPD) || !Files.isExecutable(SLAPADD)) {
      throw new IllegalStateException(
          "OpenLDAP slapd is not installed: apt-get install -y slapd ldap-utils "
              + "(the README's test command does this)");
    }
    Path dir =
        Files.createTempDirectory(Files.createDirectories(Path.of("target")), "slapd-")
            .toAbsolutePath();
    Files.createDirectories(dir.resolve("db"));
    Path conf = dir.resolve("slapd.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "include /etc/ldap/schema/core.schema",
            "include /etc/ldap/schema/cosine.schema",
            "include /etc/ldap/schema/inetorgperson.schema",
            "include /etc/ldap/schema/nis.schema",
            "modulepath /usr/lib/ldap",
            "moduleload back_mdb",
            "pidfile " + dir.resolve("slapd.pid"),
            "database mdb",
            "maxsize 67108864",
            "suffix \"dc=sinfonia,dc=local\"",
            "rootdn \"cn=manager,dc=sinfonia,dc=local\"",
            "rootpw throwaway-manager",
            "directory " + dir.resolve("db"),
            "access to attrs=userPassword by anonymous auth by self write by * none",
            "access to * by * read",
            ""));
    Path ldif = dir.resolve("demo.ldif");
    try (InputStream in = ConfigLoader.open("ldap/demo.ldif")) {
      Files.copy(in, ldif);
    }
    run(List.of(SLAPADD.toString(), "-f", conf.toString(), "-l", ldif.toString()), dir);
    int port = freePort();
    Process process =
        new ProcessBuilder(
                SLAPD.toString(),
                "-f",
                conf.toString(),
                "-h",
                "ldap://127.0.0.1:" + port + "/",
                "-d",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("slapd.log").toFile())
            .start();
    Slapd slapd = new Slapd(process, port, dir);
    slapd.awaitListening(Duration.ofSeconds(30));
    return slapd;
  }

  private static void run(List<String> command, Path dir) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("slapadd.log").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          command + " failed: " + Files.readString(dir.resolve("slapadd.log")));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitListening(Duration limit) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "slapd exited: " + Files.readString(dir.resolve("slapd.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        process.waitFor(
            100,
            TimeUnit.MILLISECONDS); // polling a child process's port: there is no event to wait on
      }
    }
    close();
    throw new IllegalStateException("slapd did not listen on port " + port + " within " + limit);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "ldap://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
