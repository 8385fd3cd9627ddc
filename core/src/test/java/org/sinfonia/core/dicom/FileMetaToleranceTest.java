package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sinfonia.core.dicomweb.StowReason;
import org.sinfonia.core.ingest.DicomTap;

/**
 * Files that break the file meta rules in ways real archives accept: stored under the data set's
 * UIDs, warned.
 */
class FileMetaToleranceTest {

  private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  private static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";

  @Test
  void aFileMetaNamingAnotherInstanceAndClassIsIndexedUnderTheDataSetsUids() {
    DicomHeader h = header(file(meta(SECONDARY_CAPTURE, "1.2.3.8"), dataset(CT, "1.2.3.9", null)));

    assertEquals("1.2.3.9", h.sopInstanceUid());
    assertEquals(CT, h.sopClassUid());
    assertEquals(1, h.warnings().size(), h.warnings().toString());
    DicomWarning w = h.warnings().get(0);
    assertEquals(DicomWarning.Kind.FILE_META_MISMATCH, w.kind());
    assertTrue(
        w.message().contains("1.2.3.8") && w.message().contains(SECONDARY_CAPTURE), w.message());
    assertEquals(0xB007, StowReason.ofWarnings(h.warnings()).code());
  }

  @Test
  void fileMetaElementsInsideTheDataSetAreToleratedAndTheMetasOwnValuesKept() {
    // the data set repeats (0002,0003) with another UID, and (0002,0013) out of order
    DicomHeader h = header(file(meta(CT, "1.2.3.9"), dataset(CT, "1.2.3.9", "1.2.3.7")));

    assertEquals("1.2.3.9", h.sopInstanceUid());
    assertEquals(
        "1.2.3.9",
        h.dataset().string(DicomTags.MEDIA_STORAGE_SOP_INSTANCE_UID).trim(),
        "the file meta's value, not the stray copy's");
    assertEquals(
        List.of(DicomWarning.Kind.FILE_META_IN_DATASET),
        h.warnings().stream().map(DicomWarning::kind).toList());
    assertTrue(
        h.warnings().get(0).message().contains("(0002,0003)"), h.warnings().get(0).message());
    assertTrue(
        h.warnings().get(0).message().contains("(0002,0013)"), h.warnings().get(0).message());
    assertEquals(StowReason.DATASET_MISMATCH_WARNING, StowReason.ofWarnings(h.warnings()));
  }

  @Test
  void aConsistentFileHasNoWarning() {
    DicomHeader h = header(file(meta(CT, "1.2.3.9"), dataset(CT, "1.2.3.9", null)));

    assertEquals(List.of(), h.warnings());
    assertNull(StowReason.ofWarnings(h.warnings()));
  }

  @Test
  void aBareDataSetHasNoFileMetaToDisagreeWith() {
    DicomHeader h = header(dataset(CT, "1.2.3.9", null));

    assertEquals("1.2.3.9", h.sopInstanceUid());
    assertEquals(List.of(), h.warnings());
  }

  private static DicomHeader header(byte[] file) {
    DicomTap tap = new DicomTap(DicomParserOptions.defaults(), 1 << 20);
    tap.accept(ByteBuffer.wrap(file));
    tap.end();
    return tap.header().orElseThrow(() -> new AssertionError("not indexed: " + tap.reason()));
  }

  private static byte[] meta(String sopClass, String sopInstance) {
    byte[] body =
        DatasetBytes.littleEndian()
            .explicit(DicomTags.FILE_META_INFORMATION_VERSION, "OB", new byte[] {0, 1})
            .explicit(DicomTags.MEDIA_STORAGE_SOP_CLASS_UID, "UI", sopClass)
            .explicit(DicomTags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", sopInstance)
            .explicit(DicomTags.TRANSFER_SYNTAX_UID, "UI", "1.2.840.10008.1.2.1\0")
            .toBytes();
    DatasetBytes group = DatasetBytes.littleEndian().preamble();
    group
        .explicitHeader(DicomTags.FILE_META_INFORMATION_GROUP_LENGTH, "UL", 4)
        .number(body.length, 4);
    return group.raw(body).toBytes();
  }

  /**
   * An explicit VR little endian data set; {@code strayMetaInstance} non-null repeats group 0002
   * inside it.
   */
  private static byte[] dataset(String sopClass, String sopInstance, String strayMetaInstance) {
    DatasetBytes d = DatasetBytes.littleEndian();
    if (strayMetaInstance != null) {
      d.explicit(DicomTags.MEDIA_STORAGE_SOP_INSTANCE_UID, "UI", strayMetaInstance);
    }
    d.explicit(DicomTags.SOP_CLASS_UID, "UI", sopClass)
        .explicit(DicomTags.SOP_INSTANCE_UID, "UI", sopInstance);
    if (strayMetaInstance != null) {
      d.explicit(DicomTags.IMPLEMENTATION_VERSION_NAME, "SH", "STRAY");
    }
    return d.explicit(DicomTags.PATIENT_ID, "LO", "P1")
        .explicit(DicomTags.STUDY_INSTANCE_UID, "UI", "1.2.3")
        .explicit(DicomTags.SERIES_INSTANCE_UID, "UI", "1.2.3.4")
        .toBytes();
  }

  private static byte[] file(byte[] meta, byte[] dataset) {
    byte[] out = java.util.Arrays.copyOf(meta, meta.length + dataset.length);
    System.arraycopy(dataset, 0, out, meta.length, dataset.length);
    return out;
  }
}
