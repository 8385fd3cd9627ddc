package org.sinfonia.core.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.sinfonia.core.dicom.ElementHeader;
import org.sinfonia.core.dicom.Vr;
import org.sinfonia.core.dicom.write.Addition;
import org.sinfonia.core.dicom.write.DicomEditor;
import org.sinfonia.core.dicom.write.DicomPart10Writer;
import org.sinfonia.core.dicom.write.DicomPath;
import org.sinfonia.core.dicom.write.Edit;
import org.sinfonia.core.dicom.write.FileMeta;
import org.sinfonia.core.privacy.AddedElement;
import org.sinfonia.core.privacy.Decision;
import org.sinfonia.core.privacy.Deidentifier;
import org.sinfonia.core.privacy.PathStep;
import org.sinfonia.core.privacy.PrivacyValues;

/**
 * The streaming writer's editor driven by the de-identifier: each element's {@link Decision}
 * becomes keep, remove, an empty value, or a new value; the de-identifier's additions (Patient
 * Identity Removed, the method and its codes) are set at the top level. One per file.
 *
 * <p>The file meta information is replaced with a description of Sinfonia as the de-identifying
 * application (PS3.15 E.1.1: the meta of a de-identified file must not be the original's): its own
 * Implementation Class UID and Version Name; of the original meta only the version, the SOP class,
 * the transfer syntax and the (replaced) SOP instance UID remain, so source and receiving AE titles
 * and private meta information go. The preamble is always written as zeros.
 */
final class DeidentifyingEditor implements DicomEditor {

  /** The original file meta elements a de-identified file keeps (the SOP instance UID mapped). */
  private static final Set<Integer> KEPT_META =
      Set.of(
          FileMeta.FILE_META_INFORMATION_VERSION,
          FileMeta.MEDIA_STORAGE_SOP_CLASS_UID,
          FileMeta.MEDIA_STORAGE_SOP_INSTANCE_UID,
          FileMeta.TRANSFER_SYNTAX_UID);

  private final Deidentifier.Instance instance;
  private Charset charset = StandardCharsets.ISO_8859_1;

  DeidentifyingEditor(Deidentifier.Instance instance) {
    this.instance = instance;
  }

  @Override
  public Edit edit(DicomPath path, ElementHeader header, byte[] value) {
    int tag = header.tag();
    Vr vr = header.vr();
    if (path.isTopLevel() && tag >>> 16 == 0x0002 && !KEPT_META.contains(tag)) {
      return Edit.REMOVE; // Sinfonia's own implementation identity is added instead
    }
    if (path.isTopLevel() && tag == 0x00080005 && value != null) {
      charset = PrivacyValues.charsetOf(value);
    }
    Decision d =
        instance.decide(
            PrivacyValues.element(tag, vr, steps(path), value, header.length(), charset));
    return switch (d.action()) {
      case KEEP -> Edit.KEEP;
      case REMOVE -> Edit.REMOVE;
      case EMPTY ->
          vr == Vr.SQ
              ? Edit.replace(w -> w.startSequence(tag).endSequence())
              : Edit.replaceBytes(new byte[0]);
      case REPLACE, CLEAN, REPLACE_UID, SHIFT_DATE, PSEUDONYMIZE ->
          Edit.replaceString(d.value().split("\\\\", -1));
    };
  }

  @Override
  public List<Addition> additions(DicomPath item) {
    if (!item.equals(DicomPath.ROOT)) {
      return List.of();
    }
    List<Addition> out = new ArrayList<>();
    out.add(
        new Addition(
            FileMeta.IMPLEMENTATION_CLASS_UID,
            w ->
                w.string(
                    FileMeta.IMPLEMENTATION_CLASS_UID,
                    Vr.UI,
                    FileMeta.SINFONIA_IMPLEMENTATION_CLASS_UID)));
    out.add(
        new Addition(
            FileMeta.IMPLEMENTATION_VERSION_NAME,
            w ->
                w.string(
                    FileMeta.IMPLEMENTATION_VERSION_NAME,
                    Vr.SH,
                    FileMeta.SINFONIA_IMPLEMENTATION_VERSION)));
    for (AddedElement e : instance.additions()) {
      out.add(new Addition(e.tag(), w -> write(w, e)));
    }
    return out;
  }

  private static void write(DicomPart10Writer w, AddedElement e) throws java.io.IOException {
    if (e.vr() != Vr.SQ) {
      w.string(e.tag(), e.vr(), e.value());
      return;
    }
    w.startSequence(e.tag());
    for (List<AddedElement> item : e.items()) {
      w.startItem();
      List<AddedElement> sorted =
          item.stream().sorted(Comparator.comparingLong(a -> a.tag() & 0xFFFFFFFFL)).toList();
      for (AddedElement inner : sorted) {
        write(w, inner);
      }
      w.endItem();
    }
    w.endSequence();
  }

  private static List<PathStep> steps(DicomPath path) {
    List<PathStep> steps = new ArrayList<>(path.depth());
    for (int i = 0; i < path.depth(); i++) {
      steps.add(new PathStep(path.sequenceTag(i), path.itemIndex(i)));
    }
    return steps;
  }
}
