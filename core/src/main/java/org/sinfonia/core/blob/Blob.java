package org.sinfonia.core.blob;

/** A stored, immutable blob: content address (lower-case hex SHA-256) and size in bytes. */
public record Blob(String sha256, long size) {}
