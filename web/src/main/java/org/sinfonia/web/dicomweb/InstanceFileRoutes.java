package org.sinfonia.web.dicomweb;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.JsonResponse;

/**
 * {@code GET /api/v1/dicom/instances/{sopInstanceUid}}: where an indexed instance lives in the
 * repository (its file and folder), so a client that found it through QIDO-RS can open the file's
 * preview. One {@code _id} read in the index; what the caller cannot read is 404, as for a UID that
 * was never stored.
 */
public final class InstanceFileRoutes {

  private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

  private final DicomIndexReader index;
  private final DicomScopes scopes;

  public InstanceFileRoutes(DicomIndexReader index, DicomScopes scopes) {
    this.index = index;
    this.scopes = scopes;
  }

  public void register(ApiRouter api) {
    api.get("/dicom/instances/:instance", Access.anyone(), this::locate);
  }

  private void locate(RoutingContext rc) {
    String sop = rc.pathParam("instance");
    if (sop.length() > 64 || !UID.matcher(sop).matches()) {
      throw ApiError.badRequest(
          "INVALID_UID", "a SOP Instance UID is digits and dots, at most 64 characters");
    }
    scopes
        .of(rc)
        .compose(scope -> index.instances(scope, null, null, sop))
        .onSuccess(
            found -> {
              if (found.isEmpty() || found.get(0).fileId() == null) {
                rc.fail(ApiError.notFound("INSTANCE_NOT_FOUND", "no readable instance %s", sop));
                return;
              }
              DicomIndexReader.StoredInstance i = found.get(0);
              JsonResponse.ok(
                  rc,
                  new JsonObject()
                      .put("sopInstanceUid", i.sopInstanceUid())
                      .put("studyInstanceUid", i.studyUid())
                      .put("seriesInstanceUid", i.seriesUid())
                      .put("sopClassUid", i.sopClassUid())
                      .put("fileId", i.fileId())
                      .put("folderId", i.folderId()));
            })
        .onFailure(rc::fail);
  }
}
