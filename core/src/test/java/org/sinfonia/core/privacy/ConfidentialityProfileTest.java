package org.sinfonia.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfidentialityProfileTest {

  private final ConfidentialityProfile table = ConfidentialityProfile.standard();

  private ProfileAttribute row(int tag) {
    return table.lookup(tag).orElseThrow(() -> new AssertionError(Tags.format(tag) + " missing"));
  }

  @Test
  void loadsTheWholeTableWithUniqueTags() {
    assertEquals(444, table.rows().size());
    Set<String> seen = new HashSet<>();
    for (ProfileAttribute r : table.rows()) {
      assertTrue(seen.add(r.pattern()), "duplicate " + r.pattern());
    }
  }

  /** Spot checks, each read from PS3.15 Table E.1-1 (see the resource header for the source). */
  @Test
  void keyAttributesHaveTheActionsOfTheStandard() {
    assertEquals(ProfileAction.Z, row(0x00100010).basic()); // Patient's Name
    assertEquals(ProfileAction.Z, row(0x00100020).basic()); // Patient ID
    assertEquals(ProfileAction.Z, row(0x00100030).basic()); // Patient's Birth Date
    assertEquals(ProfileAction.X_Z_D, row(0x00080080).basic()); // Institution Name
    assertEquals(
        ProfileAction.K, row(0x00080080).under(ConfidentialityOption.RETAIN_INSTITUTION_IDENTITY));
    assertEquals(ProfileAction.Z, row(0x00080090).basic()); // Referring Physician's Name
    assertEquals(ProfileAction.U, row(0x0020000D).basic()); // Study Instance UID
    // added to the current edition after the transcribed one
    assertEquals(ProfileAction.X_D, row(0x00080012).basic()); // Instance Creation Date
    assertEquals(ProfileAction.X_Z_D, row(0x00080013).basic()); // Instance Creation Time
    assertEquals(
        ProfileAction.C,
        row(0x00080012).under(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES));
    assertEquals(ProfileAction.K, row(0x0020000D).under(ConfidentialityOption.RETAIN_UIDS));
    assertEquals(ProfileAction.U, row(0x00080018).basic()); // SOP Instance UID
    assertEquals(ProfileAction.U, row(0x00200052).basic()); // Frame of Reference UID
    assertEquals(ProfileAction.Z, row(0x00080050).basic()); // Accession Number
    ProfileAttribute studyDate = row(0x00080020);
    assertEquals(ProfileAction.Z, studyDate.basic());
    assertEquals(
        ProfileAction.K, studyDate.under(ConfidentialityOption.RETAIN_LONGITUDINAL_FULL_DATES));
    assertEquals(
        ProfileAction.C, studyDate.under(ConfidentialityOption.RETAIN_LONGITUDINAL_MODIFIED_DATES));
    assertEquals(ProfileAction.X_Z_D, row(0x00081070).basic()); // Operators' Name
    ProfileAttribute serial = row(0x00181000); // Device Serial Number
    assertEquals(ProfileAction.X_Z_D, serial.basic());
    assertEquals(ProfileAction.K, serial.under(ConfidentialityOption.RETAIN_DEVICE_IDENTITY));
    assertEquals(ProfileAction.X_Z_D, row(0x00081010).basic()); // Station Name
    ProfileAttribute sex = row(0x00100040);
    assertEquals(ProfileAction.Z, sex.basic());
    assertEquals(ProfileAction.K, sex.under(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS));
    assertEquals(
        ProfileAction.K,
        row(0x00101010).under(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS));
    assertEquals(
        ProfileAction.K,
        row(0x00101030).under(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS));
    assertEquals(
        ProfileAction.K,
        row(0x00101020).under(ConfidentialityOption.RETAIN_PATIENT_CHARACTERISTICS));
    ProfileAttribute seriesDescription = row(0x0008103E);
    assertEquals(ProfileAction.X, seriesDescription.basic());
    assertEquals(ProfileAction.C, seriesDescription.under(ConfidentialityOption.CLEAN_DESCRIPTORS));
    assertEquals(ProfileAction.X_Z_U, row(0x00081140).basic()); // Referenced Image Sequence
    assertEquals(ProfileAction.X, row(0x00101001).basic()); // Other Patient Names
    assertEquals(ProfileAction.X, row(0x00081050).basic()); // Performing Physician's Name
    assertEquals(ProfileAction.X, row(0x00880200).basic()); // Icon Image Sequence
    assertEquals(ProfileAction.X, row(0xFFFAFFFA).basic()); // Digital Signatures Sequence
    assertEquals(ProfileAction.D, row(0x0040A730).basic()); // Content Sequence
  }

  @Test
  void repeatingGroupsAndPrivateRule() {
    assertEquals("(50xx,xxxx)", row(0x50023000).pattern()); // curve data, any element
    assertEquals("(60xx,3000)", row(0x60023000).pattern()); // overlay data
    assertEquals("(60xx,4000)", row(0x601E4000).pattern()); // overlay comments
    assertFalse(table.lookup(0x60020010).isPresent()); // overlay rows: not in the table
    ProfileAttribute priv = row(0x00191008);
    assertSame(table.privateRule(), priv);
    assertSame(priv, row(0x60013000)); // odd 60xx group: private, not overlay
    assertSame(priv, row(0x00290010)); // private creator
    assertEquals(ProfileAction.X, priv.basic());
    assertEquals(ProfileAction.C, priv.under(ConfidentialityOption.RETAIN_SAFE_PRIVATE));
    assertEquals(ProfileAttribute.Category.PRIVATE, priv.category());
  }

  @Test
  void attributesOutsideTheTableAreNotFound() {
    assertFalse(table.lookup(0x00280010).isPresent()); // Rows
    assertFalse(table.lookup(0x7FE00010).isPresent()); // Pixel Data
    assertFalse(table.lookup(0x00080016).isPresent()); // SOP Class UID
    assertFalse(table.lookup(0x00020010).isPresent()); // Transfer Syntax UID
  }

  @Test
  void categoriesFollowTheOptionColumns() {
    assertEquals(ProfileAttribute.Category.IDENTIFYING, row(0x00100010).category());
    assertEquals(ProfileAttribute.Category.UID, row(0x0020000D).category());
    assertEquals(ProfileAttribute.Category.DATE_TIME, row(0x00080020).category());
    assertEquals(ProfileAttribute.Category.DEVICE, row(0x00181000).category());
    assertEquals(ProfileAttribute.Category.INSTITUTION, row(0x00080080).category());
    assertEquals(ProfileAttribute.Category.PATIENT_CHARACTERISTICS, row(0x00101010).category());
    assertEquals(ProfileAttribute.Category.DESCRIPTOR, row(0x00081030).category());
  }

  @Test
  void actionParsingAcceptsTheStandardsSpelling() {
    assertEquals(ProfileAction.X_Z_U, ProfileAction.parse("X/Z/U*"));
    assertEquals(ProfileAction.X_Z_U, ProfileAction.parse("x/z/u"));
    assertEquals("Z/D", ProfileAction.Z_D.code());
    assertNull(row(0x00100010).under(ConfidentialityOption.RETAIN_UIDS));
  }
}
