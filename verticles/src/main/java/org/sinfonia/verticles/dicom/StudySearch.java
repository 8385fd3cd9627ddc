package org.sinfonia.verticles.dicom;

import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.dicomweb.QidoQuery;
import org.sinfonia.web.dicomweb.DicomIndexReader.Matches;
import org.sinfonia.web.dicomweb.DicomScope;
import org.sinfonia.web.dicomweb.QidoMatch;

/**
 * A QIDO-RS study search over studies already ordered newest first (this node's {@link
 * StudyPartCache}): only the parts the scope admits count and show; a study matches on its first
 * readable part's attributes and on the computed ones (worked out only when a key asks); results
 * are built for the page only, from encoded bytes; the walk stops once the page is full and one
 * more match shows that more exist. Cheap enough for an event loop: no Mongo, no JSON encoding on
 * the usual path, a few small objects per study looked at.
 */
final class StudySearch {

  private StudySearch() {}

  static Matches run(QidoQuery query, DicomScope scope, List<StudyPartCache.Study> studies) {
    long from = query.offset();
    long to = from + query.limit();
    long matched = 0;
    boolean matchesComputed =
        query.filters().stream().anyMatch(f -> QidoQuery.STUDY_COMPUTED.contains(f.key()));
    List<QidoMatch> page = new ArrayList<>();
    Admission admission = new Admission(scope);
    for (StudyPartCache.Study st : studies) {
      List<StudyPart> parts = admitted(st.parts(), admission);
      if (parts.isEmpty()) {
        continue;
      }
      StudyPart first = parts.get(0);
      StudyPart.Computed computed = matchesComputed ? StudyPart.computed(parts) : null;
      if (!query.matches(
          key ->
              QidoQuery.STUDY_COMPUTED.contains(key) ? computed.values(key) : first.values(key))) {
        continue;
      }
      if (matched >= to) {
        return new Matches(page, query.limitCapped());
      }
      if (matched >= from) {
        page.add(
            new QidoMatch(
                parts.size() == 1
                    ? first.encodedAlone()
                    : first.encodedAttrs().with(StudyPart.computed(parts).members()),
                st.uid(),
                null,
                null));
      }
      matched++;
    }
    return new Matches(page, false);
  }

  /**
   * The parts the scope admits; the study's own list when it admits all (the usual case: nothing
   * allocated).
   */
  static List<StudyPart> admitted(List<StudyPart> parts, Admission admission) {
    int n = 0;
    for (StudyPart p : parts) {
      if (admission.admits(p)) {
        n++;
      }
    }
    if (n == parts.size()) {
      return parts;
    }
    List<StudyPart> out = new ArrayList<>(n);
    for (StudyPart p : parts) {
      if (admission.admits(p)) {
        out.add(p);
      }
    }
    return out;
  }
}
