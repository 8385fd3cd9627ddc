package org.sinfonia.core.render.output;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A 5x7 bitmap font (upper case, digits, common punctuation) for placeholder and legend text. Ours
 * rather than AWT's fonts: the result is the same on every machine, with or without fonts
 * installed, so test images can be compared by checksum. Lower case prints as upper case and
 * unknown characters as '?'.
 */
public final class PixelFont {

  /** Glyph cell: 5 columns of ink and one of spacing, 7 rows of ink and two of spacing. */
  public static final int CELL_WIDTH = 6;

  public static final int CELL_HEIGHT = 9;

  private static final Map<Character, String> GLYPHS = glyphs();

  private PixelFont() {}

  /** Width in pixels of {@code text} at {@code scale}. */
  public static int width(String text, int scale) {
    return Math.max(0, text.length() * CELL_WIDTH - 1) * scale;
  }

  /** Draws {@code text} with its top-left corner at x, y; pixels outside the image are skipped. */
  public static void draw(BufferedImage image, String text, int x, int y, int scale, int rgb) {
    String upper = text.toUpperCase(Locale.ROOT);
    for (int c = 0; c < upper.length(); c++) {
      String glyph = GLYPHS.getOrDefault(upper.charAt(c), GLYPHS.get('?'));
      for (int row = 0; row < 7; row++) {
        for (int column = 0; column < 5; column++) {
          if (glyph.charAt(row * 5 + column) == '1') {
            fill(image, x + (c * CELL_WIDTH + column) * scale, y + row * scale, scale, rgb);
          }
        }
      }
    }
  }

  /** Splits {@code text} into lines of at most {@code maxChars}, at spaces where possible. */
  public static List<String> wrap(String text, int maxChars) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      while (word.length() > maxChars) {
        if (line.length() > 0) {
          lines.add(line.toString());
          line.setLength(0);
        }
        lines.add(word.substring(0, maxChars));
        word = word.substring(maxChars);
      }
      if (line.length() > 0 && line.length() + 1 + word.length() > maxChars) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static void fill(BufferedImage image, int x, int y, int scale, int rgb) {
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        if (x + dx >= 0 && y + dy >= 0 && x + dx < image.getWidth() && y + dy < image.getHeight()) {
          image.setRGB(x + dx, y + dy, rgb);
        }
      }
    }
  }

  private static Map<Character, String> glyphs() {
    String[] rows = {
      "A 01110100011000111111100011000110001",
      "B 11110100011000111110100011000111110",
      "C 01110100011000010000100001000101110",
      "D 11110100011000110001100011000111110",
      "E 11111100001000011110100001000011111",
      "F 11111100001000011110100001000010000",
      "G 01110100011000010111100011000101111",
      "H 10001100011000111111100011000110001",
      "I 01110001000010000100001000010001110",
      "J 00111000100001000010000101001001100",
      "K 10001100101010011000101001001010001",
      "L 10000100001000010000100001000011111",
      "M 10001110111010110101100011000110001",
      "N 10001100011100110101100111000110001",
      "O 01110100011000110001100011000101110",
      "P 11110100011000111110100001000010000",
      "Q 01110100011000110001101011001001101",
      "R 11110100011000111110101001001010001",
      "S 01111100001000001110000010000111110",
      "T 11111001000010000100001000010000100",
      "U 10001100011000110001100011000101110",
      "V 10001100011000110001100010101000100",
      "W 10001100011000110101101011010101010",
      "X 10001100010101000100010101000110001",
      "Y 10001100011000101010001000010000100",
      "Z 11111000010001000100010001000011111",
      "0 01110100011001110101110011000101110",
      "1 00100011000010000100001000010001110",
      "2 01110100010000100010001000100011111",
      "3 11111000100010000010000011000101110",
      "4 00010001100101010010111110001000010",
      "5 11111100001111000001000011000101110",
      "6 00110010001000011110100011000101110",
      "7 11111000010001000100010000100001000",
      "8 01110100011000101110100011000101110",
      "9 01110100011000101111000010001001100",
      ". 00000000000000000000000000110001100",
      ", 00000000000000000000011000010001000",
      ": 00000011000110000000011000110000000",
      "- 00000000000000011111000000000000000",
      "_ 00000000000000000000000000000011111",
      "/ 00000000010001000100010001000000000",
      "( 00010001000100001000010000010000010",
      ") 01000001000001000010000100010001000",
      "% 11000110010001000100010001001100011",
      "+ 00000001000010011111001000010000000",
      "= 00000000001111100000111110000000000",
      "' 01100001000100000000000000000000000",
      "? 01110100010000100010001000000000100",
      "> 01000001000001000001000100010001000",
      "< 00010001000100010000010000010000010",
      "# 01010010101111101010111110101001010",
      "* 00000001001010101110101010010000000",
      "[ 01110010000100001000010000100001110",
      "] 01110000100001000010000100001001110",
      "  00000000000000000000000000000000000",
    };
    Map<Character, String> glyphs = new HashMap<>();
    for (String row : rows) {
      glyphs.put(row.charAt(0), row.substring(2));
    }
    return glyphs;
  }
}
