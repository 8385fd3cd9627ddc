package org.sinfonia.core.ingest;

import java.util.List;
import java.util.Locale;

/**
 * The one naming rule for a file whose name is taken: {@code scan.dcm}, then {@code scan (2).dcm},
 * {@code scan (3).dcm}, ... The first copy is the one without a number, so the second is "(2)".
 * Double extensions that name one format ({@code .nii.gz}, {@code .tar.gz}) stay whole; a leading
 * dot ({@code .hidden}) is no extension.
 */
public final class FileNames {

  /** Extensions of two parts that name one format: the number goes before both. */
  private static final List<String> DOUBLE_EXTENSIONS =
      List.of(".nii.gz", ".tar.gz", ".tar.bz2", ".tar.xz");

  private FileNames() {}

  /**
   * The {@code n}th name to try: {@code n = 1} is the name itself, {@code n >= 2} carries " (n)".
   */
  public static String numbered(String name, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("names are numbered from 1, was " + n);
    }
    if (n == 1) {
      return name;
    }
    int dot = extensionStart(name);
    return dot < 0
        ? name + " (" + n + ")"
        : name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }

  /** Where the extension starts (its dot), or -1 if the name has none. */
  public static int extensionStart(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String ext : DOUBLE_EXTENSIONS) {
      if (lower.endsWith(ext) && name.length() > ext.length()) {
        return name.length() - ext.length();
      }
    }
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? -1 : dot;
  }

  /**
   * The extension in lower case, without its dot ({@code nii.gz}, {@code dcm}), or "" if there is
   * none.
   */
  public static String extension(String name) {
    int dot = extensionStart(name);
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
