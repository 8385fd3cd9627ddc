package org.sinfonia.core.model;

import java.time.Duration;

/**
 * What a submitted model may be and do during validation.
 *
 * @param maxBytes the largest ONNX file accepted (the runtime loads models whole, so this bounds
 *     memory too)
 * @param maxIrVersion the newest ONNX IR version the bundled runtime reads (10 for ONNX Runtime
 *     1.20)
 * @param maxOpset the newest default-domain (ai.onnx) opset the bundled runtime implements (21 for
 *     1.20)
 * @param smokeTimeout how long the smoke run on synthetic input may take
 * @param memoryCapBytes how much the process's resident memory may grow while the model is loaded
 *     and smoke-run
 * @param intraOpThreads threads per run (0 = the runtime's default)
 */
public record ModelLimits(
    long maxBytes,
    int maxIrVersion,
    int maxOpset,
    Duration smokeTimeout,
    long memoryCapBytes,
    int intraOpThreads) {

  public ModelLimits {
    if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxBytes must be from 1 byte to 2 GiB");
    }
    if (smokeTimeout.isNegative() || smokeTimeout.isZero()) {
      throw new IllegalArgumentException("smokeTimeout must be positive");
    }
    if (memoryCapBytes <= 0 || intraOpThreads < 0) {
      throw new IllegalArgumentException("memoryCapBytes must be positive, intraOpThreads >= 0");
    }
  }

  /** 512 MiB files, IR 10, opset 21, 60 s smoke run, 2 GiB memory growth, 2 threads. */
  public static ModelLimits defaults() {
    return new ModelLimits(512L << 20, 10, 21, Duration.ofSeconds(60), 2L << 30, 2);
  }

  public ModelLimits withMaxBytes(long v) {
    return new ModelLimits(v, maxIrVersion, maxOpset, smokeTimeout, memoryCapBytes, intraOpThreads);
  }

  public ModelLimits withSmokeTimeout(Duration v) {
    return new ModelLimits(maxBytes, maxIrVersion, maxOpset, v, memoryCapBytes, intraOpThreads);
  }

  public ModelLimits withMemoryCap(long v) {
    return new ModelLimits(maxBytes, maxIrVersion, maxOpset, smokeTimeout, v, intraOpThreads);
  }

  public ModelLimits withMaxOpset(int v) {
    return new ModelLimits(maxBytes, maxIrVersion, v, smokeTimeout, memoryCapBytes, intraOpThreads);
  }
}
