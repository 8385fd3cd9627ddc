package org.sinfonia.core.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.sinfonia.core.dicom.DicomStreamListener;
import org.sinfonia.core.dicom.ElementHeader;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.privacy.FindingsCollector;
import org.sinfonia.core.privacy.PathStep;
import org.sinfonia.core.privacy.PrivacyElement;
import org.sinfonia.core.privacy.PrivacyValues;

/**
 * Turns the parser's events into {@link PrivacyElement}s for the {@link FindingsCollector}, with
 * their paths, and notes the few top-level values de-identification needs before the first date
 * streams by (Patient ID, and the patient's name, birth date and accession number, the words Clean
 * Descriptors removes). Holds no value beyond those few.
 */
final class FindingsListener implements DicomStreamListener {

  private static final int ACCESSION_NUMBER = 0x00080050;
  private static final int PATIENT_NAME = 0x00100010;
  private static final int PATIENT_ID = 0x00100020;
  private static final int PATIENT_BIRTH_DATE = 0x00100030;
  private static final int SOP_CLASS_UID = 0x00080016;
  private static final int SOP_INSTANCE_UID = 0x00080018;
  private static final int STUDY_INSTANCE_UID = 0x0020000D;

  private record OpenSequence(int tag, List<PathStep> path, boolean[] reported) {}

  private final FindingsCollector collector;
  private final List<PathStep> path = new ArrayList<>();
  private final Deque<OpenSequence> sequences = new ArrayDeque<>();
  private Charset charset = StandardCharsets.ISO_8859_1;
  private boolean inDataset;
  private boolean identityRead;
  private String patientId = "";
  private final List<String> identifyingValues = new ArrayList<>();
  private String sopClassUid;
  private String sopInstanceUid;
  private String studyInstanceUid;

  FindingsListener(FindingsCollector collector) {
    this.collector = collector;
  }

  /** True once the header is past Patient's Birth Date (or ended): {@link #patientId} is final. */
  boolean identityRead() {
    return identityRead;
  }

  String patientId() {
    return patientId;
  }

  List<String> identifyingValues() {
    return List.copyOf(identifyingValues);
  }

  /** The received top-level SOP Class UID (null if absent or not reached). */
  String sopClassUid() {
    return sopClassUid;
  }

  String sopInstanceUid() {
    return sopInstanceUid;
  }

  String studyInstanceUid() {
    return studyInstanceUid;
  }

  @Override
  public void datasetStart(TransferSyntax syntax, long offset) {
    inDataset = true;
  }

  @Override
  public void elementStart(ElementHeader header) {
    passing(header.tag());
  }

  @Override
  public void elementValue(ElementHeader h, byte[] value) {
    if (!inDataset) {
      return;
    }
    int tag = h.tag();
    if (path.isEmpty()) {
      if (tag == 0x00080005) {
        charset = PrivacyValues.charsetOf(value);
      }
      if (tag == SOP_CLASS_UID) {
        sopClassUid = uid(value);
      } else if (tag == SOP_INSTANCE_UID) {
        sopInstanceUid = uid(value);
      } else if (tag == STUDY_INSTANCE_UID) {
        studyInstanceUid = uid(value);
      } else if (tag == PATIENT_ID) {
        patientId = new String(value, charset).trim();
      } else if (tag == PATIENT_NAME || tag == PATIENT_BIRTH_DATE || tag == ACCESSION_NUMBER) {
        identifyingValues.add(new String(value, charset).trim());
      }
    }
    collector.accept(PrivacyValues.element(tag, h.vr(), path, value, value.length, charset));
  }

  @Override
  public void bulkDataSkipped(ElementHeader h, long offset, long length) {
    if (inDataset) {
      collector.accept(PrivacyValues.element(h.tag(), h.vr(), path, null, length, charset));
    }
  }

  @Override
  public void fragmentsStart(ElementHeader h) {
    passing(h.tag());
    collector.accept(PrivacyElement.binary(h.tag(), h.vr(), path, 1));
  }

  @Override
  public void sequenceStart(ElementHeader h) {
    passing(h.tag());
    sequences.push(new OpenSequence(h.tag(), List.copyOf(path), new boolean[1]));
  }

  @Override
  public void itemStart(int index, long offset, long length) {
    OpenSequence s = sequences.peek();
    if (s == null) {
      return;
    }
    if (!s.reported()[0]) {
      s.reported()[0] = true;
      collector.accept(PrivacyElement.sequence(s.tag(), s.path(), -1));
    }
    path.add(new PathStep(s.tag(), index));
  }

  @Override
  public void itemEnd() {
    if (!path.isEmpty()) {
      path.remove(path.size() - 1);
    }
  }

  @Override
  public void sequenceEnd() {
    OpenSequence s = sequences.poll();
    if (s != null && !s.reported()[0]) {
      collector.accept(PrivacyElement.sequence(s.tag(), s.path(), 0));
    }
  }

  @Override
  public void end(long offset) {
    identityRead = true;
  }

  /** A UI value without its NUL or space padding. */
  private static String uid(byte[] value) {
    int n = value.length;
    while (n > 0 && (value[n - 1] == 0 || value[n - 1] == ' ')) {
      n--;
    }
    return new String(value, 0, n, StandardCharsets.US_ASCII);
  }

  private void passing(int tag) {
    if (inDataset && path.isEmpty() && Integer.compareUnsigned(tag, PATIENT_BIRTH_DATE) > 0) {
      identityRead = true;
    }
  }
}
