package org.sinfonia.core.ingest;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a door asks of ingest for one file: the name it wants (fixed, or read from the content once
 * the taps have seen it: STOW-RS names an instance by its SOP Instance UID), the media type it was
 * told (null: decided from the content and the name), what to do when the name is taken, who stores
 * it, and a gate that may still refuse the file once its bytes are seen.
 */
public record IngestOptions(
    Function<List<IngestTap>, String> naming,
    String mediaType,
    ConflictPolicy onConflict,
    String creator,
    IngestGate gate) {

  public IngestOptions {
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(onConflict, "onConflict");
    Objects.requireNonNull(creator, "creator");
    Objects.requireNonNull(gate, "gate");
  }

  /** A file under its name, renamed if the name is taken, of the type its content or name says. */
  public static IngestOptions named(String name, String creator) {
    Objects.requireNonNull(name, "name");
    return new IngestOptions(
        taps -> name, null, ConflictPolicy.RENAME, creator, IngestGate.ACCEPT_ALL);
  }

  /**
   * As {@link #named}, with the name read from what the taps saw (after the gate has accepted the
   * file).
   */
  public static IngestOptions namedByContent(
      Function<List<IngestTap>, String> naming, String creator) {
    return new IngestOptions(naming, null, ConflictPolicy.RENAME, creator, IngestGate.ACCEPT_ALL);
  }

  public String nameFor(List<IngestTap> taps) {
    return naming.apply(taps);
  }

  public IngestOptions withMediaType(String declared) {
    return new IngestOptions(naming, MediaTypes.declared(declared), onConflict, creator, gate);
  }

  public IngestOptions withConflictPolicy(ConflictPolicy policy) {
    return new IngestOptions(naming, mediaType, policy, creator, gate);
  }

  public IngestOptions withGate(IngestGate check) {
    return new IngestOptions(naming, mediaType, onConflict, creator, check);
  }
}
