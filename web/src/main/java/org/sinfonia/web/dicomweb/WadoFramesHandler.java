package org.sinfonia.web.dicomweb;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.blob.BlobBodies;

/**
 * WADO-RS frames ({@code .../instances/{uid}/frames/1,3,5}, PS3.18 10.4.1.1.4) without decoding
 * anything: a native frame is a byte slice of the stored pixel data; an encapsulated frame is its
 * fragments, found by one-fragment-per-frame, the Basic Offset Table, or all fragments of a
 * single-frame image.
 */
public final class WadoFramesHandler {

  private static final String OCTETS = "application/octet-stream";
  private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
  private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

  private final Vertx vertx;
  private final DicomIndexReader index;
  private final DicomScopes scopes;
  private final BlobStore blobs;

  public WadoFramesHandler(
      Vertx vertx, DicomIndexReader index, DicomScopes scopes, BlobStore blobs) {
    this.vertx = vertx;
    this.index = index;
    this.scopes = scopes;
    this.blobs = blobs;
  }

  void frames(RoutingContext rc) {
    List<Integer> numbers = frameNumbers(rc.pathParam("frames"));
    String accept = rc.request().getHeader("Accept");
    scopes
        .of(rc)
        .compose(
            scope ->
                index.instances(
                    scope, rc.pathParam("study"), rc.pathParam("series"), rc.pathParam("instance")))
        .compose(
            found -> {
              if (found.isEmpty()) {
                throw ApiError.notFound("NOT_FOUND", "no such instance");
              }
              DicomIndexReader.StoredInstance i = found.get(0);
              JsonObject pd = i.pixelData();
              if (pd == null) {
                throw ApiError.notFound(
                    "NO_PIXEL_DATA", "instance %s has no pixel data", i.sopInstanceUid());
              }
              boolean encapsulated = pd.containsKey("fragments");
              String ts = i.transferSyntaxUid();
              String partType = negotiate(accept, encapsulated, ts);
              int frames = intOf(pd, "frames", i.attrs(), "00280008", 1);
              List<MultipartWriter.Part> parts = new ArrayList<>();
              String sha = i.sha256();
              for (int n : numbers) {
                if (n > frames) {
                  throw ApiError.notFound(
                      "FRAME_NOT_FOUND",
                      "instance %s has %d frame(s), not %d",
                      i.sopInstanceUid(),
                      frames,
                      n);
                }
                List<long[]> ranges =
                    encapsulated
                        ? fragmentsOf(pd, n, frames)
                        : List.of(nativeFrame(pd, i.attrs(), n));
                String type =
                    encapsulated
                        ? partType + "; transfer-syntax=" + ts
                        : OCTETS
                            + "; transfer-syntax="
                            + (ts.equals(IMPLICIT_LE) ? EXPLICIT_LE : ts);
                parts.add(new MultipartWriter.Part(type, sha, ranges, null));
              }
              return new MultipartWriter(new BlobBodies(vertx, blobs), rc.response())
                  .begin(200, encapsulated ? partType : OCTETS)
                  .write(parts);
            })
        .onFailure(rc::fail);
  }

  static List<Integer> frameNumbers(String text) {
    List<Integer> out = new ArrayList<>();
    for (String s : String.valueOf(text).split(",")) {
      try {
        int n = Integer.parseInt(s.trim());
        if (n < 1) {
          throw new NumberFormatException();
        }
        out.add(n);
      } catch (NumberFormatException e) {
        throw ApiError.badRequest(
            "INVALID_FRAME_LIST",
            "frame numbers are positive integers separated by commas, " + "not '%s'",
            text);
      }
    }
    return out;
  }

