package org.sinfonia.core.dicomweb;

import java.util.List;

/**
 * Writes a {@link StowResponse} as DICOM JSON (PS3.18 Annex F) or as Native DICOM Model XML (PS3.19
 * A.1).
 */
public final class StowResponseWriter {

  private StowResponseWriter() {}

  public static String json(StowResponse response) {
    StringBuilder out = new StringBuilder(256 + 200 * response.entries().size()).append('{');
    boolean first = true;
    if (response.retrieveUrl() != null) {
      out.append("\"00081190\":{\"vr\":\"UR\",\"Value\":[")
          .append(quote(response.retrieveUrl()))
          .append("]}");
      first = false;
    }
    List<StowResponse.Entry> failures = response.failures();
    if (!failures.isEmpty()) {
      out.append(first ? "" : ",").append("\"00081198\":{\"vr\":\"SQ\",\"Value\":[");
      items(out, failures, true);
      out.append("]}");
      first = false;
    }
    List<StowResponse.Entry> referenced = response.referenced();
    if (!referenced.isEmpty()) {
      out.append(first ? "" : ",").append("\"00081199\":{\"vr\":\"SQ\",\"Value\":[");
      items(out, referenced, false);
      out.append("]}");
    }
    return out.append('}').toString();
  }

  private static void items(StringBuilder out, List<StowResponse.Entry> entries, boolean failed) {
    for (int i = 0; i < entries.size(); i++) {
      StowResponse.Entry e = entries.get(i);
      out.append(i == 0 ? "{" : ",{");
      String sep = "";
      if (e.sopClassUid() != null && !e.sopClassUid().isEmpty()) {
        out.append("\"00081150\":{\"vr\":\"UI\",\"Value\":[")
            .append(quote(e.sopClassUid()))
            .append("]}");
        sep = ",";
      }
      if (e.sopInstanceUid() != null && !e.sopInstanceUid().isEmpty()) {
        out.append(sep)
            .append("\"00081155\":{\"vr\":\"UI\",\"Value\":[")
            .append(quote(e.sopInstanceUid()))
            .append("]}");
        sep = ",";
      }
      if (!failed && e.retrieveUrl() != null) {
        out.append(sep)
            .append("\"00081190\":{\"vr\":\"UR\",\"Value\":[")
            .append(quote(e.retrieveUrl()))
            .append("]}");
        sep = ",";
      }
      if (e.reason() != null) {
        out.append(sep)
            .append(e.reason().warning() ? "\"00081196\"" : "\"00081197\"")
            .append(":{\"vr\":\"US\",\"Value\":[")
            .append(e.reason().code())
            .append("]}");
      }
      out.append('}');
    }
  }

  public static String xml(StowResponse response) {
    StringBuilder out =
        new StringBuilder(512)
            .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .append(
                "<NativeDicomModel xmlns=\"http://dicom.nema.org/PS3.19/models/NativeDICOM\">\n");
    if (response.retrieveUrl() != null) {
      xmlValue(out, "00081190", "UR", "RetrieveURL", response.retrieveUrl());
    }
    xmlSequence(out, "00081198", "FailedSOPSequence", response.failures(), true);
    xmlSequence(out, "00081199", "ReferencedSOPSequence", response.referenced(), false);
    return out.append("</NativeDicomModel>\n").toString();
  }

  private static void xmlSequence(
      StringBuilder out,
      String tag,
      String keyword,
      List<StowResponse.Entry> entries,
      boolean failed) {
    if (entries.isEmpty()) {
      return;
    }
    out.append("<DicomAttribute tag=\"")
        .append(tag)
        .append("\" vr=\"SQ\" keyword=\"")
        .append(keyword)
        .append("\">\n");
    for (int i = 0; i < entries.size(); i++) {
      StowResponse.Entry e = entries.get(i);
      out.append("<Item number=\"").append(i + 1).append("\">\n");
      if (e.sopClassUid() != null && !e.sopClassUid().isEmpty()) {
        xmlValue(out, "00081150", "UI", "ReferencedSOPClassUID", e.sopClassUid());
      }
      if (e.sopInstanceUid() != null && !e.sopInstanceUid().isEmpty()) {
        xmlValue(out, "00081155", "UI", "ReferencedSOPInstanceUID", e.sopInstanceUid());
      }
      if (!failed && e.retrieveUrl() != null) {
        xmlValue(out, "00081190", "UR", "RetrieveURL", e.retrieveUrl());
      }
      if (e.reason() != null) {
        xmlValue(
            out,
            e.reason().warning() ? "00081196" : "00081197",
            "US",
            e.reason().warning() ? "WarningReason" : "FailureReason",
            Integer.toString(e.reason().code()));
      }
      out.append("</Item>\n");
    }
    out.append("</DicomAttribute>\n");
  }

  private static void xmlValue(
      StringBuilder out, String tag, String vr, String keyword, String value) {
    out.append("<DicomAttribute tag=\"")
        .append(tag)
        .append("\" vr=\"")
        .append(vr)
        .append("\" keyword=\"")
        .append(keyword)
        .append("\"><Value number=\"1\">")
        .append(escapeXml(value))
        .append("</Value></DicomAttribute>\n");
  }

  static String escapeXml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  static String quote(String s) {
    return JsonText.quote(s);
  }
}
