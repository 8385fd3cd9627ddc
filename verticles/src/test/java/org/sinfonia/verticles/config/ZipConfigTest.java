package org.sinfonia.verticles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.config.ConfigException;
import org.sinfonia.core.config.SinfoniaConfig;
import org.sinfonia.core.zip.ZipLimits;

/**
 * The {@code zip} section: every extraction limit is configuration, with the engine's defaults and
 * named errors.
 */
class ZipConfigTest {

  @TempDir Path dir;

  @Test
  void theBundledDefaultsAreTheEnginesDefaults() {
    SinfoniaConfig.Zip zip = ConfigLoader.load(null, null, Map.of()).zip();
    assertEquals(ZipLimits.defaults(), zip.limits());
    assertEquals(0, zip.writerDeflateLevel());
    assertEquals(2, zip.extractThreads());
  }

  @Test
  void everyLimitCanBeSet() throws Exception {
    Path conf = dir.resolve("zip.yaml");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "zip:",
            "  maxTotalBytes: 2GiB",
            "  maxRatio: 50",
            "  ratioGraceBytes: 64KiB",
            "  maxEntries: 1000",
            "  maxDepth: 8",
            "  maxSegmentBytes: 100",
            "  maxReportedProblems: 10",
            "  streamBufferBytes: 2MiB",
            "  writerDeflateLevel: 1",
            "  extractThreads: 4",
            ""));
    SinfoniaConfig.Zip zip = ConfigLoader.load(null, conf.toString(), Map.of()).zip();
    assertEquals(new ZipLimits(2L << 30, 50, 64 << 10, 1000, 8, 100, 10, 2 << 20), zip.limits());
    assertEquals(1, zip.writerDeflateLevel());
    assertEquals(4, zip.extractThreads());
    SinfoniaConfig.Zip env =
        ConfigLoader.load(
                null,
                null,
                Map.of(
                    "SINFONIA_ZIP_MAX_TOTAL_BYTES",
                    "10GiB",
                    "SINFONIA_ZIP_MAX_RATIO",
                    "1100",
                    "SINFONIA_ZIP_MAX_ENTRIES",
                    "5",
                    "SINFONIA_ZIP_MAX_DEPTH",
                    "3",
                    "SINFONIA_ZIP_EXTRACT_THREADS",
                    "1"))
            .zip();
    assertEquals(new ZipLimits(10L << 30, 1100, 1 << 20, 5, 3, 255, 1000, 1 << 20), env.limits());
    assertEquals(1, env.extractThreads());
  }

  @Test
  void badValuesNameTheirKey() {
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_ZIP_MAX_RATIO", "0")))
            .getMessage()
            .startsWith("zip.maxRatio: must be between 1"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_ZIP_MAX_TOTAL_BYTES", "0")))
            .getMessage()
            .startsWith("zip.maxTotalBytes: must be positive"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_ZIP_MAX_TOTAL_BYTES", "lots")))
            .getMessage()
            .startsWith("zip.maxTotalBytes: expected a size"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () -> ConfigLoader.load(null, null, Map.of("SINFONIA_ZIP_MAX_DEPTH", "2000")))
            .getMessage()
            .startsWith("zip.maxDepth: must be between 1 and 1024"));
  }
}
