package org.sinfonia.verticles.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import java.nio.charset.StandardCharsets;

/** Registers the codecs of Sinfonia's event-bus message types, once per Vert.x instance. */
public final class Codecs {

  private Codecs() {}

  public static void register(Vertx vertx) {
    vertx.eventBus().registerDefaultCodec(JobRef.class, new JobRefCodec());
  }

  /** Wire form: two length-prefixed UTF-8 strings, so the message crosses a cluster too. */
  static final class JobRefCodec implements MessageCodec<JobRef, JobRef> {
    @Override
    public void encodeToWire(Buffer buffer, JobRef ref) {
      for (String s : new String[] {ref.id(), ref.kind()}) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        buffer.appendInt(bytes.length).appendBytes(bytes);
      }
    }

    @Override
    public JobRef decodeFromWire(int pos, Buffer buffer) {
      int idLength = buffer.getInt(pos);
      String id = buffer.getString(pos + 4, pos + 4 + idLength, "UTF-8");
      int kindAt = pos + 4 + idLength;
      int kindLength = buffer.getInt(kindAt);
      return new JobRef(id, buffer.getString(kindAt + 4, kindAt + 4 + kindLength, "UTF-8"));
    }

    @Override
    public JobRef transform(JobRef ref) {
      return ref;
    }

    @Override
    public String name() {
      return "sinfonia.JobRef";
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
