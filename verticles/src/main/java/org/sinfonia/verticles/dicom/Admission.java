package org.sinfonia.verticles.dicom;

import org.sinfonia.web.dicomweb.DicomScope;

/**
 * Whether a request's scope admits study parts, remembered for the last reader list and folder
 * seen: parts of one folder share those objects (see {@link StudyPart}), so a walk over thousands
 * of parts asks the scope about each run of them once. One per request; not thread-safe.
 */
final class Admission {

  private final DicomScope scope;
  private Object lastReaders;
  private String lastFolder;
  private boolean lastAnswer;

  Admission(DicomScope scope) {
    this.scope = scope;
  }

  boolean admits(StudyPart part) {
    if (part.readers != lastReaders || part.folderId != lastFolder) {
      lastAnswer = scope.admits(part.readers, part.folderId);
      lastReaders = part.readers;
      lastFolder = part.folderId;
    }
    return lastAnswer;
  }
}
