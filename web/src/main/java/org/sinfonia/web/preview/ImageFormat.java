package org.sinfonia.web.preview;

/**
 * What a preview is encoded as: PNG for the REST API, PNG or JPEG for WADO-RS rendered resources.
 */
public enum ImageFormat {
  PNG("image/png", "png"),
  JPEG("image/jpeg", "jpeg");

  private final String mediaType;
  private final String key;

  ImageFormat(String mediaType, String key) {
    this.mediaType = mediaType;
    this.key = key;
  }

  public String mediaType() {
    return mediaType;
  }

  String key() {
    return key;
  }

  /**
   * The format for a negotiated media type ({@code image/png}, {@code image/jpeg}); PNG for
   * anything else.
   */
  public static ImageFormat of(String mediaType) {
    return "image/jpeg".equalsIgnoreCase(mediaType == null ? "" : mediaType.trim()) ? JPEG : PNG;
  }
}
