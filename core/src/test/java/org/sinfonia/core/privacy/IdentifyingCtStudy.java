package org.sinfonia.core.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DumpBuilder;

/**
 * Two CT images of one study, made with dcmtk's dump2dcm, that carry identifying values at every
 * level PS3.15 Table E.1-1 reaches: a source AE title in the file meta; patient, study, series and
 * equipment attributes at the top level; names, IDs and UIDs inside sequences (two deep in the
 * Source Image Sequence and the Request Attributes Sequence); a private block; and UIDs that the
 * two files share (study, series, frame of reference) or point at in each other (Referenced /
 * Source Image Sequence).
 */
final class IdentifyingCtStudy {

  static final String STUDY_UID = "1.2.826.0.1.3680043.9.7777.2";
  static final String SERIES_UID = STUDY_UID + ".1";
  static final String FRAME_OF_REFERENCE_UID = STUDY_UID + ".9";
  static final String PRIOR_STUDY_UID = "1.2.826.0.1.3680043.9.7777.1";
  static final String CREATOR_UID = "1.2.826.0.1.3680043.9.7777.99";
  static final List<String> SOP_UIDS = List.of(SERIES_UID + ".1", SERIES_UID + ".2");
  static final int ROWS = 8;
  static final int COLUMNS = 8;

  /** Values that identify someone or something; none may survive Sinfonia's basic profile. */
  static final List<String> IDENTIFYING =
      List.of(
          "Garcia",
          "Maria",
          "PID-445566",
          "OTHER-ID-1",
          "ACC12345",
          "Ficticio",
          "Calle Mayor",
          "Referrer",
          "Rita",
          "Perez",
          "Olga",
          "Rolf",
          "Ramon",
          "SN-12345",
          "STATION7",
          "CT7_HOSPITAL",
          "RQ-778",
          "STUDY-42",
          "PPS-9",
          "secret",
          "19610704",
          "20240131",
          "555-0100",
          STUDY_UID,
          PRIOR_STUDY_UID,
          FRAME_OF_REFERENCE_UID,
          CREATOR_UID);

  private IdentifyingCtStudy() {}

  /** Writes image {@code index} (0 or 1) into {@code dir}; returns the file. */
  static Path write(Path dir, int index, byte[] pixels) throws IOException {
    Path raw = dir.resolve("pixels-" + index + ".raw");
    Files.write(raw, pixels);
    Path text = dir.resolve("image-" + index + ".dump");
    Files.write(text, dump(index, raw).toBytes());
    Path out = dir.resolve("image-" + index + ".dcm");
    Dcmtk.run(dir, List.of("dump2dcm", "+te", text.toString(), out.toString()));
    return out;
  }

