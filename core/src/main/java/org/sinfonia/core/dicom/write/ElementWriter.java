package org.sinfonia.core.dicom.write;

import java.io.IOException;

/** Writes one element (a value, or a whole sequence) through a writer: replacements, additions. */
@FunctionalInterface
public interface ElementWriter {
  void write(DicomPart10Writer writer) throws IOException;
}
