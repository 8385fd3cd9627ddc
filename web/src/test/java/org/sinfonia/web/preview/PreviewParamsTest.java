package org.sinfonia.web.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.MultiMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.render.output.RenderSize;
import org.sinfonia.web.repo.MediaTypes;

/** Preview query parameters, their cache-key part, and the media type a file is served as. */
class PreviewParamsTest {

  private static PreviewParams parse(Map<String, String> query) {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    query.forEach(m::add);
    return PreviewParams.parse(m);
  }

  @Test
  void sizesFramesAndWindowsMakeTheKey() {
    assertEquals(
        "512|fm|wf|png",
        parse(Map.of()).key(),
        "defaults: 512, the middle frame, the file's window");
    assertEquals("128|f3|wf|png", parse(Map.of("size", "128", "frame", "3")).key());
    assertEquals("full|fm|w40_400|png", parse(Map.of("size", "full", "window", "40,400")).key());
    assertEquals("512|fm|w-600.5_1500|png", parse(Map.of("window", "-600.5, 1500")).key());
    assertEquals(
        "128|fm|wf|jpeg", PreviewParams.thumbnail().withFormat(ImageFormat.of("image/jpeg")).key());
    assertEquals(RenderSize.THUMBNAIL, parse(Map.of("size", "thumbnail")).size());
  }

  @Test
  void badParametersAreBadRequests() {
    for (Map<String, String> q :
        java.util.List.of(
            Map.of("size", "64"),
            Map.of("frame", "0"),
            Map.of("frame", "x"),
            Map.of("window", "40"),
            Map.of("window", "40,0"),
            Map.of("window", "a,b"),
            Map.of("frame", "99999999999"))) {
      ApiError e = assertThrows(ApiError.class, () -> parse(q), q.toString());
      assertEquals(ApiError.Kind.BAD_REQUEST, e.kind(), q.toString());
    }
  }

  @Test
  void uninformativeDeclaredTypesGiveWayToTheName() {
    assertEquals("video/mp4", MediaTypes.effective("application/octet-stream", "clip.MP4"));
    assertEquals(
        "video/webm", MediaTypes.effective("application/x-www-form-urlencoded", "clip.webm"));
    assertEquals("audio/ogg", MediaTypes.effective(null, "sound.ogg"));
    assertEquals("text/csv; charset=utf-8", MediaTypes.effective("", "table.csv"));
    assertEquals("application/pdf", MediaTypes.effective("application/pdf", "noextension"));
    assertEquals(
        "image/png",
        MediaTypes.effective("image/png", "photo.jpg"),
        "what the uploader declared wins");
    assertEquals("application/octet-stream", MediaTypes.effective(null, "data.xyz"));
    assertEquals("text/csv", MediaTypes.essence("Text/CSV; charset=utf-8"));
  }
}
