package org.sinfonia.web.dicomweb;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.dicomweb.EncodedDataset;
import org.sinfonia.core.dicomweb.QidoQuery;
import org.sinfonia.core.error.ApiError;

/**
 * QIDO-RS (PS3.18 10.6) at one level, given as a parameter (one handler, not three): the query is
 * parsed into a {@link QidoQuery}, the index answers with what the caller can read, and each match
 * is cut down to the attributes the standard and {@code includefield} ask for, plus its
 * RetrieveURL.
 */
public final class QidoHandler {

  private final DicomIndexReader index;
  private final DicomScopes scopes;
  private final DicomWebUrls urls;
  private final int maxLimit;

  public QidoHandler(DicomIndexReader index, DicomScopes scopes, DicomWebUrls urls, int maxLimit) {
    this.index = index;
    this.scopes = scopes;
    this.urls = urls;
    this.maxLimit = maxLimit;
  }

  void search(RoutingContext rc, DicomLevel level) {
    acceptJson(rc.request().getHeader("Accept"));
    QidoQuery query = QidoQuery.parse(params(rc.queryParams()), level, maxLimit);
    String study = rc.pathParam("study");
    String series = rc.pathParam("series");
    String root = urls.root(rc);
    scopes
        .of(rc)
        .compose(scope -> index.search(scope, query, study, series))
        .onSuccess(
            matches -> {
              Set<String> keep = query.returnedKeys();
              // The results' members are copied as encoded bytes into the response: no object per
              // result, no JSON
              // encoding per request, one buffer.
              Buffer out =
                  Buffer.buffer(256 + matches.results().size() * 768).appendByte((byte) '[');
              for (int i = 0; i < matches.results().size(); i++) {
                QidoMatch m = matches.results().get(i);
                if (i > 0) {
                  out.appendByte((byte) ',');
                }
                String url = retrieveUrl(level, root, m);
                m.dataset()
                    .with(
                        Map.of(
                            QidoQuery.RETRIEVE_URL,
                            EncodedDataset.member(
                                QidoQuery.RETRIEVE_URL,
                                EncodedDataset.textElement("UR", List.of(url)))))
                    .writeTo(out::appendBytes, keep);
              }
              out.appendByte((byte) ']');
              var response = rc.response().putHeader("Content-Type", "application/dicom+json");
              if (!query.unsupported().isEmpty()) {
                response.putHeader(
                    "Warning",
                    "299 Sinfonia: \"The following attributes are not supported for matching and "
                        + "were ignored: "
                        + String.join(", ", query.unsupported())
                        + "\"");
              }
              if (matches.truncated()) {
                response
                    .headers()
                    .add(
                        "Warning",
                        "299 Sinfonia: \"The number of results exceeded the maximum supported by "
                            + "the server ("
                            + maxLimit
                            + "). Additional results can be requested.\"");
              }
              response.end(out);
            })
        .onFailure(rc::fail);
  }

  private static String retrieveUrl(DicomLevel level, String root, QidoMatch m) {
    return switch (level) {
      case STUDY -> DicomWebUrls.study(root, m.studyUid());
      case SERIES -> DicomWebUrls.series(root, m.studyUid(), m.seriesUid());
      case INSTANCE -> DicomWebUrls.instance(root, m.studyUid(), m.seriesUid(), m.sopInstanceUid());
    };
  }

  static Map<String, List<String>> params(MultiMap query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String name : query.names()) {
      out.put(name, query.getAll(name));
    }
    return out;
  }

  static void acceptJson(String accept) {
    for (MediaRange r : MediaRange.parseAccept(accept)) {
      if (r.admits("application/dicom+json") || r.type().equals("application/json")) {
        return;
      }
    }
    throw ApiError.notAcceptable(
        "NOT_ACCEPTABLE",
        "this server answers in application/dicom+json only (asked for %s)",
        accept);
  }
}