  /**
   * The media type of the frames' parts, or 406 when the Accept header admits none that can be
   * served.
   */
  static String negotiate(String accept, boolean encapsulated, String ts) {
    String compressed = encapsulated ? compressedType(ts) : OCTETS;
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      String syntax = r.param("transfer-syntax");
      boolean anySyntax = syntax == null || syntax.equals("*");
      String inner = r.type().equals("multipart/related") ? r.param("type") : r.type();
      if (inner == null || inner.equals("*/*")) {
        return compressed;
      }
      inner = inner.toLowerCase(java.util.Locale.ROOT);
      if (!encapsulated
          && inner.equals(OCTETS)
          && (anySyntax
              || syntax.equals(ts)
              || syntax.equals(EXPLICIT_LE) && ts.equals(IMPLICIT_LE))) {
        return OCTETS;
      }
      if (encapsulated
          && (inner.equals(compressed) || inner.equals("image/*"))
          && (anySyntax || syntax.equals(ts))) {
        return compressed;
      }
      if (encapsulated && inner.equals(OCTETS) && "*".equals(syntax)) {
        return compressed; // "any transfer syntax": the stored, compressed frames
      }
    }
    throw ApiError.notAcceptable(
        "TRANSFER_SYNTAX_UNAVAILABLE",
        encapsulated
            ? "the frames are stored compressed (%s) and Sinfonia does not decode them: accept %s or "
                + "application/octet-stream with transfer-syntax=*"
            : "the frames are native (%s): accept %s",
        ts,
        compressed);
  }

  static String compressedType(String ts) {
    return switch (ts) {
      case "1.2.840.10008.1.2.4.50",
          "1.2.840.10008.1.2.4.51",
          "1.2.840.10008.1.2.4.57",
          "1.2.840.10008.1.2.4.70" ->
          "image/jpeg";
      case "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81" -> "image/jls";
      case "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91" -> "image/jp2";
      case "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93" -> "image/jpx";
      case "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203" ->
          "image/jphc";
      case "1.2.840.10008.1.2.5" -> "image/dicom-rle";
      case "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101" -> "video/mpeg";
      case "1.2.840.10008.1.2.4.102",
          "1.2.840.10008.1.2.4.103",
          "1.2.840.10008.1.2.4.104",
          "1.2.840.10008.1.2.4.105",
          "1.2.840.10008.1.2.4.106" ->
          "video/mp4";
      default -> OCTETS;
    };
  }

  private static long[] nativeFrame(JsonObject pd, JsonObject attrs, int n) {
    long rows = intOf(pd, "rows", attrs, "00280010", 0);
    long columns = intOf(pd, "columns", attrs, "00280011", 0);
    long samples = intOf(pd, "samplesPerPixel", attrs, "00280002", 1);
    long bits = intOf(pd, "bitsAllocated", attrs, "00280100", 0);
    if (rows == 0 || columns == 0 || bits == 0 || bits % 8 != 0) {
      throw ApiError.notAcceptable(
          "FRAMES_NOT_LOCATABLE",
          "the frame size cannot be derived (rows %d, columns %d, " + "bits allocated %d)",
          rows,
          columns,
          bits);
    }
    long size = rows * columns * samples * bits / 8;
    long offset = pd.getLong("offset") + (n - 1) * size;
    if (offset + size > pd.getLong("offset") + pd.getLong("length")) {
      throw ApiError.notFound("FRAME_NOT_FOUND", "frame %d lies beyond the pixel data", n);
    }
    return new long[] {offset, size};
  }

  private static List<long[]> fragmentsOf(JsonObject pd, int n, int frames) {
    JsonArray fragments = pd.getJsonArray("fragments", new JsonArray());
    List<long[]> all = new ArrayList<>();
    for (int k = 0; k < fragments.size(); k++) {
      JsonArray f = fragments.getJsonArray(k);
      all.add(new long[] {f.getLong(0), f.getLong(1)});
    }
    if (all.isEmpty()) {
      throw ApiError.notFound("FRAME_NOT_FOUND", "the pixel data has no fragments");
    }
    if (frames == 1) {
      return all;
    }
    if (all.size() == frames) {
      return List.of(all.get(n - 1));
    }
    JsonArray bot = pd.getJsonArray("basicOffsetTable", new JsonArray());
    if (bot.size() != frames) {
      throw ApiError.notAcceptable(
          "FRAMES_NOT_LOCATABLE",
          "%d fragments for %d frames and no Basic Offset Table: "
              + "frame boundaries cannot be found without decoding",
          all.size(),
          frames);
    }
    long firstItem = all.get(0)[0] - 8;
    long from = bot.getLong(n - 1);
    long to = n < frames ? bot.getLong(n) : Long.MAX_VALUE;
    List<long[]> out = new ArrayList<>();
    for (long[] f : all) {
      long at = f[0] - 8 - firstItem;
      if (at >= from && at < to) {
        out.add(f);
      }
    }
    return out;
  }

  static int intOf(JsonObject pd, String field, JsonObject attrs, String key, int fallback) {
    Object v = pd.getValue(field);
    if (v instanceof Number num) {
      return num.intValue();
    }
    JsonObject a = attrs == null ? null : attrs.getJsonObject(key);
    JsonArray values = a == null ? null : a.getJsonArray("Value");
    if (values != null && !values.isEmpty()) {
      Object x = values.getValue(0);
      if (x instanceof Number num) {
        return num.intValue();
      }
      try {
        return Integer.parseInt(String.valueOf(x).trim());
      } catch (NumberFormatException ignored) {
        return fallback;
      }
    }
    return fallback;
  }
}
