package org.sinfonia.core.error;

import java.util.Map;

/**
 * The one error type every door (HTTP, DICOMweb, tus, SFTP) translates into its own status: a kind
 * that decides the status, a stable machine-readable code and a message safe to show a client.
 */
public final class ApiError extends RuntimeException {

  /** What went wrong, in terms a protocol mapper can turn into a status. */
  public enum Kind {
    BAD_REQUEST,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    NOT_ACCEPTABLE,
    CONFLICT,
    GONE,
    PRECONDITION,
    TOO_LARGE,
    /** The request is well formed but its content is refused (422): a policy on what it holds. */
    UNPROCESSABLE,
    UNSUPPORTED_MEDIA_TYPE,
    LOCKED,
    TOO_MANY_REQUESTS,
    RANGE_NOT_SATISFIABLE,
    CHECKSUM,
    UNAVAILABLE,
    INSUFFICIENT_STORAGE,
    INTERNAL
  }

  private final Kind kind;
  private final String code;
  private final Map<String, Object> details;

  public ApiError(Kind kind, String code, String message) {
    this(kind, code, message, null);
  }

  public ApiError(Kind kind, String code, String message, Throwable cause) {
    this(kind, code, message, cause, Map.of());
  }

  /** With {@code details}: more members of the JSON error body, beside error and message. */
  public ApiError(
      Kind kind, String code, String message, Throwable cause, Map<String, Object> details) {
    super(message, cause, false, false);
    this.kind = kind;
    this.code = code;
    this.details = Map.copyOf(details);
  }

  /** Members the error body carries besides {@code error} and {@code message} (often none). */
  public Map<String, Object> details() {
    return details;
  }

  public Kind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public static ApiError badRequest(String code, String format, Object... args) {
    return new ApiError(Kind.BAD_REQUEST, code, String.format(format, args));
  }

  public static ApiError unauthenticated(String code, String format, Object... args) {
    return new ApiError(Kind.UNAUTHENTICATED, code, String.format(format, args));
  }

  public static ApiError forbidden(String code, String format, Object... args) {
    return new ApiError(Kind.FORBIDDEN, code, String.format(format, args));
  }

  public static ApiError notFound(String code, String format, Object... args) {
    return new ApiError(Kind.NOT_FOUND, code, String.format(format, args));
  }

  public static ApiError notAcceptable(String code, String format, Object... args) {
    return new ApiError(Kind.NOT_ACCEPTABLE, code, String.format(format, args));
  }

  public static ApiError conflict(String code, String format, Object... args) {
    return new ApiError(Kind.CONFLICT, code, String.format(format, args));
  }

  public static ApiError gone(String code, String format, Object... args) {
    return new ApiError(Kind.GONE, code, String.format(format, args));
  }

  public static ApiError precondition(String code, String format, Object... args) {
    return new ApiError(Kind.PRECONDITION, code, String.format(format, args));
  }

  public static ApiError tooLarge(String code, String format, Object... args) {
    return new ApiError(Kind.TOO_LARGE, code, String.format(format, args));
  }

  public static ApiError unsupportedMediaType(String code, String format, Object... args) {
    return new ApiError(Kind.UNSUPPORTED_MEDIA_TYPE, code, String.format(format, args));
  }

  public static ApiError tooManyRequests(String code, String format, Object... args) {
    return new ApiError(Kind.TOO_MANY_REQUESTS, code, String.format(format, args));
  }

  public static ApiError unavailable(String code, String format, Object... args) {
    return new ApiError(Kind.UNAVAILABLE, code, String.format(format, args));
  }

  public static ApiError insufficientStorage(String code, String format, Object... args) {
    return new ApiError(Kind.INSUFFICIENT_STORAGE, code, String.format(format, args));
  }

  public static ApiError unprocessable(
      String code, Map<String, Object> details, String format, Object... args) {
    return new ApiError(Kind.UNPROCESSABLE, code, String.format(format, args), null, details);
  }
}
