package org.sinfonia.core.zip;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Extraction and writing throughput on a ~2 GB archive of mixed files, beside Info-ZIP in the same
 * run. Run by {@code core/bench/zip-extract-bench.sh}; not a unit test.
 *
 * <p>Usage: {@code ZipBench WORKDIR [SCALE]}; SCALE 1.0 builds ~2.7 GiB of files, ~1.7 GiB zipped
 * (Info-ZIP -1).
 */
public final class ZipBench {

  private static final double MIB = 1 << 20;

  private ZipBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "/tmp/sinfonia-zip-bench");
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1.0;
    Path src = work.resolve("src");
    Path zip = work.resolve("bench.zip");
    if (!Files.exists(zip)) {
      long made = generate(src, scale);
      System.out.printf("source: %.0f MiB in %d files%n", made / MIB, count(src));
      long t = System.nanoTime();
      Tools.run(src, "zip", "-q", "-r", "-1", zip.toString(), ".");
      System.out.printf("zip -1 -r: %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
    long archive = Files.size(zip);
    long uncompressed = new ZipListing(ZipLimits.defaults()).list(zip).size();
    System.out.printf(
        "archive: %.0f MiB, %.0f MiB uncompressed, %d entries%n",
        archive / MIB,
        uncompressed / MIB,
        new ZipListing(ZipLimits.defaults()).list(zip).entries());

    // The zero-filled padding expands ~230 times; the default ratio limit (100) would rightly skip
    // it, unzip would not.
    // The zero-filled padding expands ~230 times; the default ratio limit (100) would rightly skip
    // it, unzip would not.
    ZipExtractor extractor = new ZipExtractor(ZipLimits.defaults().withMaxRatio(1100));
    System.out.printf("%-36s %8s %9s %8s %12s%n", "", "wall", "MiB/s", "CPU", "MiB/CPU-s");
    for (int round = 1; round <= 2; round++) {
      System.out.printf("-- round %d%n", round);
      Path out = work.resolve("out");
      clean(out);
      long t = System.nanoTime();
      String times =
          Tools.run(
              work,
              "/usr/bin/time",
              "-f",
              "cpu %U %S",
              "unzip",
              "-q",
              zip.toString(),
              "-d",
              out.toString());
      String[] cpu = times.substring(times.lastIndexOf("cpu ")).trim().split(" ");
      report(
          "unzip -q",
          t,
          (long) ((Double.parseDouble(cpu[1]) + Double.parseDouble(cpu[2])) * 1e9),
          uncompressed);

      clean(out);
      t = System.nanoTime();
      long c = cpuNanos();
      DirectorySink sink = new DirectorySink(out);
      ExtractionResult random = extractor.extract(zip, sink, ExtractionOptions.DEFAULT);
      report("ZipExtractor random access", t, cpuNanos() - c, random.bytesDone());
      check(random, uncompressed);

      clean(out);
      t = System.nanoTime();
      c = cpuNanos();
      sink = new DirectorySink(out);
      ExtractionResult streamed;
      try (InputStream in = Files.newInputStream(zip)) {
        streamed = extractor.extractStream(in, sink, ExtractionOptions.DEFAULT);
      }
      report("ZipExtractor streaming", t, cpuNanos() - c, streamed.bytesDone());
      check(streamed, uncompressed);
    }
    clean(work.resolve("out"));

    List<Path> files = list(src);
    List<Path> sample = new ArrayList<>();
    for (int i = 0; i < files.size(); i += 8) {
      sample.add(files.get(i));
    }
    System.out.println(
        "-- ZipStreamWriter to a null stream: level 0 over all files, every level over every 8th file");
    write(src, files, 0);
    for (int level : new int[] {0, 1, 6}) {
      write(src, sample, level);
    }
    System.out.printf("load at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
  }

  private static void write(Path src, List<Path> files, int level) throws IOException {
    long t = System.nanoTime();
    long c = cpuNanos();
    long bytes = 0;
    CountingNull out = new CountingNull();
    ZipStreamWriter writer = new ZipStreamWriter(out, level);
    for (Path file : files) {
      long size = Files.size(file);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        writer.addFile(src.relativize(file).toString(), size, null, in);
      }
      bytes += size;
    }
    writer.finish();
    report(
        String.format(
            "level %d, %.0f MiB -> %.1f%%", level, bytes / MIB, 100.0 * out.count / bytes),
        t,
        cpuNanos() - c,
        bytes);
  }

  /**
   * CPU time of this whole process (extraction, GC, JIT): stable where wall time suffers from other
   * load.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void check(ExtractionResult result, long expected) {
    if (result.outcome() != ExtractionResult.Outcome.COMPLETED
        || result.bytesDone() != expected
        || result.skippedCount() != 0) {
      throw new IllegalStateException("unexpected result: " + result);
    }
  }

  private static void report(String what, long startNanos, long cpuNanos, long bytes) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    double cpu = cpuNanos / 1e9;
    System.out.printf(
        "%-36s %7.1fs %9.0f %7.1fs %12.0f%n",
        what, seconds, bytes / MIB / seconds, cpu, bytes / MIB / cpu);
  }

  /**
   * CT-like series (compress ~2:1), random "pixel" data (incompressible), small text files, a
   * zero-filled file.
   */
  private static long generate(Path src, double scale) throws IOException {
    Random random = new Random(2026);
    long total = 0;
    byte[] slice = new byte[2 << 20];
    for (int s = 0; s < Math.max(1, (int) (8 * scale)); s++) {
      Path series = Files.createDirectories(src.resolve("study/ct-series-" + s));
      for (int i = 0; i < 100; i++) {
        byte[] data = TestTree.ctLike(random, slice.length);
        Files.write(series.resolve(String.format("IM%04d.dcm", i)), data);
        total += data.length;
      }
    }
    Path raw = Files.createDirectories(src.resolve("raw"));
    byte[] block = new byte[25 << 20];
    for (int i = 0; i < Math.max(1, (int) (40 * scale)); i++) {
      random.nextBytes(block);
      Files.write(raw.resolve("volume" + i + ".raw"), block);
      total += block.length;
    }
    Path notes = Files.createDirectories(src.resolve("notes"));
    for (int i = 0; i < Math.max(1, (int) (2000 * scale)); i++) {
      byte[] text = ("note " + i + " " + "lorem ipsum dolor sit amet ".repeat(150)).getBytes();
      Files.write(notes.resolve("note" + i + ".txt"), text);
      total += text.length;
    }
    Files.write(src.resolve("padding.bin"), new byte[64 << 20]);
    return total + (64 << 20);
  }

  private static List<Path> list(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files = new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
      return files;
    }
  }

  private static long count(Path root) throws IOException {
    return list(root).size();
  }

  private static void clean(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  private static final class CountingNull extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
