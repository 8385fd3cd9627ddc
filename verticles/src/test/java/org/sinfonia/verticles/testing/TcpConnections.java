package org.sinfonia.verticles.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Counts established TCP connections whose server side is a local port, from Linux's /proc/net/tcp
 * tables.
 */
public final class TcpConnections {

  private static final String ESTABLISHED = "01";

  private TcpConnections() {}

  public static long establishedTo(int port) throws IOException {
    String hexPort = String.format(":%04X", port);
    long count = 0;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path p = Path.of(table);
      if (!Files.exists(p)) {
        continue;
      }
      for (String line : Files.readAllLines(p)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals(ESTABLISHED)) {
          count++;
        }
      }
    }
    return count;
  }
}
