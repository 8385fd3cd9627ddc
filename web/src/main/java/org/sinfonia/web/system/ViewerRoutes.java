package org.sinfonia.web.system;

import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.JsonResponse;

/**
 * {@code GET /api/v1/viewers}: which external viewers this node serves, so the portal shows an
 * "open in OHIF" button only when there is a viewer behind it: {@code
 * {"ohif":{"available":false}}}, or {@code {"ohif":{"available":true,"url":"/viewer/"}}}. A HEAD on
 * the viewer's path cannot tell, because the portal answers every unknown page address with its own
 * index.html.
 */
public final class ViewerRoutes {

  private final Optional<String> ohifUrl;
  private final JsonObject ohifLinks;

  /**
   * @param ohifUrl where the OHIF viewer is served (ending in '/'), empty when this node has none
   * @param ohifLinks the link templates into the viewer (study, series, folder)
   */
  public ViewerRoutes(Optional<String> ohifUrl, JsonObject ohifLinks) {
    this.ohifUrl = ohifUrl;
    this.ohifLinks = ohifLinks;
  }

  public void register(ApiRouter api) {
    JsonObject ohif = new JsonObject().put("available", ohifUrl.isPresent());
    ohifUrl.ifPresent(url -> ohif.put("url", url).put("links", ohifLinks.copy()));
    String body = new JsonObject().put("ohif", ohif).encode();
    api.get("/viewers", Access.anyone(), rc -> JsonResponse.ok(rc, body));
  }
}
