/**
 * Zip in and out, for every door that takes or gives archives: guarded extraction, listing,
 * streamed writing. Plain blocking Java over Apache Commons Compress; callers run it on worker
 * threads.
 *
 * <h2>Extraction</h2>
 *
 * {@link org.sinfonia.core.zip.ZipExtractor} reads an archive either from storage through its
 * central directory ({@code extract}) or as its bytes arrive ({@code extractStream}), and hands
 * each entry to an {@link org.sinfonia.core.zip.EntrySink} once: a directory, a file (as a stream,
 * never a byte array), a nested archive (stored as a file, never expanded), or a skipped entry with
 * its {@link org.sinfonia.core.zip.ZipEntryProblem}. The sink only ever sees {@link
 * org.sinfonia.core.zip.EntryPath} segments that {@link org.sinfonia.core.zip.ZipEntryNames}
 * accepted, so no entry can land outside its target.
 *
 * <h2>Guards</h2>
 *
 * All limits are a {@link org.sinfonia.core.zip.ZipLimits} from configuration. Entry-level problems
 * (unsafe name, link, encryption, method, ratio, size or CRC mismatch) skip one entry;
 * archive-level refusals (too many entries, too large in total, overlapping entries, corrupt,
 * unreadable as a stream) end the run with an {@link org.sinfonia.core.error.ApiError} in the
 * {@link org.sinfonia.core.zip.ExtractionResult}. Sizes and ratios are enforced on the bytes
 * actually inflated, by the stream the sink reads, which also checks size and CRC-32 before it
 * reports the end of an entry. Random access checks everything archive-wide before the first entry;
 * a stream checks as entries go by. A crashed job resumes from an {@link
 * org.sinfonia.core.zip.ResumePoint}.
 *
 * <h2>Listing and writing</h2>
 *
 * {@link org.sinfonia.core.zip.ZipListing} reads the central directory alone into a {@link
 * org.sinfonia.core.zip.ZipTree} of plain records. {@link org.sinfonia.core.zip.ZipStreamWriter}
 * writes an archive to a non-seekable stream entry by entry, with ZIP64 decided from the declared
 * sizes and UTF-8 names.
 *
 * <p>Decisions, guard details and measured figures: {@code core/ZIP.md}.
 */
package org.sinfonia.core.zip;
