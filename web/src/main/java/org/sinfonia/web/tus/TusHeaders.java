package org.sinfonia.web.tus;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.sinfonia.core.upload.ChecksumAlgorithm;
import org.sinfonia.core.upload.UploadChecksum;
import org.sinfonia.core.upload.UploadState;

/**
 * Reads and writes the tus 1.0.0 headers; anything malformed becomes the matching {@link TusErrors}
 * error.
 */
final class TusHeaders {

  static final String VERSION = "1.0.0";
  static final String OFFSET_STREAM = "application/offset+octet-stream";
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final Pattern METADATA_KEY = Pattern.compile("[\\x21-\\x7e&&[^,]]+");
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private static final String UPLOADS_SEGMENT = "/uploads/";

  private TusHeaders() {}

  /**
   * Every tus request but OPTIONS names the protocol version; the 412 tells the client which one we
   * speak.
   */
  static void requireVersion(HttpServerRequest request, HttpServerResponse response) {
    response.putHeader("Tus-Resumable", VERSION);
    String v = request.getHeader("Tus-Resumable");
    if (!VERSION.equals(v)) {
      response.putHeader("Tus-Version", VERSION);
      throw TusErrors.unsupportedVersion(String.valueOf(v));
    }
  }

  static long uploadOffset(HttpServerRequest request) {
    String v = request.getHeader("Upload-Offset");
    if (v == null) {
      throw TusErrors.missingHeader("Upload-Offset");
    }
    return nonNegative("Upload-Offset", v);
  }

  static OptionalLong uploadLength(HttpServerRequest request) {
    String v = request.getHeader("Upload-Length");
    return v == null ? OptionalLong.empty() : OptionalLong.of(nonNegative("Upload-Length", v));
  }

  static boolean deferLength(HttpServerRequest request) {
    String v = request.getHeader("Upload-Defer-Length");
    if (v == null) {
      return false;
    }
    if (!v.trim().equals("1")) {
      throw TusErrors.invalidHeader("Upload-Defer-Length", "the only value is 1");
    }
    return true;
  }

  static OptionalLong contentLength(HttpServerRequest request) {
    String v = request.getHeader("Content-Length");
    return v == null ? OptionalLong.empty() : OptionalLong.of(nonNegative("Content-Length", v));
  }

  /** Whether the request carries upload bytes (always for PATCH; optional on creation). */
  static boolean hasOffsetStream(HttpServerRequest request) {
    String type = request.getHeader("Content-Type");
    return type != null && type.split(";", 2)[0].trim().equalsIgnoreCase(OFFSET_STREAM);
  }

  static void requireOffsetStream(HttpServerRequest request) {
    if (!hasOffsetStream(request)) {
      throw TusErrors.notOffsetStream();
    }
  }

  /**
   * Tells a client that waits for {@code 100 Continue} (tus-java-client does, as HttpURLConnection
   * gives up waiting only after 5 s) to send its body: called once the request is known to be
   * accepted, so a refused PATCH never sends its bytes at all.
   */
  static void acceptBody(HttpServerRequest request, HttpServerResponse response) {
    String expect = request.getHeader("Expect");
    if (expect != null && expect.equalsIgnoreCase("100-continue") && !response.headWritten()) {
      response.writeContinue();
    }
  }

  /**
   * {@code Upload-Metadata: key base64,key2 base64,flag}: keys unique, values base64 of UTF-8 text.
   */
  static Map<String, String> metadata(HttpServerRequest request) {
    String header = request.getHeader("Upload-Metadata");
    Map<String, String> pairs = new LinkedHashMap<>();
    if (header == null || header.isBlank()) {
      return pairs;
    }
    for (String pair : header.split(",", -1)) {
      String[] kv = pair.trim().split(" ", -1);
      if (kv.length > 2 || !METADATA_KEY.matcher(kv[0]).matches()) {
        throw TusErrors.invalidHeader(
            "Upload-Metadata", "expected 'key base64' pairs separated by commas");
      }
      String value = kv.length == 2 ? decode(kv[1]) : "";
      if (pairs.put(kv[0], value) != null) {
        throw TusErrors.invalidHeader("Upload-Metadata", "key '" + kv[0] + "' appears twice");
      }
    }
    return pairs;
  }

