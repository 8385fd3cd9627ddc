package org.sinfonia.core.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An 8-bit binary PGM (P5) or PPM (P6) image as dcmtk's {@code dcmj2pnm +op} writes it.
 *
 * @param width columns
 * @param height rows
 * @param channels 1 (grey) or 3 (RGB)
 * @param samples {@code width * height * channels} values 0..255, interleaved
 */
record Pnm(int width, int height, int channels, int[] samples) {

  static Pnm read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int[] position = {0};
    String magic = token(bytes, position);
    int width = Integer.parseInt(token(bytes, position));
    int height = Integer.parseInt(token(bytes, position));
    int max = Integer.parseInt(token(bytes, position));
    if (max != 255 || !(magic.equals("P5") || magic.equals("P6"))) {
      throw new IOException(
          file + ": not an 8-bit binary PGM/PPM (" + magic + ", max " + max + ")");
    }
    int channels = magic.equals("P5") ? 1 : 3;
    int start = position[0] + 1; // one whitespace byte after the maximum value
    int[] samples = new int[width * height * channels];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = bytes[start + i] & 0xFF;
    }
    return new Pnm(width, height, channels, samples);
  }

  private static String token(byte[] bytes, int[] position) {
    int p = position[0];
    while (Character.isWhitespace(bytes[p]) || bytes[p] == '#') {
      if (bytes[p] == '#') {
        while (bytes[p] != '\n') {
          p++;
        }
      }
      p++;
    }
    int start = p;
    while (!Character.isWhitespace(bytes[p])) {
      p++;
    }
    position[0] = p;
    return new String(bytes, start, p - start, java.nio.charset.StandardCharsets.US_ASCII);
  }
}
