package org.sinfonia.core.zip;

/**
 * An entry that was not delivered, as listed in an {@link ExtractionResult} or a {@link ZipTree}.
 *
 * @param index position in archive order (physical order of local headers), counting from 0
 * @param rawName the decoded name from the archive, unsanitized: escape before display
 */
public record SkippedEntry(long index, String rawName, ZipEntryProblem problem) {}
