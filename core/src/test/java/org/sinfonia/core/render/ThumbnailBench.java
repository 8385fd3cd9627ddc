package org.sinfonia.core.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * Thumbnails per second for 512 x 512 16-bit CT images (run by core/bench/thumbnail-bench.sh):
 * generates the files with dcmtk (native explicit VR LE and JPEG lossless SV1), writes their lists
 * for the script's dcmj2pnm run, then renders 128-pixel thumbnails to PNG on one thread, warmed up,
 * for at least the given seconds per group. Headers are parsed once up front, as the thumbnail
 * worker gets them from the index; a second figure includes parsing the header. Rates are given per
 * second of wall time and per second of this thread's CPU time: on a shared machine the second is
 * the steadier figure.
 */
public final class ThumbnailBench {

  private static final int FILES = 16;
  private static final int SIDE = 512;
  private static final int WARM_UP_RENDERS = 500;

  private ThumbnailBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
    List<Path> nativeFiles = new ArrayList<>();
    List<Path> losslessFiles = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      int[] pixels = TestPixels.grey(SIDE, SIDE, 1, 0, 4095, 100 + i);
      Files.write(dir.resolve("ct" + i + ".raw"), TestPixels.bytes(pixels, 16));
      DumpBuilder dump =
          new DumpBuilder()
              .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.2")
              .text("(0008,0018)", "UI", "2.25." + (990000 + i))
              .text("(0008,0060)", "CS", "CT")
              .raw("(0028,0002)", "US", "1")
              .text("(0028,0004)", "CS", "MONOCHROME2")
              .raw("(0028,0010)", "US", String.valueOf(SIDE))
              .raw("(0028,0011)", "US", String.valueOf(SIDE))
              .raw("(0028,0100)", "US", "16")
              .raw("(0028,0101)", "US", "12")
              .raw("(0028,0102)", "US", "11")
              .raw("(0028,0103)", "US", "0")
              .text("(0028,1050)", "DS", "40")
              .text("(0028,1051)", "DS", "400")
              .text("(0028,1052)", "DS", "-1024")
              .text("(0028,1053)", "DS", "1")
              .raw("(7fe0,0010)", "OW", "=ct" + i + ".raw");
      Files.write(dir.resolve("ct" + i + ".txt"), dump.toBytes());
      Dcmtk.run(dir, List.of("dump2dcm", "-q", "ct" + i + ".txt", "ct" + i + ".dcm"));
      Dcmtk.run(dir, List.of("dcmcjpeg", "-q", "+e1", "ct" + i + ".dcm", "ct" + i + "-sv1.dcm"));
      nativeFiles.add(dir.resolve("ct" + i + ".dcm"));
      losslessFiles.add(dir.resolve("ct" + i + "-sv1.dcm"));
    }
    writeList(dir.resolve("native.list"), nativeFiles);
    writeList(dir.resolve("jpeg-lossless.list"), losslessFiles);
    run("native", nativeFiles, seconds);
    run("jpeg-lossless", losslessFiles, seconds);
  }

  private static void run(String group, List<Path> files, double seconds) throws Exception {
    List<DicomDataset> headers = new ArrayList<>();
    for (Path file : files) {
      headers.add(DicomHeaderReader.read(file, DicomParserOptions.defaults()));
    }
    DicomRenderer renderer = new DicomRenderer();
    for (int i = 0;
        i < WARM_UP_RENDERS;
        i++) { // by count, not time: on a busy machine the JIT lags
      renderer
          .render(
              files.get(i % files.size()), headers.get(i % files.size()), RenderRequest.thumbnail())
          .png();
    }
    double[] renderOnly = measure(renderer, files, headers, seconds, false);
    double[] withHeader = measure(renderer, files, headers, seconds, true);
    System.out.printf(
        Locale.ROOT,
        "%-14s sinfonia  %3d files: %8.1f thumbnails/s wall, %8.1f per CPU-s"
            + " (header parsed too: %8.1f wall, %8.1f per CPU-s)%n",
        group,
        files.size(),
        renderOnly[0],
        renderOnly[1],
        withHeader[0],
        withHeader[1]);
  }

  /** Thumbnails per wall-clock second and per CPU second of this thread. */
  private static double[] measure(
      DicomRenderer renderer,
      List<Path> files,
      List<DicomDataset> headers,
      double seconds,
      boolean parseHeader)
      throws Exception {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long count = 0;
    long bytes = 0;
    while (System.nanoTime() < deadline || count < files.size()) {
      int i = (int) (count % files.size());
      DicomDataset header =
          parseHeader
              ? DicomHeaderReader.read(files.get(i), DicomParserOptions.defaults())
              : headers.get(i);
      RenderResult result = renderer.render(files.get(i), header, RenderRequest.thumbnail());
      if (!result.rendered()) {
        throw new IllegalStateException(files.get(i) + ": " + result.failure());
      }
      bytes += result.png().length;
      count++;
    }
    if (bytes == 0) {
      throw new IllegalStateException("no PNG bytes");
    }
    return new double[] {
      count / ((System.nanoTime() - start) / 1e9),
      count / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9)
    };
  }

  private static void writeList(Path list, List<Path> files) throws IOException {
    Files.write(list, files.stream().map(Path::toString).toList());
  }
}
