package org.sinfonia.web.dicomweb;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.repo.Requires;

/**
 * Every DICOMweb URL, in one table (the role Orthanc's {@code Plugin.cpp} plays), registered under
 * two roots on an {@link ApiRouter} whose prefix is {@code /dicom-web}:
 *
 * <ul>
 *   <li>{@code /dicom-web}: everything the caller can read; STOW-RS stores into the caller's
 *       default folder;
 *   <li>{@code /dicom-web/folders/{folderId}}: the same services scoped to one folder's subtree
 *       (READ on the folder to read, WRITE to store), a project or album root to hand to OHIF.
 * </ul>
 *
 * Path parameters {@code study}, {@code series}, {@code instance} are the UIDs; handlers read them
 * by name.
 */
public final class DicomWebRoutes {

  private static final String ST = "/studies/:study";
  private static final String SE = ST + "/series/:series";
  private static final String IN = SE + "/instances/:instance";

  private final Requires requires;
  private final StowHandler stow;
  private final QidoHandler qido;
  private final WadoHandler wado;
  private final WadoFramesHandler frames;
  private final BulkDataHandler bulk;
  private final MetadataHandler metadata;
  private final RenderedHandler rendered;

  public DicomWebRoutes(
      Requires requires,
      StowHandler stow,
      QidoHandler qido,
      WadoHandler wado,
      WadoFramesHandler frames,
      BulkDataHandler bulk,
      MetadataHandler metadata,
      RenderedHandler rendered) {
    this.requires = requires;
    this.stow = stow;
    this.qido = qido;
    this.wado = wado;
    this.frames = frames;
    this.bulk = bulk;
    this.metadata = metadata;
    this.rendered = rendered;
  }

  public void register(ApiRouter api) {
    // Whole repository: reads are filtered by the caller's reader tokens (anonymous sees public
    // data only).
    table(api, "", Access.anyone(), Access.user());
    table(
        api,
        "/folders/:folderId",
        requires.level(Level.READ, ResourceType.FOLDER, "folderId"),
        requires.level(Level.WRITE, ResourceType.FOLDER, "folderId"));
  }

  private void table(ApiRouter api, String root, Access read, Access write) {
    // STOW-RS (PS3.18 10.5)
    api.streaming(HttpMethod.POST, root + "/studies", write, stow::store);
    api.streaming(HttpMethod.POST, root + ST, write, stow::store);
    // QIDO-RS (PS3.18 10.6)
    get(api, root + "/studies", read, rc -> qido.search(rc, DicomLevel.STUDY));
    get(api, root + "/series", read, rc -> qido.search(rc, DicomLevel.SERIES));
    get(api, root + "/instances", read, rc -> qido.search(rc, DicomLevel.INSTANCE));
    get(api, root + ST + "/series", read, rc -> qido.search(rc, DicomLevel.SERIES));
    get(api, root + ST + "/instances", read, rc -> qido.search(rc, DicomLevel.INSTANCE));
    get(api, root + SE + "/instances", read, rc -> qido.search(rc, DicomLevel.INSTANCE));
    // WADO-RS (PS3.18 10.4): instances, metadata, frames, bulk data, rendered
    get(api, root + ST, read, wado::retrieve);
    get(api, root + SE, read, wado::retrieve);
    get(api, root + IN, read, wado::retrieve);
    get(api, root + ST + "/metadata", read, metadata::metadata);
    get(api, root + SE + "/metadata", read, metadata::metadata);
    get(api, root + IN + "/metadata", read, metadata::metadata);
    get(api, root + IN + "/frames/:frames", read, frames::frames);
    get(api, root + IN + "/bulkdata/:offset/:length", read, bulk::bulkData);
    for (String at : new String[] {ST, SE, IN, IN + "/frames/:frames"}) {
      get(api, root + at + "/rendered", read, rc -> rendered.render(rc, false));
      get(api, root + at + "/thumbnail", read, rc -> rendered.render(rc, true));
    }
  }

  private static void get(
      ApiRouter api, String path, Access access, Handler<RoutingContext> handler) {
    api.get(path, access, handler);
  }
}
