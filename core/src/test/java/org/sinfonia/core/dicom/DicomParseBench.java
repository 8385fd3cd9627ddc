package org.sinfonia.core.dicom;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Header-parse throughput of the codec (run by core/bench/dicom-parse-bench.sh, which times dcmdump
 * on the same files). Generates a benchmark-scale corpus, then reads each group of files with
 * {@link DicomHeaderReader} (64 KiB chunks from an InputStream, as ingest does) for at least two
 * seconds after a warm-up, and prints MiB/s (file bytes) and files/s. Writes the file lists to
 * DIR/pixel.list and DIR/header.list for the script.
 */
public final class DicomParseBench {

  private static final Set<String> PIXEL_HEAVY =
      Set.of(
          "ct-explicit-le",
          "ct-implicit-le",
          "mf16-explicit-le",
          "mf16-rle",
          "mf16-jpegls",
          "rtdose");
  private static final Set<String> HEADER_HEAVY = Set.of("rtstruct", "rtstruct-implicit", "rtplan");

  private DicomParseBench() {}

  public static void main(String[] args) throws Exception {
    Path dir =
        Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("dicom-bench").toString());
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2.0;
    List<DicomTestCorpus.Entry> corpus = DicomTestCorpus.generate(dir, CorpusTemplates.Scale.BENCH);
    measure("pixel-heavy", select(corpus, PIXEL_HEAVY), dir.resolve("pixel.list"), seconds);
    measure("header-heavy", select(corpus, HEADER_HEAVY), dir.resolve("header.list"), seconds);
  }

  private static List<Path> select(List<DicomTestCorpus.Entry> corpus, Set<String> names) {
    return corpus.stream()
        .filter(e -> names.contains(e.name()))
        .map(DicomTestCorpus.Entry::file)
        .collect(Collectors.toList());
  }

  private static void measure(String group, List<Path> files, Path list, double seconds)
      throws Exception {
    Files.write(list, files.stream().map(Path::toString).collect(Collectors.toList()));
    long bytesPerRound = 0;
    for (Path file : files) {
      bytesPerRound += Files.size(file);
    }
    round(files); // warm-up: class loading, dictionary, JIT
    round(files);
    long start = System.nanoTime();
    long rounds = 0;
    long deadline = start + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      round(files);
      rounds++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-13s sinfonia  %3d files, %7.1f MiB/round: %8.1f MiB/s %9.1f files/s%n",
        group,
        files.size(),
        bytesPerRound / 1048576.0,
        bytesPerRound * rounds / 1048576.0 / elapsed,
        files.size() * rounds / elapsed);
  }

  private static void round(List<Path> files) throws IOException, DicomParseException {
    for (Path file : files) {
      DicomHeaderReader.read(file, DicomParserOptions.defaults());
    }
  }
}
