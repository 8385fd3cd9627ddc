package org.sinfonia.core.dicomweb;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one STOW-RS request (PS3.18 10.5.3): the instances stored (ReferencedSOPSequence)
 * and refused (FailedSOPSequence), the study's RetrieveURL, and the HTTP status these imply. Built
 * as parts complete, in part order; written as DICOM JSON or XML by {@link StowResponseWriter}.
 */
public final class StowResponse {

  /** One instance: stored (reason null, or a warning) or refused (a failure reason). */
  public record Entry(
      int part,
      String sopClassUid,
      String sopInstanceUid,
      String retrieveUrl,
      StowReason reason,
      String message) {
    public boolean failed() {
      return reason != null && !reason.warning();
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private String retrieveUrl;

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public void stored(
      int part, String sopClassUid, String sopInstanceUid, String retrieveUrl, StowReason warning) {
    entries.add(new Entry(part, sopClassUid, sopInstanceUid, retrieveUrl, warning, null));
  }

  public void failed(
      int part, String sopClassUid, String sopInstanceUid, StowReason reason, String message) {
    entries.add(new Entry(part, sopClassUid, sopInstanceUid, null, reason, message));
  }

  public void retrieveUrl(String studyUrl) {
    this.retrieveUrl = studyUrl;
  }

  public String retrieveUrl() {
    return retrieveUrl;
  }

  /** Entries in part order (parts settle out of order). */
  public List<Entry> entries() {
    entries.sort(java.util.Comparator.comparingInt(Entry::part));
    return java.util.Collections.unmodifiableList(entries);
  }

  public List<Entry> referenced() {
    return entries().stream().filter(e -> !e.failed()).toList();
  }

  public List<Entry> failures() {
    return entries().stream().filter(Entry::failed).toList();
  }

  /**
   * 200 when every instance was stored without warnings; 202 when some were stored and some refused
   * or stored with warnings; 409 when none was stored (PS3.18 Table 10.5.3-1).
   */
  public int status() {
    long stored = entries.stream().filter(e -> !e.failed()).count();
    long warned = entries.stream().filter(e -> e.reason() != null && e.reason().warning()).count();
    if (stored == 0) {
      return 409;
    }
    return stored == entries.size() && warned == 0 ? 200 : 202;
  }
}
