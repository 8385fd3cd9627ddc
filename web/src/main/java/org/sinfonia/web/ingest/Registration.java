package org.sinfonia.web.ingest;

/** A stored blob to be recorded as a file named {@code name} (in a new item of that name). */
public record Registration(String name, String mimeType, Ingested ingested) {
}
