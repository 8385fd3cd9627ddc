package org.sinfonia.web.preview;

import io.vertx.core.MultiMap;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.render.RenderRequest;
import org.sinfonia.core.render.display.Window;
import org.sinfonia.core.render.output.RenderSize;

/**
 * What preview is asked for: the size (longest side 128, 512, or the image's own), the frame (from
 * 1; the middle one when absent), a window replacing the file's ({@code window=CENTER,WIDTH}) and
 * the encoding. Its {@link #key()} is the part of a cache key that is not the file's content.
 */
public record PreviewParams(
    RenderSize size, OptionalInt frame, Optional<Window> window, ImageFormat format) {

  private static final int MAX_FRAME = 1 << 24;

  public static PreviewParams of(RenderSize size) {
    return new PreviewParams(size, OptionalInt.empty(), Optional.empty(), ImageFormat.PNG);
  }

  public static PreviewParams thumbnail() {
    return of(RenderSize.THUMBNAIL);
  }

  /**
   * {@code ?size=128|512|full&frame=N&window=C,W}; defaults: 512, the middle frame, the file's
   * window.
   */
  public static PreviewParams parse(MultiMap query) {
    return new PreviewParams(
        size(query.get("size")),
        frame(query.get("frame")),
        window(query.get("window")),
        ImageFormat.PNG);
  }

  public static RenderSize size(String value) {
    if (value == null || value.isBlank()) {
      return RenderSize.PREVIEW;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "128", "thumbnail" -> RenderSize.THUMBNAIL;
      case "512", "preview" -> RenderSize.PREVIEW;
      case "full" -> RenderSize.FULL;
      default ->
          throw ApiError.badRequest(
              "INVALID_PREVIEW_SIZE", "size is 128, 512 or full, not '%s'", abbreviate(value));
    };
  }

  private static OptionalInt frame(String value) {
    if (value == null || value.isBlank()) {
      return OptionalInt.empty();
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= MAX_FRAME) {
        return OptionalInt.of(n);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest(
        "INVALID_FRAME", "frames are numbered from 1, not '%s'", abbreviate(value));
  }

  private static Optional<Window> window(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String[] parts = value.split(",");
    try {
      if (parts.length == 2) {
        return Optional.of(
            new Window(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim())));
      }
    } catch (IllegalArgumentException e) {
      // NumberFormatException included: answered below
    }
    throw ApiError.badRequest(
        "INVALID_WINDOW",
        "window is CENTER,WIDTH with a width of at least 1, not '%s'",
        abbreviate(value));
  }

  private static String abbreviate(String v) {
    String s = v.replaceAll("[^\\x20-\\x7e]", "?");
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  public PreviewParams withFormat(ImageFormat f) {
    return new PreviewParams(size, frame, window, f);
  }

  public PreviewParams withFrame(int number) {
    return new PreviewParams(size, OptionalInt.of(number), window, format);
  }

  /** The renderer's request for these parameters. */
  public RenderRequest request() {
    return new RenderRequest(frame, size, window);
  }

  /** {@code 128|f3|w40_400|png}: the parameters' part of a cache key and an entity tag. */
  public String key() {
    String s = size == RenderSize.FULL ? "full" : Integer.toString(size.longestSide());
    String f = frame.isPresent() ? "f" + frame.getAsInt() : "fm";
    String w = window.map(x -> "w" + number(x.center()) + "_" + number(x.width())).orElse("wf");
    return s + "|" + f + "|" + w + "|" + format.key();
  }

  private static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
