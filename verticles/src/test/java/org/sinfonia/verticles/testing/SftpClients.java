package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real SFTP clients as child processes: OpenSSH {@code sftp} (passwords through {@code sshpass}, or
 * a key) and {@code lftp}, against a {@link TestNode}'s SFTP port. Host keys are neither checked
 * nor remembered.
 */
public final class SftpClients {

  /** What a client printed and how it ended. */
  public record Run(int exit, String output) {
    public boolean ok() {
      return exit == 0;
    }
  }

  private final int port;
  private final Path dir;

  public SftpClients(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  private static List<String> sshOptions() {
    return List.of(
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "LogLevel=ERROR",
        "-o",
        "ConnectTimeout=10");
  }

  /** OpenSSH sftp with a password; {@code commands} one per line, as in {@code sftp -b}. */
  public Run sftpPassword(String user, String password, String... commands) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sshpass",
                "-e",
                "sftp",
                "-o",
                "BatchMode=no",
                "-o",
                "PubkeyAuthentication=no",
                "-P",
                String.valueOf(port)));
    cmd.addAll(sshOptions());
    return batch(cmd, user, password, commands);
  }

  /** OpenSSH sftp with a private key file and nothing else. */
  public Run sftpKey(String user, Path key, String... commands) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sftp",
                "-i",
                key.toString(),
                "-o",
                "IdentitiesOnly=yes",
                "-o",
                "PasswordAuthentication=no",
                "-P",
                String.valueOf(port)));
    cmd.addAll(sshOptions());
    return batch(cmd, user, null, commands);
  }

  private Run batch(List<String> cmd, String user, String password, String... commands)
      throws Exception {
    Path batch = Files.createTempFile(dir, "batch", ".txt");
    Files.writeString(batch, String.join("\n", commands) + "\n");
    cmd.add("-b");
    cmd.add(batch.toString());
    cmd.add(user + "@127.0.0.1");
    return run(cmd, password, 60);
  }

  /** Starts an sftp put that can be killed half-way ({@code -l} limits its rate in Kbit/s). */
  public Process startSlowPut(
      String user, String password, Path local, String remote, int kbitPerSecond)
      throws IOException {
    Path batch = Files.createTempFile(dir, "batch", ".txt");
    Files.writeString(batch, "put " + local + " " + remote + "\n");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "sshpass",
                "-e",
                "sftp",
                "-o",
                "BatchMode=no",
                "-o",
                "PubkeyAuthentication=no",
                "-l",
                String.valueOf(kbitPerSecond),
                "-P",
                String.valueOf(port)));
    cmd.addAll(sshOptions());
    cmd.addAll(List.of("-b", batch.toString(), user + "@127.0.0.1"));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("slow.log").toFile());
    pb.environment().put("SSHPASS", password);
    return pb.start();
  }

  /** lftp over sftp with a password; {@code commands} joined with ';'. */
  public Run lftp(String user, String password, String... commands) throws Exception {
    String connect =
        "set sftp:connect-program 'ssh -a -x -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
            + " -o LogLevel=ERROR -o PubkeyAuthentication=no'; set net:max-retries 1; set net:timeout 10; ";
    List<String> cmd =
        List.of(
            "lftp",
            "-u",
            user + "," + password,
            "-p",
            String.valueOf(port),
            "-e",
            connect + String.join("; ", commands) + "; bye",
            "sftp://127.0.0.1");
    return run(new ArrayList<>(cmd), null, 60);
  }

  private Run run(List<String> cmd, String password, int seconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
    if (password != null) {
      pb.environment().put("SSHPASS", password);
    }
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("client did not finish in " + seconds + " s: " + cmd);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
