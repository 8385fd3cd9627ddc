package org.sinfonia.core.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk's command-line tools, the independent referee of the codec's tests. */
public final class Dcmtk {

  private static final long TIMEOUT_SECONDS = 60;

  private Dcmtk() {}

  /** Runs a tool in {@code dir}; returns its standard output, or fails with its error output. */
  public static String run(Path dir, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
      process.getOutputStream().close();
      byte[][] streams = new byte[2][];
      Thread errorReader = new Thread(() -> streams[1] = readAll(process.getErrorStream()));
      errorReader.start();
      streams[0] = readAll(process.getInputStream());
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      errorReader.join();
      String out = new String(streams[0], StandardCharsets.ISO_8859_1);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            command
                + " exited "
                + process.exitValue()
                + ": "
                + new String(streams[1], StandardCharsets.UTF_8));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run " + command + " (is dcmtk installed? apt-get install dcmtk)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  public static boolean available() {
    try {
      run(Path.of("."), List.of("dcmdump", "--version"));
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in;
        ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
