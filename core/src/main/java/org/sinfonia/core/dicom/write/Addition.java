package org.sinfonia.core.dicom.write;

import org.sinfonia.core.dicom.Vr;

/**
 * An element a {@link DicomEditor} adds to a data set or item. It is written in tag order, before
 * the first original element with a higher tag; an original element with the same tag is replaced
 * by it (without consulting the editor), so an addition also means "set".
 *
 * @param tag the element's tag
 * @param content writes exactly that one element (a value or a whole sequence)
 */
public record Addition(int tag, ElementWriter content) {

  public static Addition string(int tag, Vr vr, String... values) {
    return new Addition(tag, writer -> writer.string(tag, vr, values));
  }

  public static Addition bytes(int tag, Vr vr, byte[] value) {
    return new Addition(tag, writer -> writer.element(tag, vr, value));
  }
}
