package org.sinfonia.web.dicomweb;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;

/**
 * The URLs DICOMweb responses point to (RetrieveURL, BulkDataURI): the configured public URL, else
 * the request's.
 */
public final class DicomWebUrls {

  public static final String PREFIX = "/dicom-web";

  private final String publicUrl;

  public DicomWebUrls(String publicUrl) {
    this.publicUrl = publicUrl == null ? "" : publicUrl.replaceAll("/+$", "");
  }

  /**
   * {@code https://host/dicom-web} or {@code .../dicom-web/folders/{id}}: the root the request came
   * through.
   */
  public String root(RoutingContext rc) {
    String folder = rc.pathParam("folderId");
    return origin(rc.request()) + PREFIX + (folder == null ? "" : "/folders/" + folder);
  }

  private String origin(HttpServerRequest request) {
    if (!publicUrl.isEmpty()) {
      return publicUrl;
    }
    HostAndPort authority = request.authority();
    String host =
        authority == null
            ? "localhost"
            : authority.host() + (authority.port() > 0 ? ":" + authority.port() : "");
    return request.scheme() + "://" + host;
  }

  public static String study(String root, String study) {
    return root + "/studies/" + study;
  }

  public static String series(String root, String study, String series) {
    return study(root, study) + "/series/" + series;
  }

  public static String instance(String root, String study, String series, String instance) {
    return series(root, study, series) + "/instances/" + instance;
  }
}