  static String encodeMetadata(Map<String, String> metadata) {
    List<String> pairs = new ArrayList<>();
    metadata.forEach(
        (k, v) ->
            pairs.add(
                v.isEmpty()
                    ? k
                    : k
                        + " "
                        + Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return String.join(",", pairs);
  }

  static Optional<UploadChecksum> checksum(HttpServerRequest request) {
    String v = request.getHeader("Upload-Checksum");
    if (v == null) {
      return Optional.empty();
    }
    String[] parts = v.trim().split(" ", -1);
    if (parts.length != 2) {
      throw TusErrors.invalidHeader("Upload-Checksum", "expected '<algorithm> <base64 digest>'");
    }
    ChecksumAlgorithm algorithm =
        ChecksumAlgorithm.byTusName(parts[0])
            .orElseThrow(() -> TusErrors.unknownChecksumAlgorithm(parts[0]));
    try {
      return Optional.of(new UploadChecksum(algorithm, Base64.getDecoder().decode(parts[1])));
    } catch (IllegalArgumentException e) {
      throw TusErrors.invalidHeader("Upload-Checksum", "the digest is not base64");
    }
  }

  /**
   * {@code partial}, or {@code final;URL URL ...} naming earlier partial uploads of this server.
   */
  static ConcatRequest concat(HttpServerRequest request) {
    String v = request.getHeader("Upload-Concat");
    if (v == null) {
      return ConcatRequest.NONE;
    }
    String value = v.trim();
    if (value.equals("partial")) {
      return ConcatRequest.PARTIAL;
    }
    if (!value.startsWith("final;")) {
      throw TusErrors.invalidHeader("Upload-Concat", "expected 'partial' or 'final;<upload URLs>'");
    }
    List<String> ids = new ArrayList<>();
    for (String url : value.substring("final;".length()).trim().split("\\s+")) {
      int at = url.lastIndexOf(UPLOADS_SEGMENT);
      String id = at < 0 ? "" : url.substring(at + UPLOADS_SEGMENT.length());
      if (id.isEmpty() || id.contains("/") || id.length() > 64) {
        throw TusErrors.invalidHeader(
            "Upload-Concat", "'" + url + "' is not an upload of this server");
      }
      ids.add(id);
    }
    return new ConcatRequest(UploadState.Concat.FINAL, ids);
  }

  /** The state every HEAD, PATCH and creation response reports. */
  static void describe(HttpServerResponse response, UploadState upload, String uploadsUrl) {
    response.putHeader("Upload-Offset", Long.toString(upload.offset()));
    if (upload.lengthDeferred()) {
      response.putHeader("Upload-Defer-Length", "1");
    } else {
      response.putHeader("Upload-Length", Long.toString(upload.length()));
    }
    if (!upload.allBytesReceived() && upload.expiresAt() != null) {
      response.putHeader("Upload-Expires", HTTP_DATE.format(upload.expiresAt()));
    }
    if (upload.partial()) {
      response.putHeader("Upload-Concat", "partial");
    } else if (upload.finalConcatenation()) {
      response.putHeader(
          "Upload-Concat",
          "final;"
              + String.join(" ", upload.parts().stream().map(p -> uploadsUrl + "/" + p).toList()));
    }
    if (upload.fileId() != null) {
      response.putHeader("Sinfonia-File-Id", upload.fileId());
    }
  }

  static String httpDate(Instant instant) {
    return HTTP_DATE.format(instant);
  }

  private static long nonNegative(String header, String value) {
    String v = value.trim();
    if (!DIGITS.matcher(v).matches()) {
      throw TusErrors.invalidHeader(
          header, "expected a non-negative integer, was '" + abbreviate(v) + "'");
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw TusErrors.invalidHeader(header, "too large");
    }
  }

  private static String decode(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw TusErrors.invalidHeader("Upload-Metadata", "a value is not base64 of UTF-8 text");
    }
  }

  private static String abbreviate(String v) {
    return v.length() > 32 ? v.substring(0, 32) + "..." : v;
  }
}
