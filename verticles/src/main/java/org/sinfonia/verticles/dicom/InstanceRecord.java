package org.sinfonia.verticles.dicom;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.dicom.DicomJsonWriter;
import org.sinfonia.core.dicom.DicomLevel;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.DicomValue;

/**
 * The index's view of one parsed instance: the full header as DICOM JSON (for WADO-RS metadata, so it never
 * re-reads files), each level's attributes, and where the pixel data lies in the stored file. Built on a
 * worker thread: encoding a large header is CPU work.
 */
record InstanceRecord(DicomHeader header, String metadataJson, JsonObject study, JsonObject series,
                      JsonObject instance, JsonObject pixelData) {

  /** BulkDataURIs in stored metadata are relative; WADO-RS resolves them against the instance URL. */
  static final String BULK_PREFIX = "bulkdata/";

  static InstanceRecord of(DicomHeader header, long maxMetadataBytes) {
    String json = new DicomJsonWriter().withFileMeta(true)
        .withBulkDataUris((path, offset, length) -> BULK_PREFIX + offset + "/" + length)
        .toJson(header.dataset());
    JsonObject all = new JsonObject(json);
    return new InstanceRecord(header, json.length() <= maxMetadataBytes ? json : null,
        pick(all, DicomLevel.STUDY), pick(all, DicomLevel.SERIES), pick(all, DicomLevel.INSTANCE),
        pixelData(header));
  }

  private static JsonObject pick(JsonObject all, DicomLevel level) {
    JsonObject out = new JsonObject();
    for (String key : level.keys()) {
      Object v = all.getValue(key);
      if (v != null) {
        out.put(key, v);
      }
    }
    return out;
  }

  /** Native: one range; encapsulated: the basic offset table and every fragment's range. */
  private static JsonObject pixelData(DicomHeader header) {
    var element = header.dataset().find(DicomTags.PIXEL_DATA)
        .or(() -> header.dataset().find(DicomTags.FLOAT_PIXEL_DATA))
        .or(() -> header.dataset().find(DicomTags.DOUBLE_FLOAT_PIXEL_DATA));
    if (element.isEmpty()) {
      return null;
    }
    DicomElement e = element.get();
    JsonObject out = new JsonObject().put("tag", DicomTags.hex(e.tag())).put("vr", e.vr().name());
    if (e.value() instanceof DicomValue.BulkData b) {
      return out.put("offset", b.offset()).put("length", b.length());
    }
    if (e.value() instanceof DicomValue.Fragments f) {
      JsonArray fragments = new JsonArray();
      f.fragments().forEach(fr -> fragments.add(new JsonArray().add(fr.offset()).add(fr.length())));
      return out.put("offset", f.offset()).put("length", f.length())
          .put("basicOffsetTable", new JsonArray(List.copyOf(f.basicOffsetTable()))).put("fragments", fragments);
    }
    return null;
  }

  String modality() {
    String m = header.dataset().string(DicomTags.MODALITY);
    return m == null ? "" : m.trim();
  }
}
