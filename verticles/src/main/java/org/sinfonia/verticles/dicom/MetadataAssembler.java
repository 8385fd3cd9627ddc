package org.sinfonia.verticles.dicom;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.sinfonia.core.blob.BlobSource;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomJsonWriter;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicomweb.JsonScan;
import org.sinfonia.web.dicomweb.DicomWebUrls;

/**
 * Turns the DICOM JSON kept in the index into a WADO-RS metadata response: the file meta group
 * (0002) is cut off and relative BulkDataURIs ({@code bulkdata/offset/length}) become absolute URLs
 * under the instance, by string surgery, never by parsing and re-encoding the JSON. Blocking (a
 * header too large for the index is read from its file): run on a worker.
 */
final class MetadataAssembler {

  private static final String RELATIVE = "\"BulkDataURI\":\"" + InstanceRecord.BULK_PREFIX;

  private final BlobStore blobs;
  private final DicomParserOptions options;

  MetadataAssembler(BlobStore blobs, DicomParserOptions options) {
    this.blobs = blobs;
    this.options = options;
  }

  /**
   * A JSON array of the instances' metadata; {@code docs} carry metadata (or sha256), studyUid,
   * seriesUid.
   */
  Buffer assemble(List<JsonObject> docs, String root) throws IOException, DicomParseException {
    StringBuilder out = new StringBuilder(docs.size() * 4096 + 2).append('[');
    for (int i = 0; i < docs.size(); i++) {
      JsonObject d = docs.get(i);
      String json = d.getString("metadata");
      if (json == null) {
        json = fromFile(d.getString("sha256"));
      }
      String instanceUrl =
          DicomWebUrls.instance(
              root, d.getString("studyUid"), d.getString("seriesUid"), d.getString("_id"));
      if (i > 0) {
        out.append(',');
      }
      appendWithoutMeta(json, instanceUrl, out);
    }
    return Buffer.buffer(out.append(']').toString().getBytes(StandardCharsets.UTF_8));
  }

  private String fromFile(String sha256) throws IOException, DicomParseException {
    DicomDataset header = DicomHeaderReader.read(BlobSource.of(blobs, sha256), options);
    return new DicomJsonWriter()
        .withBulkDataUris(
            (path, offset, length) -> InstanceRecord.BULK_PREFIX + offset + "/" + length)
        .toJson(header);
  }

  /**
   * Appends {@code json} (one data set) without its top-level group 0002 members, BulkDataURIs made
   * absolute.
   */
  static void appendWithoutMeta(String json, String instanceUrl, StringBuilder out) {
    int i = 1;
    while (json.startsWith("\"0002", i)) {
      i = JsonScan.skipMember(json, i);
      if (i < json.length() && json.charAt(i) == ',') {
        i++;
      }
    }
    out.append('{');
    String rest = json.substring(i);
    String absolute = "\"BulkDataURI\":\"" + instanceUrl + "/" + InstanceRecord.BULK_PREFIX;
    int from = 0;
    for (int at = rest.indexOf(RELATIVE); at >= 0; at = rest.indexOf(RELATIVE, from)) {
      out.append(rest, from, at).append(absolute);
      from = at + RELATIVE.length();
    }
    out.append(rest, from, rest.length());
  }
}
