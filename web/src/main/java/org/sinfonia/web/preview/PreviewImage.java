package org.sinfonia.web.preview;

import java.util.Optional;

/**
 * An encoded preview (PNG, or JPEG for WADO-RS): a rendering, or a placeholder image with the
 * reason. Frames are numbered from 1 ({@code frame} 0 and {@code frames} 0 when not applicable).
 * {@code etag} names exactly these bytes (content hash of the file and of anything else drawn, plus
 * the parameters); {@code source} says where they came from (for the {@code Sinfonia-Preview-Cache}
 * header).
 */
public record PreviewImage(
    byte[] bytes,
    String mediaType,
    int width,
    int height,
    int frame,
    int frames,
    Optional<PreviewFailure> failure,
    String etag,
    Source source) {

  /** Where a preview's bytes came from. */
  public enum Source {
    RENDERED,
    MEMORY,
    STORE
  }

  public PreviewImage withSource(Source s) {
    return new PreviewImage(bytes, mediaType, width, height, frame, frames, failure, etag, s);
  }

  public PreviewImage withEtag(String tag) {
    return new PreviewImage(bytes, mediaType, width, height, frame, frames, failure, tag, source);
  }

  public boolean placeholder() {
    return failure.isPresent();
  }
}
