package org.sinfonia.core.dicom;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The values of a text element, split at backslashes and trimmed only when first read: a data set
 * holds one String per element until someone asks, which keeps large multi-valued elements (Contour
 * Data: thousands of numbers) cheap to collect.
 */
final class SplitText extends AbstractList<String> implements RandomAccess {

  private final Vr vr;
  private final String decoded;
  private volatile String[] values; // computed at most a few times, published safely

  SplitText(Vr vr, String decoded) {
    this.vr = vr;
    this.decoded = decoded;
  }

  @Override
  public String get(int index) {
    return values()[index];
  }

  @Override
  public int size() {
    return values().length;
  }

  private String[] values() {
    if (values == null) {
      values = ValueDecoder.split(vr, decoded);
    }
    return values;
  }
}
