package org.sinfonia.core.ingest;

/**
 * @param maxFileBytes largest file accepted through any door (413 beyond it, never truncated)
 * @param syncEveryBytes how often the data written so far is synced while a file streams in, so the
 *     final sync has little left to do (0 = only at the end)
 */
public record IngestLimits(long maxFileBytes, long syncEveryBytes) {}
