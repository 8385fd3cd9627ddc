package org.sinfonia.verticles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.sinfonia.core.config.ConfigException;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.dicom.DicomDump;
import org.sinfonia.verticles.config.ConfigLoader;
import org.sinfonia.verticles.config.StartupCheck;
import org.sinfonia.verticles.ops.Fsck;

/**
 * {@code java -jar sinfonia.jar [COMMAND] [OPTIONS]}. Commands: {@code run} (default) starts the
 * service; {@code dump}; {@code fsck} (see {@link Fsck}); {@code help}; {@code version}. Options
 * for {@code run}: {@code --conf FILE} replaces the bundled {@code conf/sinfonia.yaml}, {@code
 * --profile NAME} overlays {@code conf/profiles/NAME.yaml}.
 */
public final class Launcher {

  private static final long PRODUCTION_BLOCKED_THREAD_MS = 2_000;
  private static final String CANNOT_START = "Sinfonia cannot start: ";

  /** How long start-up waits for a configured MongoDB or LDAP server to accept a connection. */
  private static final Duration STORE_CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private Launcher() {}

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", ConfigLoader.BUNDLED + "logback.xml");
    }
    List<String> rest = new ArrayList<>(List.of(args));
    String command = rest.isEmpty() || rest.get(0).startsWith("--") ? "run" : rest.remove(0);
    int status =
        switch (command) {
          case "run" -> run(rest);
          case "dump" -> dump(rest);
          case "fsck" -> Fsck.run(rest, System.getenv(), System.out, System.err);
          case "version", "--version" -> {
            System.out.println("sinfonia " + Sinfonia.VERSION);
            yield 0;
          }
          case "help", "--help", "-h" -> {
            usage(System.out);
            yield 0;
          }
          default -> {
            System.err.println("unknown command: " + command);
            usage(System.err);
            yield 2;
          }
        };
    if (status != 0) {
      System.exit(status);
    }
  }

  private static void usage(PrintStream out) {
    out.println(
        """
        usage: java -jar sinfonia.jar [COMMAND] [OPTIONS]
          run [--conf FILE] [--profile NAME]   start the service (default command)
          dump FILE...                         print DICOM files as DICOM JSON (PS3.18 Annex F)
          fsck [--repair] [--deep] [--conf FILE] [--profile NAME]
                                               check the store's consistency (fsck --help)
          version                              print the version
          help                                 this text
        Environment: SINFONIA_HTTP_PORT SINFONIA_HOST SINFONIA_DATA_DIR SINFONIA_SFTP_PORT
                     SINFONIA_MONGO_URI SINFONIA_LDAP_URL SINFONIA_PROFILE (see README)
                     SINFONIA_DEBUG=1 prints the stack trace of a failed start""");
  }

  /**
   * One file: one JSON object; several: an array. Bad files: one line each on stderr, exit status
   * 1.
   */
  private static int dump(List<String> args) {
    if (args.isEmpty()) {
      System.err.println("dump: give one or more DICOM files");
      return 2;
    }
    java.io.PrintStream out =
        new java.io.PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            java.nio.charset.StandardCharsets.UTF_8);
    try {
      int status = new DicomDump().run(args.stream().map(Path::of).toList(), out, System.err);
      out.flush();
      return status;
    } catch (java.io.IOException e) {
      System.err.println("dump: " + e.getMessage());
      return 1;
    }
  }

  /**
   * For a bad key, which variable or file sets it; a file that does not parse names itself already.
   */
  private static String configAdvice(ConfigException e, String confName) {
    String key = e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(':')));
    if (key.isEmpty() || key.contains("/") || key.endsWith(".yaml") || key.endsWith(".yml")) {
      return "";
    }
    return ConfigLoader.variableFor(key)
        .map(v -> " (set by " + v + " or " + key + " in " + confName + ")")
        .orElse(" (" + key + " in " + confName + ")");
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }

  /**
   * Stack traces of start-up failures only on request: operators need the one line, developers the
   * trace.
   */
  private static void debugTrace(Throwable e) {
    if (System.getenv("SINFONIA_DEBUG") != null && !System.getenv("SINFONIA_DEBUG").isBlank()) {
      e.printStackTrace();
    }
  }

  private static int run(List<String> args) {
    Path conf = null;
    String profile = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--conf") || a.equals("--profile")) && i + 1 < args.size()) {
        if (a.equals("--conf")) {
          conf = Path.of(args.get(++i));
        } else {
          profile = args.get(++i);
        }
      } else {
        System.err.println("run: unexpected argument " + a);
        usage(System.err);
        return 2;
      }
    }
    String confName = conf == null ? "conf/sinfonia.yaml" : conf.toString();
    SinfoniaConfig config;
    try {
      config = ConfigLoader.load(conf, profile, System.getenv());
    } catch (ConfigException e) {
      System.err.println(
          CANNOT_START + "configuration error: " + e.getMessage() + configAdvice(e, confName));
      debugTrace(e);
      return 2;
    }
    Optional<String> problem =
        new StartupCheck(config, confName, STORE_CONNECT_TIMEOUT).firstProblem();
    if (problem.isPresent()) {
      System.err.println(CANNOT_START + problem.get());
      return 1;
    }
    VertxFactory.Runtime runtime =
        VertxFactory.create(config.workers(), PRODUCTION_BLOCKED_THREAD_MS);
    Sinfonia node;
    try {
      node =
          Sinfonia.start(runtime.vertx(), config, runtime.registry())
              .toCompletionStage()
              .toCompletableFuture()
              .get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      System.err.println(
          CANNOT_START
              + oneLine(cause)
              + (cause instanceof java.net.BindException
                  ? " (http.port "
                      + config.http().port()
                      + " or sftp.port "
                      + config.sftp().port()
                      + " was taken while starting; set SINFONIA_HTTP_PORT or SINFONIA_SFTP_PORT)"
                  : ""));
      debugTrace(cause);
      runtime.vertx().close();
      return 1;
    }
    System.out.println(
        "Sinfonia "
            + Sinfonia.VERSION
            + " listening on "
            + node.url()
            + " (data in "
            + config.dataDir()
            + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Sinfonia stopping: finishing in-flight requests");
                  node.stop()
                      .eventually(() -> runtime.vertx().close())
                      .onComplete(ar -> stopped.countDown());
                  try {
                    stopped.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                  }
                },
                "sinfonia-shutdown"));
    return 0;
  }
}
