package org.sinfonia.core.dicom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Writes a {@link DicomDataset} in the DICOM JSON Model (PS3.18 Annex F) without a JSON library:
 * {@code {"0020000D":{"vr":"UI","Value":["1.2.3"]}}}. PN values become {@code
 * {"Alphabetic","Ideographic","Phonetic"}} objects, AT values "GGGGEEEE" strings, numbers JSON
 * numbers (see {@link DicomJsonNumbers} for DS/IS text that is not one), sequences arrays of
 * objects, small binary values InlineBinary (base64, little endian), and skipped bulk data a
 * BulkDataURI from the caller's {@link BulkDataUriFactory} (or no value at all without one). An
 * empty element has no "Value"; an empty value inside a multi-valued one is {@code null}. Instances
 * are immutable and reusable.
 */
public final class DicomJsonWriter {

  private final boolean fileMeta;
  private final boolean pretty;
  private final BulkDataUriFactory bulkDataUris;

  /** Compact output, no file meta information, no BulkDataURIs. */
  public DicomJsonWriter() {
    this(false, false, null);
  }

  private DicomJsonWriter(boolean fileMeta, boolean pretty, BulkDataUriFactory bulkDataUris) {
    this.fileMeta = fileMeta;
    this.pretty = pretty;
    this.bulkDataUris = bulkDataUris;
  }

  /** Whether group 0002 (file meta information) is written; DICOMweb responses leave it out. */
  public DicomJsonWriter withFileMeta(boolean include) {
    return new DicomJsonWriter(include, pretty, bulkDataUris);
  }

  /** Indents with two spaces per level, one member per line. */
  public DicomJsonWriter withPrettyPrinting(boolean indent) {
    return new DicomJsonWriter(fileMeta, indent, bulkDataUris);
  }

  public DicomJsonWriter withBulkDataUris(BulkDataUriFactory factory) {
    return new DicomJsonWriter(fileMeta, pretty, factory);
  }

  public void write(DicomDataset dataset, Appendable out) throws IOException {
    writeDataset(dataset, new JsonOutput(out, pretty), "", true);
  }

  public String toJson(DicomDataset dataset) {
    StringBuilder json = new StringBuilder();
    try {
      write(dataset, json);
    } catch (IOException e) {
      throw new UncheckedIOException("a StringBuilder does not fail", e);
    }
    return json.toString();
  }

  private void writeDataset(DicomDataset dataset, JsonOutput json, String path, boolean top)
      throws IOException {
    json.beginObject();
    for (DicomElement element : dataset.elements()) {
      if (top && !fileMeta && element.tag() >>> 16 == 0x0002) {
        continue;
      }
      String elementPath = (path.isEmpty() ? "" : path + ">") + DicomTags.format(element.tag());
      json.name(DicomTags.hex(element.tag())).beginObject();
      json.name("vr").string(element.vr().name());
      writeValue(element, json, elementPath);
      json.endObject();
    }
    json.endObject();
  }

  private void writeValue(DicomElement element, JsonOutput json, String path) throws IOException {
    DicomValue value = element.value();
    if (value instanceof DicomValue.Text text) {
      writeText(element.vr(), text.values(), json);
    } else if (value instanceof DicomValue.Binary binary) {
      writeBinary(element, binary, json);
    } else if (value instanceof DicomValue.Sequence sequence) {
      writeItems(sequence.items(), json, path);
    } else if (value instanceof DicomValue.BulkData bulk) {
      writeBulkDataUri(path, bulk.offset(), bulk.length(), json);
    } else if (value instanceof DicomValue.Fragments fragments) {
      writeBulkDataUri(path, fragments.offset(), fragments.length(), json);
    }
  }

  private void writeText(Vr vr, List<String> values, JsonOutput json) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    json.name("Value").beginArray();
    for (String value : values) {
      if (value.isEmpty()) {
        json.nullValue();
      } else if (vr == Vr.PN) {
        writePersonName(value, json);
      } else if (vr == Vr.DS || vr == Vr.IS) {
        String number = DicomJsonNumbers.fromDecimalText(value);
        if (number == null) {
          json.string(value);
        } else {
          json.number(number);
        }
      } else {
        json.string(value);
      }
    }
    json.endArray();
  }

  /**
   * "Yamada^Tarou=山田^太郎=やまだ^たろう": alphabetic, ideographic and phonetic groups; empty groups are
   * left out.
   */
  private static void writePersonName(String value, JsonOutput json) throws IOException {
    String[] groups = value.split("=", -1);
    String[] names = {"Alphabetic", "Ideographic", "Phonetic"};
    json.beginObject();
    for (int i = 0; i < Math.min(groups.length, names.length); i++) {
      if (!groups[i].isEmpty()) {
        json.name(names[i]).string(groups[i]);
      }
    }
    json.endObject();
  }

  private static void writeBinary(DicomElement element, DicomValue.Binary binary, JsonOutput json)
      throws IOException {
    if (binary.length() == 0) {
      return;
    }
    Vr vr = element.vr();
    if (vr.kind() == Vr.Kind.BINARY) {
      json.name("InlineBinary").string(Base64.getEncoder().encodeToString(binary.littleEndian()));
      return;
    }
    json.name("Value").beginArray();
    if (vr == Vr.FL || vr == Vr.FD) {
      for (double number : element.doubles()) {
        String text = DicomJsonNumbers.fromDouble(number, vr == Vr.FL);
        if (text == null) {
          json.string(Double.toString(number));
        } else {
          json.number(text);
        }
      }
    } else {
      for (long number : element.longs()) {
        if (vr == Vr.AT) {
          json.string(DicomTags.hex((int) number));
        } else {
          json.number(vr == Vr.UV ? Long.toUnsignedString(number) : Long.toString(number));
        }
      }
    }
    json.endArray();
  }

  private void writeItems(List<DicomDataset> items, JsonOutput json, String path)
      throws IOException {
    if (items.isEmpty()) {
      return;
    }
    json.name("Value").beginArray();
    for (int i = 0; i < items.size(); i++) {
      writeDataset(items.get(i), json, path + "[" + i + "]", false);
    }
    json.endArray();
  }

  private void writeBulkDataUri(String path, long offset, long length, JsonOutput json)
      throws IOException {
    String uri = bulkDataUris == null ? null : bulkDataUris.uriFor(path, offset, length);
    if (uri != null) {
      json.name("BulkDataURI").string(uri);
    }
  }
}
