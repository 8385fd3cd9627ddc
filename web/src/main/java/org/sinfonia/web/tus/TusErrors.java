package org.sinfonia.web.tus;

import org.sinfonia.core.error.ApiError;

/**
 * Every error the tus door answers with, declared together (as tusd does) so each keeps a stable
 * code and a status chosen for how clients react: tus clients retry 423 and 5xx, resynchronise on
 * 409, give up on 4xx.
 */
public final class TusErrors {

  private TusErrors() {}

  public static ApiError unsupportedVersion(String got) {
    return ApiError.precondition(
        "TUS_VERSION_UNSUPPORTED", "Tus-Resumable '%s' is not supported; use 1.0.0", got);
  }

  public static ApiError notFound(String id) {
    return ApiError.notFound("UPLOAD_NOT_FOUND", "no upload %s", id);
  }

  public static ApiError expired(String id) {
    return ApiError.gone("UPLOAD_EXPIRED", "upload %s has expired", id);
  }

  public static ApiError offsetMismatch(long expected, long got) {
    return ApiError.conflict(
        "UPLOAD_OFFSET_MISMATCH", "Upload-Offset is %d, the request said %d", expected, got);
  }

  public static ApiError missingHeader(String header) {
    return ApiError.badRequest("MISSING_" + code(header), "the %s header is required", header);
  }

  public static ApiError invalidHeader(String header, String why) {
    return ApiError.badRequest("INVALID_" + code(header), "%s: %s", header, why);
  }

  public static ApiError lengthAndDeferral() {
    return ApiError.badRequest(
        "INVALID_UPLOAD_LENGTH", "send either Upload-Length or Upload-Defer-Length: 1");
  }

  public static ApiError lengthAlreadySet() {
    return ApiError.badRequest("UPLOAD_LENGTH_ALREADY_SET", "the upload's length is already known");
  }

  public static ApiError tooLarge(long max) {
    return ApiError.tooLarge(
        "UPLOAD_TOO_LARGE", "uploads are limited to %d bytes (Tus-Max-Size)", max);
  }

  public static ApiError exceedsLength(long length) {
    return ApiError.tooLarge(
        "UPLOAD_SIZE_EXCEEDED", "the request would take the upload past its %d bytes", length);
  }

  public static ApiError notOffsetStream() {
    return ApiError.unsupportedMediaType(
        "INVALID_CONTENT_TYPE", "PATCH bodies are application/offset+octet-stream");
  }

  public static ApiError unknownChecksumAlgorithm(String name) {
    return ApiError.badRequest(
        "UNSUPPORTED_CHECKSUM_ALGORITHM", "checksum algorithm '%s' is not supported", name);
  }

  public static ApiError finalNotPatchable() {
    return ApiError.forbidden("UPLOAD_IS_FINAL", "a final concatenation cannot be patched");
  }

  public static ApiError partNotReady(String id) {
    return ApiError.badRequest(
        "PARTIAL_UPLOAD_INCOMPLETE", "partial upload %s has not received all its bytes", id);
  }

  public static ApiError notAPartialUpload(String id) {
    return ApiError.badRequest(
        "NOT_A_PARTIAL_UPLOAD", "upload %s was not created with Upload-Concat: partial", id);
  }

  public static ApiError filenameRequired() {
    return ApiError.badRequest("MISSING_FILENAME", "Upload-Metadata must include filename");
  }

  /**
   * The PATCH's bytes did not match its Upload-Checksum; they were discarded and the offset stays.
   */
  public static ApiError checksumMismatch(String algorithm) {
    return new ApiError(
        ApiError.Kind.CHECKSUM,
        "CHECKSUM_MISMATCH",
        "the request's bytes do not match its "
            + algorithm
            + " Upload-Checksum; they were discarded");
  }

  /** The body broke off; what arrived is kept. 5xx so that clients retry (after a HEAD). */
  public static ApiError interrupted(long offset) {
    return ApiError.unavailable(
        "UPLOAD_INTERRUPTED", "the request body broke off; the upload is at offset %d", offset);
  }

  /** The upload's stored bytes are missing or shorter than recorded: nothing can resume it. */
  public static ApiError bytesLost(String id) {
    return ApiError.gone(
        "UPLOAD_BYTES_LOST", "the stored bytes of upload %s are gone; start again", id);
  }

  public static ApiError extensionUnavailable(String extension) {
    return ApiError.badRequest(
        "TUS_EXTENSION_UNAVAILABLE", "this server does not offer the %s extension", extension);
  }

  private static String code(String header) {
    return header.toUpperCase().replace('-', '_');
  }
}
