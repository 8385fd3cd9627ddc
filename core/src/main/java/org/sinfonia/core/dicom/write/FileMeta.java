package org.sinfonia.core.dicom.write;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.Vr;

/**
 * The file meta information (group 0002) of a Part 10 file, minus its group length, which {@link
 * DicomPart10Writer#writeFileMeta} computes. Elements are held as already-encoded explicit VR
 * little endian values, in tag order. Mutable, small; one per file.
 */
public final class FileMeta {

  public static final int FILE_META_INFORMATION_VERSION = 0x00020001;
  public static final int MEDIA_STORAGE_SOP_CLASS_UID = 0x00020002;
  public static final int MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;
  public static final int TRANSFER_SYNTAX_UID = 0x00020010;
  public static final int IMPLEMENTATION_CLASS_UID = 0x00020012;
  public static final int IMPLEMENTATION_VERSION_NAME = 0x00020013;

  /** Sinfonia's implementation class UID (a 2.25 UUID-derived UID). */
  public static final String SINFONIA_IMPLEMENTATION_CLASS_UID =
      "2.25.186328107516383420153734513062127464517";

  public static final String SINFONIA_IMPLEMENTATION_VERSION = "SINFONIA_1";

  /** One element: its VR and value bytes (even length, padded). */
  public record Element(Vr vr, byte[] value) {}

  private final SortedMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

  /** An empty meta; {@link #of} is the usual start. */
  public FileMeta() {}

  /**
   * Version 00 01, the three UIDs, Sinfonia's implementation class UID and version name.
   *
   * @throws IllegalArgumentException if a UID is not one
   */
  public static FileMeta of(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
    FileMeta meta = new FileMeta();
    meta.put(FILE_META_INFORMATION_VERSION, Vr.OB, new byte[] {0, 1});
    meta.putString(MEDIA_STORAGE_SOP_CLASS_UID, Vr.UI, sopClassUid);
    meta.putString(MEDIA_STORAGE_SOP_INSTANCE_UID, Vr.UI, sopInstanceUid);
    meta.putString(TRANSFER_SYNTAX_UID, Vr.UI, transferSyntaxUid);
    meta.putString(IMPLEMENTATION_CLASS_UID, Vr.UI, SINFONIA_IMPLEMENTATION_CLASS_UID);
    meta.putString(IMPLEMENTATION_VERSION_NAME, Vr.SH, SINFONIA_IMPLEMENTATION_VERSION);
    return meta;
  }

  /** Sets an element from raw bytes (padded to even length); (0002,0000) is ignored. */
  public FileMeta put(int tag, Vr vr, byte[] value) {
    if (tag >>> 16 != 0x0002) {
      throw new IllegalArgumentException(DicomTags.format(tag) + " is not in group 0002");
    }
    if (tag != DicomTags.FILE_META_INFORMATION_GROUP_LENGTH) {
      elements.put(tag, new Element(vr, Encoding.padded(value, vr)));
    }
    return this;
  }

  /** Sets a string element (ASCII), checked against the VR's length limit. */
  public FileMeta putString(int tag, Vr vr, String value) {
    VrRules.checkString(tag, vr, value);
    return put(tag, vr, Encoding.ascii(tag, value));
  }

  public FileMeta remove(int tag) {
    elements.remove(tag);
    return this;
  }

  /** The element's value bytes, or null. */
  public byte[] value(int tag) {
    Element element = elements.get(tag);
    return element == null ? null : element.value();
  }

  /** A string value without trailing padding, or null. */
  public String string(int tag) {
    byte[] value = value(tag);
    return value == null
        ? null
        : new String(value, StandardCharsets.US_ASCII).replaceAll("[\\s\\x00]+$", "");
  }

  public String transferSyntaxUid() {
    return string(TRANSFER_SYNTAX_UID);
  }

  /** The elements in tag order (read-only view). */
  public Map<Integer, Element> elements() {
    return Collections.unmodifiableMap(elements);
  }
}
