package org.sinfonia.web.ingest;

import org.sinfonia.core.ingest.Origin;

/**
 * A stored blob to be recorded as a file named {@code name} (in a new item of that name), with its
 * door.
 */
public record Registration(String name, String mimeType, Ingested ingested, Origin origin) {

  public Registration withName(String other) {
    return new Registration(other, mimeType, ingested, origin);
  }
}
