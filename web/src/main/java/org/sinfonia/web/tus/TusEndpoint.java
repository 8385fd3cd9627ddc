package org.sinfonia.web.tus;

import io.vertx.ext.web.RoutingContext;
import org.sinfonia.web.HttpApi;

/**
 * Where the tus endpoint is and how much it takes.
 *
 * @param maxSize the largest upload ({@code Tus-Max-Size})
 * @param publicUrl the base URL clients use (behind a proxy); empty = the one the request came in
 *     on
 */
public record TusEndpoint(long maxSize, String publicUrl) {

  static final String PATH = HttpApi.API_PREFIX + "/uploads";

  /**
   * Absolute URL of the uploads collection, for {@code Location} and {@code Upload-Concat} values.
   */
  String uploadsUrl(RoutingContext rc) {
    if (!publicUrl.isBlank()) {
      return publicUrl.replaceAll("/+$", "") + PATH;
    }
    String absolute = rc.request().absoluteURI();
    int at = absolute.indexOf(PATH);
    return at < 0 ? PATH : absolute.substring(0, at + PATH.length());
  }
}
