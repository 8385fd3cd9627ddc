package org.sinfonia.core.blob;

import java.io.IOException;

/** A partial blob is gone, or holds fewer bytes than were recorded: its writer cannot resume it. */
public final class PartialBlobLost extends IOException {

  private final String id;

  public PartialBlobLost(String id) {
    super("the bytes of partial blob " + id + " are gone");
    this.id = id;
  }

  public String id() {
    return id;
  }
}
