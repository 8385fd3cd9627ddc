package org.sinfonia.verticles.preview;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomElement;
import org.sinfonia.core.rt.ReferencedSeries;
import org.sinfonia.core.rt.RtStructureSetSummary;
import org.sinfonia.verticles.dicom.DicomCollections;

/**
 * Finds, through the DICOM index, the image an RT Structure Set's contours are best shown on, among
 * the instances the caller can READ (reader tokens in the query, as every index read): the image
 * that the most contours name in their Contour Image Sequence; failing that, the middle image (by
 * Instance Number) of a readable part of a referenced series.
 */
final class ReferencedImages {

  /** One image of the referenced series. */
  record Slice(String sopInstanceUid, String seriesInstanceUid, String fileId, String sha256) {}

  private static final int ROI_CONTOUR_SEQUENCE = 0x30060039;
  private static final int CONTOUR_SEQUENCE = 0x30060040;
  private static final int CONTOUR_IMAGE_SEQUENCE = 0x30060016;
  private static final int REFERENCED_SOP_INSTANCE_UID = 0x00081155;
  private static final int MAX_CANDIDATES = 500;

  private final MongoClient mongo;

  ReferencedImages(MongoClient mongo) {
    this.mongo = mongo;
  }

  /**
   * @param readers the caller's reader tokens ({@code AccessPolicy.readerTokens}); empty for site
   *     administrators
   */
  Future<Optional<Slice>> find(
      DicomDataset structureSet, RtStructureSetSummary summary, Optional<List<String>> readers) {
    Map<String, Integer> named = contourImages(structureSet);
    if (named.isEmpty()) {
      return middleOfSeries(summary, readers);
    }
    List<String> uids =
        named.entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .limit(MAX_CANDIDATES)
            .map(Map.Entry::getKey)
            .toList();
    JsonObject query =
        readable(
            new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(uids))), readers);
    return mongo
        .findWithOptions(DicomCollections.INSTANCES, query, new FindOptions().setFields(fields()))
        .compose(
            found -> {
              Optional<Slice> best =
                  found.stream()
                      .filter(d -> d.containsKey("pixelData"))
                      .max(Comparator.comparingInt(d -> named.getOrDefault(d.getString("_id"), 0)))
                      .map(ReferencedImages::slice);
              return best.isPresent()
                  ? Future.succeededFuture(best)
                  : middleOfSeries(summary, readers);
            });
  }

  /** How many contours name each image (Contour Image Sequence > Referenced SOP Instance UID). */
  private static Map<String, Integer> contourImages(DicomDataset structureSet) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (DicomDataset roi : items(structureSet, ROI_CONTOUR_SEQUENCE)) {
      for (DicomDataset contour : items(roi, CONTOUR_SEQUENCE)) {
        for (DicomDataset image : items(contour, CONTOUR_IMAGE_SEQUENCE)) {
          String uid = image.string(REFERENCED_SOP_INSTANCE_UID);
          if (uid != null && !uid.isBlank()) {
            counts.merge(uid.trim(), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  private static List<DicomDataset> items(DicomDataset d, int tag) {
    return d.find(tag).map(DicomElement::items).orElse(List.of());
  }

  private Future<Optional<Slice>> middleOfSeries(
      RtStructureSetSummary summary, Optional<List<String>> readers) {
    List<String> series =
        summary.referencedSeries().stream()
            .map(ReferencedSeries::seriesInstanceUid)
            .filter(s -> s != null && !s.isBlank())
            .distinct()
            .toList();
    if (series.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    JsonObject query =
        readable(
            new JsonObject().put("seriesUid", new JsonObject().put("$in", new JsonArray(series))),
            readers);
    return mongo
        .findWithOptions(
            DicomCollections.SERIES,
            query,
            new FindOptions().setFields(new JsonObject().put("instanceUids", 1)).setLimit(1))
        .compose(
            parts -> {
              if (parts.isEmpty()) {
                return Future.succeededFuture(Optional.<Slice>empty());
              }
              JsonArray uids = parts.get(0).getJsonArray("instanceUids", new JsonArray());
              List<Object> some =
                  uids.getList().subList(0, Math.min(uids.size(), 4 * MAX_CANDIDATES));
              JsonObject instances =
                  readable(
                      new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(some))),
                      readers);
              return mongo
                  .findWithOptions(
                      DicomCollections.INSTANCES, instances, new FindOptions().setFields(fields()))
                  .map(
                      found -> {
                        List<JsonObject> images =
                            found.stream()
                                .filter(d -> d.containsKey("pixelData"))
                                .sorted(Comparator.comparingLong(ReferencedImages::instanceNumber))
                                .toList();
                        return images.isEmpty()
                            ? Optional.<Slice>empty()
                            : Optional.of(slice(images.get(images.size() / 2)));
                      });
            });
  }

  private static JsonObject readable(JsonObject query, Optional<List<String>> readers) {
    readers.ifPresent(
        tokens -> query.put("readers", new JsonObject().put("$in", new JsonArray(tokens))));
    return query;
  }

  private static JsonObject fields() {
    return new JsonObject()
        .put("fileId", 1)
        .put("sha256", 1)
        .put("seriesUid", 1)
        .put("pixelData", 1)
        .put("attrs", 1);
  }

  private static long instanceNumber(JsonObject instance) {
    JsonObject number = instance.getJsonObject("attrs", new JsonObject()).getJsonObject("00200013");
    try {
      return number == null
          ? Long.MAX_VALUE
          : Long.parseLong(String.valueOf(number.getJsonArray("Value").getValue(0)));
    } catch (RuntimeException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Slice slice(JsonObject d) {
    return new Slice(
        d.getString("_id"), d.getString("seriesUid"), d.getString("fileId"), d.getString("sha256"));
  }
}