  static byte[] pixels(int seed) {
    byte[] b = new byte[ROWS * COLUMNS * 2];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static DumpBuilder dump(int index, Path pixelFile) {
    String sop = SOP_UIDS.get(index);
    String other = SOP_UIDS.get(1 - index);
    String ct = "1.2.840.10008.5.1.4.1.1.2";
    return new DumpBuilder()
        .text("(0002,0016)", "AE", "CT7_HOSPITAL")
        .text("(0008,0005)", "CS", "ISO_IR 100")
        .text("(0008,0008)", "CS", "ORIGINAL\\PRIMARY\\AXIAL")
        .text("(0008,0012)", "DA", "20240131")
        .text("(0008,0013)", "TM", "101733")
        .text("(0008,0014)", "UI", CREATOR_UID)
        .text("(0008,0016)", "UI", ct)
        .text("(0008,0018)", "UI", sop)
        .text("(0008,0020)", "DA", "20240131")
        .text("(0008,0021)", "DA", "20240131")
        .text("(0008,0022)", "DA", "20240131")
        .text("(0008,0023)", "DA", "20240131")
        .text("(0008,002a)", "DT", "20240131101500")
        .text("(0008,0030)", "TM", "101500")
        .text("(0008,0031)", "TM", "101600")
        .text("(0008,0032)", "TM", "101700")
        .text("(0008,0033)", "TM", "101733")
        .text("(0008,0050)", "SH", "ACC12345")
        .text("(0008,0060)", "CS", "CT")
        .text("(0008,0070)", "LO", "ACME Scanners")
        .text("(0008,0080)", "LO", "Hospital Ficticio")
        .text("(0008,0081)", "ST", "Calle Mayor 1, Madrid")
        .text("(0008,0090)", "PN", "Referrer^Rita")
        .text("(0008,0092)", "ST", "Calle Mayor 3")
        .text("(0008,0094)", "SH", "555-0100")
        .text("(0008,1010)", "SH", "STATION7")
        .text("(0008,1030)", "LO", "CT head Garcia")
        .sequence(
            "(0008,1032)",
            item ->
                item.text("(0008,0100)", "SH", "CTHEAD")
                    .text("(0008,0102)", "SH", "99LOCAL")
                    .text("(0008,0104)", "LO", "CT head without contrast"))
        .text("(0008,103e)", "LO", "Axial for Maria")
        .text("(0008,1040)", "LO", "Radiology Ficticio")
        .text("(0008,1048)", "PN", "Perez^Record")
        .text("(0008,1050)", "PN", "Perez^Performer")
        .text("(0008,1060)", "PN", "Reader^Rolf")
        .text("(0008,1070)", "PN", "Oper^Olga")
        .text("(0008,1090)", "LO", "Model 9")
        .sequence(
            "(0008,1110)",
            item ->
                item.text("(0008,1150)", "UI", "1.2.840.10008.3.1.2.3.1")
                    .text("(0008,1155)", "UI", PRIOR_STUDY_UID))
        .sequence(
            "(0008,1140)",
            item -> item.text("(0008,1150)", "UI", ct).text("(0008,1155)", "UI", other))
        .sequence(
            "(0008,2112)",
            item ->
                item.text("(0008,1150)", "UI", ct)
                    .text("(0008,1155)", "UI", other)
                    .sequence(
                        "(0040,a170)",
                        code ->
                            code.text("(0008,0100)", "SH", "121322")
                                .text("(0008,0102)", "SH", "DCM")
                                .text("(0008,0104)", "LO", "Source image for processing")))
        .text("(0009,0010)", "LO", "ACME PRIVATE")
        .text("(0009,1001)", "LO", "Maria secret")
        .text("(0009,1002)", "DS", "1.5")
        .text("(0010,0010)", "PN", "Garcia^Maria")
        .text("(0010,0020)", "LO", "PID-445566")
        .text("(0010,0021)", "LO", "Hospital Ficticio MRN")
        .text("(0010,0030)", "DA", "19610704")
        .text("(0010,0032)", "TM", "0815")
        .text("(0010,0040)", "CS", "F")
        .text("(0010,1000)", "LO", "OTHER-ID-1")
        .text("(0010,1001)", "PN", "Garcia^Mary")
        .sequence("(0010,1002)", item -> item.text("(0010,0020)", "LO", "OTHER-ID-1"))
        .text("(0010,1010)", "AS", "062Y")
        .text("(0010,1020)", "DS", "1.65")
        .text("(0010,1030)", "DS", "61")
        .text("(0010,1040)", "LO", "Calle Mayor 5")
        .text("(0010,2154)", "SH", "555-0100")
        .text("(0010,2160)", "SH", "Hispanic")
        .text("(0010,4000)", "LT", "Maria is claustrophobic")
        .text("(0018,0015)", "CS", "HEAD")
        .text("(0018,0050)", "DS", "2.5")
        .text("(0018,1000)", "LO", "SN-12345")
        .text("(0018,1020)", "LO", "VA48")
        .text("(0018,1030)", "LO", "Head protocol for Garcia")
        .text("(0020,000d)", "UI", STUDY_UID)
        .text("(0020,000e)", "UI", SERIES_UID)
        .text("(0020,0010)", "SH", "STUDY-42")
        .text("(0020,0011)", "IS", "3")
        .text("(0020,0013)", "IS", String.valueOf(index + 1))
        .text("(0020,0052)", "UI", FRAME_OF_REFERENCE_UID)
        .text("(0020,4000)", "LT", "Maria moved")
        .raw("(0028,0002)", "US", "1")
        .text("(0028,0004)", "CS", "MONOCHROME2")
        .raw("(0028,0010)", "US", String.valueOf(ROWS))
        .raw("(0028,0011)", "US", String.valueOf(COLUMNS))
        .raw("(0028,0100)", "US", "16")
        .raw("(0028,0101)", "US", "16")
        .raw("(0028,0102)", "US", "15")
        .raw("(0028,0103)", "US", "0")
        .text("(0032,1032)", "PN", "Request^Ramon")
        .text("(0032,1060)", "LO", "CT head for Garcia")
        .text("(0040,0244)", "DA", "20240131")
        .text("(0040,0245)", "TM", "101500")
        .text("(0040,0253)", "SH", "PPS-9")
        .text("(0040,0254)", "LO", "CT head Garcia")
        .sequence(
            "(0040,0275)",
            item ->
                item.text("(0020,000d)", "UI", STUDY_UID)
                    .text("(0032,1060)", "LO", "CT head for Garcia")
                    .sequence(
                        "(0032,1064)",
                        code ->
                            code.text("(0008,0100)", "SH", "CTHEAD")
                                .text("(0008,0102)", "SH", "99LOCAL")
                                .text("(0008,0104)", "LO", "CT head for Maria Garcia"))
                    .text("(0040,0009)", "SH", "RQ-778")
                    .text("(0040,1001)", "SH", "RQ-778"))
        .raw("(7fe0,0010)", "OW", "=" + pixelFile);
  }
}
