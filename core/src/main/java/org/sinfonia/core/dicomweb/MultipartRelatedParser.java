package org.sinfonia.core.dicomweb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An incremental, push-fed parser of a {@code multipart/related} body (RFC 2387 / RFC 2046), one
 * instance per body, in the manner of a Netty decoder: {@link #feed} takes whatever chunk arrived,
 * {@link #end} says the body is over. Part bodies are handed to the {@link Listener} as read-only
 * slices of the fed buffers (never copied), except the few bytes at the end of a chunk that could
 * start a delimiter, which are held back (at most the delimiter's length) and delivered once the
 * next chunk shows they are data.
 *
 * <p>The delimiter {@code CRLF--boundary} is found with a Boyer-Moore-Horspool skip table built
 * once, so a 64 KiB chunk of a 70-byte delimiter costs about 1,000 comparisons, and nothing is
 * allocated per byte. The body is treated as if a CRLF preceded it, so a first delimiter at the
 * very start is found too. Preamble and epilogue are ignored; part headers are limited in size.
 */
public final class MultipartRelatedParser {

  /**
   * Receives the parts of the body, in order. May throw to stop parsing (the exception propagates).
   */
  public interface Listener {
    /** A part begins; header names are lower-case. */
    void partStart(Map<String, String> headers);

    /**
     * Bytes of the current part's body; the buffer is only valid until the call returns unless
     * retained.
     */
    void partData(ByteBuffer data);

    /** The current part is complete. */
    void partEnd();

    /**
     * Asked between steps: true stops {@link #feed} early, leaving the rest of the chunk unconsumed
     * (its position says where), so a consumer that is behind is not handed thousands of small
     * parts of one chunk at once.
     */
    default boolean suspended() {
      return false;
    }
  }

  /** Thrown for a body that is not a well-formed multipart body. */
  public static final class MalformedMultipartException extends Exception {
    public MalformedMultipartException(String message) {
      super(message, null, false, false);
    }
  }

  private enum State {
    PREAMBLE,
    AFTER_DELIMITER,
    HEADERS,
    BODY,
    EPILOGUE,
    FAILED
  }

  public static final int MAX_HEADER_BYTES = 16 * 1024;

  private final Listener listener;
  private final byte[] delimiter;
  private final int[] skip = new int[256];

  /**
   * Bytes seen but not yet delivered or consumed: a possible delimiter prefix, or a partial header
   * block.
   */
  private byte[] carry;

  private int carryLength;
  private State state = State.PREAMBLE;
  private int parts;
  private long position;

  public MultipartRelatedParser(String boundary, Listener listener) {
    if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
      throw new IllegalArgumentException("a multipart boundary has 1 to 70 characters");
    }
    this.listener = listener;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int n = delimiter.length;
    java.util.Arrays.fill(skip, n);
    for (int i = 0; i < n - 1; i++) {
      skip[delimiter[i] & 0xFF] = n - 1 - i;
    }
    carry = new byte[Math.max(2 * n + 8, 256)];
    carry[0] = '\r';
    carry[1] = '\n';
    carryLength = 2;
  }

  /** Parts seen so far (complete or started). */
  public int parts() {
    return parts;
  }

  /** True once the closing delimiter has been read. */
  public boolean complete() {
    return state == State.EPILOGUE;
  }

  public boolean inPart() {
    return state == State.BODY;
  }

  /**
   * Consumes the chunk (its position moves to its limit), unless the listener suspends parsing:
   * then the chunk's position tells what is left for the next call.
   */
  public void feed(ByteBuffer chunk) throws MalformedMultipartException {
    if (state == State.FAILED) {
      throw new MalformedMultipartException("the body was already found malformed");
    }
    try {
      while (chunk.hasRemaining() && !listener.suspended()) {
        switch (state) {
          case PREAMBLE, BODY -> scan(chunk);
          case AFTER_DELIMITER -> afterDelimiter(chunk);
          case HEADERS -> headers(chunk);
          case EPILOGUE -> {
            position += chunk.remaining();
            chunk.position(chunk.limit());
          }
          default -> throw new IllegalStateException(state.name());
        }
      }
    } catch (MalformedMultipartException | RuntimeException e) {
      state = State.FAILED;
      throw e;
    }
  }

  /** The body is over: fails unless the closing delimiter was seen. */
  public void end() throws MalformedMultipartException {
    if (state != State.EPILOGUE) {
      String where =
          switch (state) {
            case PREAMBLE ->
                parts == 0
                    ? "no part starts with the boundary given in Content-Type"
                    : "before a part";
            case BODY -> "inside part " + parts;
            case HEADERS, AFTER_DELIMITER -> "in the headers of part " + (parts + 1);
            default -> "";
          };
      state = State.FAILED;
      throw new MalformedMultipartException(
          "the multipart body ends without its closing delimiter, " + where);
    }
  }

  /** PREAMBLE / BODY: looks for the delimiter; in BODY, delivers the bytes before it. */
  private void scan(ByteBuffer chunk) {
    int n = delimiter.length;
    if (carryLength > 0) {
      // A delimiter may straddle the held-back bytes and this chunk: look in carry + the chunk's
      // first bytes.
      int take = Math.min(chunk.remaining(), n - 1);
      ensureCarry(carryLength + take);
      int start = chunk.position();
      chunk.get(start, carry, carryLength, take);
      int total = carryLength + take;
      int found = indexOf(carry, total, carryLength);
      if (found >= 0) {
        deliverCarry(found);
        int consumed = found + n - carryLength;
        chunk.position(start + consumed);
        position += consumed;
        carryLength = 0;
        delimiterFound();
        return;
      }
      if (take == chunk.remaining()) {
        // The whole (small) chunk went into the carry: keep what could still begin a delimiter.
        chunk.position(start + take);
        position += take;
        carryLength = total;
        int s = 0;
        while (s < carryLength && !isDelimiterPrefix(carry, s, carryLength)) {
          s++;
        }
        deliverCarry(s);
        System.arraycopy(carry, s, carry, 0, carryLength - s);
        carryLength -= s;
        return;
      }
      // n - 1 bytes of the chunk were enough to rule out a delimiter starting in the carry.
      deliverCarry(carryLength);
      carryLength = 0;
    }
    int from = chunk.position();
    int limit = chunk.limit();
    int at = horspool(chunk, from, limit);
    if (at >= 0) {
      deliver(chunk, from, at);
      chunk.position(at + n);
      position += at + n - from;
      delimiterFound();
      return;
    }
    // No delimiter in the chunk: hold back the shortest tail that could begin one.
    int s = Math.max(from, limit - (n - 1));
    while (s < limit && !isDelimiterPrefix(chunk, s, limit)) {
      s++;
    }
    deliver(chunk, from, s);
    chunk.get(s, carry, 0, limit - s);
    carryLength = limit - s;
    chunk.position(limit);
    position += limit - from;
  }

  private boolean isDelimiterPrefix(byte[] a, int from, int to) {
    if (to - from >= delimiter.length) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (a[i] != delimiter[i - from]) {
        return false;
      }
    }
    return true;
  }

  private boolean isDelimiterPrefix(ByteBuffer b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b.get(i) != delimiter[i - from]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Index of the first delimiter in {@code a[0, to)} that starts before {@code startBefore}, or -1.
   */
  private int indexOf(byte[] a, int to, int startBefore) {
    int n = delimiter.length;
    for (int s = 0; s < startBefore && s + n <= to; s++) {
      int i = 0;
      while (i < n && a[s + i] == delimiter[i]) {
        i++;
      }
      if (i == n) {
        return s;
      }
    }
    return -1;
  }

  private int horspool(ByteBuffer b, int from, int limit) {
    int n = delimiter.length;
    int last = n - 1;
    byte lastByte = delimiter[last];
    int s = from;
    while (s + n <= limit) {
      byte c = b.get(s + last);
      if (c == lastByte) {
        int i = last - 1;
        while (i >= 0 && b.get(s + i) == delimiter[i]) {
          i--;
        }
        if (i < 0) {
          return s;
        }
      }
      s += skip[c & 0xFF];
    }
    return -1;
  }

  private void deliver(ByteBuffer chunk, int from, int to) {
    if (state == State.BODY && to > from) {
      listener.partData(chunk.slice(from, to - from).asReadOnlyBuffer());
    }
  }

  /** Delivers the first {@code to} held-back bytes (a copy: the carry array is reused). */
  private void deliverCarry(int to) {
    if (state == State.BODY && to > 0) {
      byte[] copy = java.util.Arrays.copyOfRange(carry, 0, to);
      listener.partData(ByteBuffer.wrap(copy).asReadOnlyBuffer());
    }
  }

  private void delimiterFound() {
    if (state == State.BODY) {
      listener.partEnd();
    }
    state = State.AFTER_DELIMITER;
    carryLength = 0;
  }

  /**
   * After a delimiter: "--" closes the body; otherwise optional whitespace, then CRLF and the part
   * headers.
   */
  private void afterDelimiter(ByteBuffer chunk) throws MalformedMultipartException {
    while (chunk.hasRemaining()) {
      byte b = chunk.get();
      position++;
      ensureCarry(carryLength + 1);
      carry[carryLength++] = b;
      if (carryLength == 2 && carry[0] == '-' && carry[1] == '-') {
        state = State.EPILOGUE;
        carryLength = 0;
        return;
      }
      if (b == '\n') {
        if (carryLength < 2 || carry[carryLength - 2] != '\r') {
          throw new MalformedMultipartException("a bare LF after the boundary at byte " + position);
        }
        for (int i = 0; i < carryLength - 2; i++) {
          if (carry[i] != ' ' && carry[i] != '\t') {
            throw new MalformedMultipartException(
                "unexpected bytes after the boundary at byte " + position);
          }
        }
        carryLength = 0;
        state = State.HEADERS;
        return;
      }
      if (carryLength > 64) {
        throw new MalformedMultipartException(
            "unexpected bytes after the boundary at byte " + position);
      }
    }
  }

  /** Collects the header block up to the empty line. */
  private void headers(ByteBuffer chunk) throws MalformedMultipartException {
    while (chunk.hasRemaining()) {
      byte b = chunk.get();
      position++;
      ensureCarry(carryLength + 1);
      carry[carryLength++] = b;
      boolean emptyBlock = carryLength == 2 && carry[0] == '\r' && carry[1] == '\n';
      boolean endOfBlock =
          carryLength >= 4
              && carry[carryLength - 4] == '\r'
              && carry[carryLength - 3] == '\n'
              && carry[carryLength - 2] == '\r'
              && b == '\n';
      if (emptyBlock || endOfBlock) {
        Map<String, String> headers =
            parseHeaders(new String(carry, 0, carryLength, StandardCharsets.ISO_8859_1));
        carryLength = 0;
        parts++;
        state = State.BODY;
        listener.partStart(headers);
        return;
      }
      if (carryLength > MAX_HEADER_BYTES) {
        throw new MalformedMultipartException(
            "the headers of part " + (parts + 1) + " exceed " + MAX_HEADER_BYTES + " bytes");
      }
    }
  }

  private static Map<String, String> parseHeaders(String block) throws MalformedMultipartException {
    Map<String, String> headers = new LinkedHashMap<>();
    String last = null;
    for (String line : block.split("\r\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        headers.merge(last, " " + line.strip(), String::concat); // folded continuation
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedMultipartException("a part header without a colon: " + abbreviate(line));
      }
      last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      headers.put(last, line.substring(colon + 1).trim());
    }
    return headers;
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private void ensureCarry(int size) {
    if (size > carry.length) {
      carry = java.util.Arrays.copyOf(carry, Math.max(size, carry.length * 2));
    }
  }
}
