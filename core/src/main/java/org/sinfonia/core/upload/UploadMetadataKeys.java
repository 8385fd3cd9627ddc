package org.sinfonia.core.upload;

/**
 * The {@code Upload-Metadata} keys Sinfonia understands; other keys are kept but not interpreted.
 */
public final class UploadMetadataKeys {

  /** The file's name (required, except on partial uploads). */
  public static final String FILENAME = "filename";

  /** The target folder; default the uploader's home folder. */
  public static final String FOLDER_ID = "folderId";

  /** The file's media type. */
  public static final String FILETYPE = "filetype";

  /**
   * Where a file of a browser folder drop sat, e.g. {@code scan/series1/img1.dcm}: folders are
   * created for it.
   */
  public static final String RELATIVE_PATH = "relativePath";

  /**
   * {@code true}: once complete, the file (a zip) is extracted into its folder by the zip
   * extraction job.
   */
  public static final String EXTRACT = "extract";

  /**
   * With {@link #EXTRACT}: {@code skip}, {@code rename} (default) or {@code overwrite}, for names
   * already taken.
   */
  public static final String ON_CONFLICT = "onConflict";

  private UploadMetadataKeys() {}
}
