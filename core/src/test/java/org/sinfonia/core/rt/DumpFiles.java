package org.sinfonia.core.rt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sinfonia.core.dicom.Dcmtk;
import org.sinfonia.core.dicom.DicomDataset;
import org.sinfonia.core.dicom.DicomHeaderReader;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DumpBuilder;

/** Writes a dump2dcm text dump, turns it into a DICOM file with dcmtk and reads its header back. */
final class DumpFiles {

  private DumpFiles() {}

  static Path write(Path dir, String name, DumpBuilder dump, String... dump2dcmOptions)
      throws IOException {
    Files.write(dir.resolve(name + ".txt"), dump.toBytes());
    List<String> command = new ArrayList<>(List.of("dump2dcm", "-q", "+l", "4000000"));
    command.addAll(List.of(dump2dcmOptions));
    command.addAll(List.of(name + ".txt", name + ".dcm"));
    Dcmtk.run(dir, command);
    return dir.resolve(name + ".dcm");
  }

  static DicomDataset header(Path file) throws Exception {
    return DicomHeaderReader.read(file, DicomParserOptions.defaults());
  }
}
