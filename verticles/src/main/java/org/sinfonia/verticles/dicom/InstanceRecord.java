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
 * The index's view of one parsed instance: the full header as DICOM JSON (for WADO-RS metadata, so
 * it never re-reads files), each level's attributes, and where the pixel data lies in the stored
 * file. Built on a worker thread: encoding a large header is CPU work.
 */
record InstanceRecord(
    DicomHeader header,
    String metadataJson,
    JsonObject study,
    JsonObject series,
    JsonObject instance,
    JsonObject pixelData) {

  /**
   * BulkDataURIs in stored metadata are relative; WADO-RS resolves them against the instance URL.
   */
  static final String BULK_PREFIX = "bulkdata/";

  static InstanceRecord of(DicomHeader header, long maxMetadataBytes) {
    String json =
        new DicomJsonWriter()
            .withFileMeta(true)
            .withBulkDataUris((path, offset, length) -> BULK_PREFIX + offset + "/" + length)
            .toJson(header.dataset());
    JsonObject all = new JsonObject(json);
    return new InstanceRecord(
        header,
        json.length() <= maxMetadataBytes ? json : null,
        pick(all, DicomLevel.STUDY),
        pick(all, DicomLevel.SERIES),
        pick(all, DicomLevel.INSTANCE),
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
    var element =
        header
            .dataset()
            .find(DicomTags.PIXEL_DATA)
            .or(() -> header.dataset().find(DicomTags.FLOAT_PIXEL_DATA))
            .or(() -> header.dataset().find(DicomTags.DOUBLE_FLOAT_PIXEL_DATA));
    if (element.isEmpty()) {
      return null;
    }
    DicomElement e = element.get();
    var d = header.dataset();
    // What WADO-RS frames needs to cut native pixel data into frames, without reading the header
    // again.
    JsonObject out =
        new JsonObject()
            .put("tag", DicomTags.hex(e.tag()))
            .put("vr", e.vr().name())
            .put("rows", d.longValue(DicomTags.ROWS, 0))
            .put("columns", d.longValue(DicomTags.COLUMNS, 0))
            .put("samplesPerPixel", d.longValue(DicomTags.SAMPLES_PER_PIXEL, 1))
            .put("bitsAllocated", d.longValue(DicomTags.BITS_ALLOCATED, 0))
            .put("frames", frames(d.string(DicomTags.NUMBER_OF_FRAMES)));
    if (e.value() instanceof DicomValue.BulkData b) {
      return out.put("offset", b.offset()).put("length", b.length());
    }
    if (e.value() instanceof DicomValue.Fragments f) {
      JsonArray fragments = new JsonArray();
      f.fragments().forEach(fr -> fragments.add(new JsonArray().add(fr.offset()).add(fr.length())));
      return out.put("offset", f.offset())
          .put("length", f.length())
          .put("basicOffsetTable", new JsonArray(List.copyOf(f.basicOffsetTable())))
          .put("fragments", fragments);
    }
    return null;
  }

  private static long frames(String numberOfFrames) {
    try {
      return numberOfFrames == null || numberOfFrames.isBlank()
          ? 1
          : Math.max(1, Long.parseLong(numberOfFrames.trim()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  String modality() {
    String m = header.dataset().string(DicomTags.MODALITY);
    return m == null ? "" : m.trim();
  }
}
