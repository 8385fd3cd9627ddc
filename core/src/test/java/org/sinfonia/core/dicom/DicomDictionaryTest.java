package org.sinfonia.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DicomDictionaryTest {

  private final DicomDictionary dictionary = DicomDictionary.standard();

  @Test
  void keywordsAndTagsBothWays() {
    assertEquals(DicomTags.PATIENT_NAME, dictionary.tagOf("PatientName").getAsInt());
    assertEquals(DicomTags.STUDY_INSTANCE_UID, dictionary.tagOf("StudyInstanceUID").getAsInt());
    assertEquals("SOPInstanceUID", dictionary.keywordOf(DicomTags.SOP_INSTANCE_UID).orElseThrow());
    DictionaryEntry entry = dictionary.lookup(DicomTags.MODALITIES_IN_STUDY).orElseThrow();
    assertEquals(Vr.CS, entry.vr());
    assertEquals("1-n", entry.vm());
    assertEquals("Modalities In Study", entry.name());
    assertFalse(dictionary.tagOf("NoSuchKeyword").isPresent());
  }

  @Test
  void retiredAndRepeatingGroups() {
    DictionaryEntry retired = dictionary.lookup(0x00080010).orElseThrow();
    assertEquals("RecognitionCode", retired.keyword());
    assertTrue(retired.retired());
    assertEquals("OverlayData", dictionary.keywordOf(0x601E3000).orElseThrow());
    assertEquals("CurveDimensions", dictionary.keywordOf(0x50020005).orElseThrow());
    assertEquals(0x60003000, dictionary.tagOf("OverlayData").getAsInt());
    assertFalse(dictionary.lookup(0x60013000).isPresent(), "odd groups are private, not overlays");
  }

  @Test
  void implicitVrRules() {
    assertEquals(Vr.UL, dictionary.vrOf(0x00090000), "group length");
    assertEquals(Vr.LO, dictionary.vrOf(0x00290010), "private creator");
    assertEquals(Vr.UN, dictionary.vrOf(0x00291010), "unknown private element");
    assertEquals(Vr.SQ, dictionary.vrOf(0x00081115));
    assertEquals(Vr.OW, dictionary.vrOf(DicomTags.PIXEL_DATA));
  }

  @Test
  void everyCommonTagConstantIsInTheDictionary() throws Exception {
    for (java.lang.reflect.Field field : DicomTags.class.getFields()) {
      int tag = field.getInt(null);
      if (tag >>> 16 != 0xFFFE) {
        assertTrue(dictionary.lookup(tag).isPresent(), field.getName());
      }
    }
  }
}
