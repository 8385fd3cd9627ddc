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

  /**
   * @param ohifUrl where the OHIF viewer is served (ending in '/'), empty when this node has none
   */
  public ViewerRoutes(Optional<String> ohifUrl) {
    this.ohifUrl = ohifUrl;
  }

  public void register(ApiRouter api) {
    JsonObject ohif = new JsonObject().put("available", ohifUrl.isPresent());
    ohifUrl.ifPresent(url -> ohif.put("url", url));
    String body = new JsonObject().put("ohif", ohif).encode();
    api.get("/viewers", Access.anyone(), rc -> JsonResponse.ok(rc, body));
  }
}
