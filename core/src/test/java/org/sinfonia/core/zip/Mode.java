package org.sinfonia.core.zip;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The two read modes, so that every archive test runs through both. */
enum Mode {
  RANDOM_ACCESS {
    @Override
    ExtractionResult extract(
        ZipExtractor extractor, Path zip, EntrySink sink, ExtractionOptions options)
        throws IOException {
      return extractor.extract(zip, sink, options);
    }
  },
  STREAMING {
    @Override
    ExtractionResult extract(
        ZipExtractor extractor, Path zip, EntrySink sink, ExtractionOptions options)
        throws IOException {
      try (InputStream in = new Trickle(Files.newInputStream(zip), zip.hashCode())) {
        return extractor.extractStream(in, sink, options);
      }
    }
  };

  abstract ExtractionResult extract(
      ZipExtractor extractor, Path zip, EntrySink sink, ExtractionOptions options)
      throws IOException;

  ExtractionResult extract(ZipExtractor extractor, Path zip, EntrySink sink) throws IOException {
    return extract(extractor, zip, sink, ExtractionOptions.DEFAULT);
  }

  /** Hands out bytes in uneven chunks, as a network connection does. */
  static final class Trickle extends FilterInputStream {
    private final Random random;

    Trickle(InputStream in, long seed) {
      super(in);
      this.random = new Random(seed);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(
          b,
          off,
          Math.max(1, Math.min(len, 1 + random.nextInt(random.nextBoolean() ? 64 : 70_000))));
    }
  }
}
