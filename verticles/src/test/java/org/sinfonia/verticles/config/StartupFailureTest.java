package org.sinfonia.verticles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as operators run it, as its own process: each broken precondition stops start-up
 * with a non-zero exit status and exactly one line on stderr that names the cause and the key (and
 * variable) to change, with no stack trace.
 */
class StartupFailureTest {

  @TempDir Path dir;

  @Test
  void anHttpPortInUseNamesTheKeyAndTheVariable() throws Exception {
    try (ServerSocket taken = occupied()) {
      String line = failedStart(Map.of("SINFONIA_HTTP_PORT", String.valueOf(taken.getLocalPort())));
      assertEquals(
          "Sinfonia cannot start: http.port "
              + taken.getLocalPort()
              + " is in use on 127.0.0.1; "
              + "set SINFONIA_HTTP_PORT or http.port in conf/sinfonia.yaml",
          line);
    }
  }

  @Test
  void anSftpPortInUseNamesTheKeyAndTheVariable() throws Exception {
    try (ServerSocket taken = occupied()) {
      String line = failedStart(Map.of("SINFONIA_SFTP_PORT", String.valueOf(taken.getLocalPort())));
      assertEquals(
          "Sinfonia cannot start: sftp.port "
              + taken.getLocalPort()
              + " is in use on 127.0.0.1; "
              + "set SINFONIA_SFTP_PORT or sftp.port in conf/sinfonia.yaml",
          line);
    }
  }

  @Test
  void aListenAddressThatIsNotThisMachinesNamesTheHostKey() throws Exception {
    String line =
        failedStart(Map.of("SINFONIA_HOST", "192.0.2.1")); // TEST-NET-1: never a local address
    assertEquals(
        "Sinfonia cannot start: http.host 192.0.2.1 is not an address of this machine; "
            + "set SINFONIA_HOST or http.host in conf/sinfonia.yaml",
        line);
  }

  @Test
  void anUnwritableDataDirectoryNamesTheKey() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    String line = failedStart(Map.of("SINFONIA_DATA_DIR", file.resolve("data").toString()));
    assertTrue(
        line.startsWith(
            "Sinfonia cannot start: dataDir " + file.resolve("data") + " is not writable ("),
        line);
    assertTrue(line.endsWith("); set SINFONIA_DATA_DIR or dataDir in conf/sinfonia.yaml"), line);
  }

  @Test
  void anUnreachableMongoDbNamesTheUriWithoutItsPassword() throws Exception {
    int closed = closedPort();
    String line =
        failedStart(
            Map.of(
                "SINFONIA_MONGO_URI",
                "mongodb://sinfonia:secret@127.0.0.1:" + closed + "/?replicaSet=rs0"));
    assertTrue(
        line.startsWith(
            "Sinfonia cannot start: mongo.uri mongodb://sinfonia:***@127.0.0.1:"
                + closed
                + "/?replicaSet=rs0 is unreachable (127.0.0.1:"
                + closed
                + ": "),
        line);
    assertTrue(line.endsWith("); set SINFONIA_MONGO_URI or mongo.uri in conf/sinfonia.yaml"), line);
    assertFalse(line.contains("secret"), line);
  }

  @Test
  void anUnreachableDirectoryNamesTheUrl() throws Exception {
    int closed = closedPort();
    String line = failedStart(Map.of("SINFONIA_LDAP_URL", "ldap://127.0.0.1:" + closed));
    assertTrue(
        line.startsWith(
            "Sinfonia cannot start: ldap.url ldap://127.0.0.1:" + closed + " is unreachable ("),
        line);
    assertTrue(line.endsWith("); set SINFONIA_LDAP_URL or ldap.url in conf/sinfonia.yaml"), line);
  }

  @Test
  void aMalformedConfigFileNamesTheFileAndThePlace() throws Exception {
    Path conf =
        Files.writeString(dir.resolve("site.yaml"), "http:\n  port: 8080\n    host: [oops\n");
    String line = failedStart(Map.of(), "--conf", conf.toString());
    assertTrue(
        line.startsWith(
            "Sinfonia cannot start: configuration error: "
                + conf
                + ": is not valid YAML at line 3"),
        line);
  }

  @Test
  void aMalformedValueNamesTheKeyAndTheVariableThatSetIt() throws Exception {
    String line = failedStart(Map.of("SINFONIA_HTTP_PORT", "eighty"));
    assertTrue(line.startsWith("Sinfonia cannot start: configuration error: http.port: "), line);
    assertTrue(
        line.endsWith(" (set by SINFONIA_HTTP_PORT or http.port in conf/sinfonia.yaml)"), line);
  }

  @Test
  void mongoSeedListsAreReadWithTheirDefaultPort() {
    List<InetSocketAddress> hosts =
        StartupCheck.mongoHosts("mongodb://u:p@db1,db2:27018,[::1]:27019/sinfonia?replicaSet=rs0");
    assertEquals(
        List.of("db1:27017", "db2:27018", "::1:27019"),
        hosts.stream().map(h -> h.getHostString() + ":" + h.getPort()).toList());
  }

  /**
   * Runs the launcher with a writable data directory and free ports unless {@code env} says
   * otherwise.
   */
  private String failedStart(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "org.sinfonia.verticles.Launcher",
                "run"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("SINFONIA_"));
    pb.environment().put("SINFONIA_DATA_DIR", dir.resolve("data").toString());
    pb.environment().put("SINFONIA_HTTP_PORT", "0");
    pb.environment().put("SINFONIA_SFTP_PORT", "0");
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("stdout.txt").toFile());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("the launcher did not stop: it started despite " + env);
    }
    List<String> stderr = Files.readAllLines(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
    assertNotEquals(0, p.exitValue(), "exit status");
    assertEquals(1, stderr.size(), "one line on stderr: " + stderr);
    assertFalse(Files.readString(dir.resolve("stdout.txt")).contains("\tat "), "no stack trace");
    return stderr.get(0);
  }

  private static ServerSocket occupied() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
    return s;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = occupied()) {
      return s.getLocalPort();
    }
  }
}
