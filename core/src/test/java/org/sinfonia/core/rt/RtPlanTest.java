package org.sinfonia.core.rt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sinfonia.core.dicom.DumpBuilder;

/** RT Plan (a static beam and an arc) and RT Ion Plan, summaries asserted exactly. */
class RtPlanTest {

  @TempDir Path dir;

  @Test
  void photonPlan() throws Exception {
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.481.5")
            .text("(0008,0018)", "UI", "2.25.530001")
            .text("(0008,0060)", "CS", "RTPLAN")
            .text("(300a,0002)", "SH", "PROST_VMAT")
            .text("(300a,0003)", "LO", "Prostate VMAT")
            .text("(300a,0006)", "DA", "20240316")
            .text("(300a,0007)", "TM", "090000")
            .text("(300a,000c)", "CS", "PATIENT")
            .sequence(
                "(300a,0010)",
                ref ->
                    ref.text("(300a,0012)", "IS", "1")
                        .text("(300a,0014)", "CS", "VOLUME")
                        .text("(300a,0016)", "LO", "PTV 78 Gy")
                        .text("(300a,0020)", "CS", "TARGET")
                        .text("(300a,0026)", "DS", "78")
                        .text("(3006,0084)", "IS", "1"))
            .sequence(
                "(300a,0070)",
                group ->
                    group
                        .text("(300a,0071)", "IS", "1")
                        .text("(300a,0078)", "IS", "39")
                        .text("(300a,0080)", "IS", "2")
                        .sequence(
                            "(300c,0004)",
                            beam ->
                                beam.text("(300a,0086)", "DS", "120.5")
                                    .text("(300c,0006)", "IS", "1"),
                            beam ->
                                beam.text("(300a,0086)", "DS", "310.25")
                                    .text("(300c,0006)", "IS", "2")))
            .sequence(
                "(300a,00b0)",
                beam ->
                    beam.text("(300a,00b2)", "SH", "LINAC1")
                        .text("(300a,00b3)", "CS", "MU")
                        .text("(300a,00c0)", "IS", "1")
                        .text("(300a,00c2)", "LO", "AP")
                        .text("(300a,00c4)", "CS", "STATIC")
                        .text("(300a,00c6)", "CS", "PHOTON")
                        .text("(300a,0110)", "IS", "2")
                        .sequence(
                            "(300a,0111)",
                            cp -> cp.text("(300a,0112)", "IS", "0").text("(300a,011e)", "DS", "0"),
                            cp -> cp.text("(300a,0112)", "IS", "1")),
                beam ->
                    beam.text("(300a,00b2)", "SH", "LINAC1")
                        .text("(300a,00b3)", "CS", "MU")
                        .text("(300a,00c0)", "IS", "2")
                        .text("(300a,00c2)", "LO", "Arc CW")
                        .text("(300a,00c4)", "CS", "DYNAMIC")
                        .text("(300a,00c6)", "CS", "PHOTON")
                        .text("(300a,0110)", "IS", "3")
                        .sequence(
                            "(300a,0111)",
                            cp -> cp.text("(300a,011e)", "DS", "181"),
                            cp -> cp.text("(300a,011e)", "DS", "0"),
                            cp -> cp.text("(300a,011e)", "DS", "179")));
    Path file = DumpFiles.write(dir, "rtplan", dump, "-e");
    assertEquals(
        new RtPlanSummary(
            "PROST_VMAT",
            "Prostate VMAT",
            "20240316",
            "090000",
            "PATIENT",
            false,
            List.of(new Prescription(1, "VOLUME", "PTV 78 Gy", "TARGET", 78.0, 1)),
            List.of(
                new FractionGroup(
                    1,
                    39,
                    2,
                    List.of(
                        new FractionGroup.BeamMeterset(1, 120.5),
                        new FractionGroup.BeamMeterset(2, 310.25)))),
            List.of(
                new BeamSummary(
                    1, "AP", "STATIC", "PHOTON", "LINAC1", "MU", 2, List.of(0.0), 120.5),
                new BeamSummary(
                    2,
                    "Arc CW",
                    "DYNAMIC",
                    "PHOTON",
                    "LINAC1",
                    "MU",
                    3,
                    List.of(181.0, 0.0, 179.0),
                    310.25))),
        RtPlanReader.summarize(DumpFiles.header(file)));
  }

  @Test
  void ionPlan() throws Exception {
    DumpBuilder dump =
        new DumpBuilder()
            .text("(0008,0016)", "UI", "1.2.840.10008.5.1.4.1.1.481.8")
            .text("(0008,0018)", "UI", "2.25.540001")
            .text("(0008,0060)", "CS", "RTPLAN")
            .text("(300a,0002)", "SH", "PROTON1")
            .sequence(
                "(300a,0070)",
                group ->
                    group
                        .text("(300a,0071)", "IS", "1")
                        .text("(300a,0078)", "IS", "30")
                        .text("(300a,0080)", "IS", "1")
                        .sequence(
                            "(300c,0004)",
                            beam ->
                                beam.text("(300a,0086)", "DS", "1.5e9")
                                    .text("(300c,0006)", "IS", "7")))
            .sequence(
                "(300a,03a2)",
                beam ->
                    beam.text("(300a,00b2)", "SH", "GANTRY2")
                        .text("(300a,00b3)", "CS", "NP")
                        .text("(300a,00c0)", "IS", "7")
                        .text("(300a,00c2)", "LO", "RPO")
                        .text("(300a,00c4)", "CS", "STATIC")
                        .text("(300a,00c6)", "CS", "PROTON")
                        .sequence(
                            "(300a,03a8)",
                            cp -> cp.text("(300a,011e)", "DS", "270"),
                            cp -> cp.text("(300a,0112)", "IS", "1")));
    Path file = DumpFiles.write(dir, "rtionplan", dump);
    assertEquals(
        new RtPlanSummary(
            "PROTON1",
            null,
            null,
            null,
            null,
            true,
            List.of(),
            List.of(new FractionGroup(1, 30, 1, List.of(new FractionGroup.BeamMeterset(7, 1.5e9)))),
            List.of(
                new BeamSummary(
                    7, "RPO", "STATIC", "PROTON", "GANTRY2", "NP", 2, List.of(270.0), 1.5e9))),
        RtPlanReader.summarize(DumpFiles.header(file)));
  }
}
