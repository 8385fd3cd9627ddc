package org.sinfonia.verticles;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.TimeUnit;
import org.sinfonia.core.config.SinfoniaConfig;

/**
 * Builds the Vert.x instance with Sinfonia's thread sizing and Micrometer (Vert.x + JVM) metrics.
 */
public final class VertxFactory {

  /** A Vert.x instance and the registry its metrics (and the JVM's) are published to. */
  public record Runtime(Vertx vertx, PrometheusMeterRegistry registry) {}

  private VertxFactory() {}

  /**
   * @param blockedThreadMillis how long an event loop may run one task before the blocked-thread
   *     checker complains (tests set it low to catch blocking calls)
   */
  public static Runtime create(SinfoniaConfig.Workers workers, long blockedThreadMillis) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    VertxOptions options =
        new VertxOptions()
            .setWorkerPoolSize(workers.blockingPoolSize())
            .setMaxEventLoopExecuteTime(blockedThreadMillis)
            .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
            .setBlockedThreadCheckInterval(Math.max(10, blockedThreadMillis / 4))
            .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
            .setWarningExceptionTime(blockedThreadMillis)
            .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
            .setMetricsOptions(
                new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false));
    if (workers.eventLoops() > 0) {
      options.setEventLoopPoolSize(workers.eventLoops());
    }
    Vertx vertx =
        Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
    return new Runtime(vertx, registry);
  }
}
