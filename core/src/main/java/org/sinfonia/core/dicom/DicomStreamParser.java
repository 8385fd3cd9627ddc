package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;

/**
 * Push-fed, incremental DICOM Part 10 parser. Feed it the bytes of one stream in chunks of any
 * size, then call {@link #end()}; it reports what it finds to a {@link DicomStreamListener}.
 *
 * <p>It reads the preamble and file meta information (or sniffs a bare data set), then implicit VR
 * little endian, explicit VR little or big endian, deflated and encapsulated data sets, with
 * defined and undefined lengths and nested sequences. Values above the bulk data threshold, and
 * pixel data always, are skipped without copying and reported by offset and length.
 *
 * <p>The parser is an explicit state machine (state + saved fields, never a call stack): between
 * chunks it keeps at most one element header (or the 132-byte preamble) and the value being
 * collected, which is never larger than the threshold. Malformed input of any kind ends in a {@link
 * DicomParseException} with the byte offset and tag path; nothing else escapes {@link #feed} or
 * {@link #end}. One instance reads one stream, on one thread at a time.
 */
public final class DicomStreamParser {

  private enum State {
    PREAMBLE,
    SNIFF,
    HEADER,
    VALUE,
    ENDED,
    FAILED
  }

  private static final int PREAMBLE_AND_PREFIX = 128 + 4;
  private static final int SHORT_HEADER = 8;
  private static final int LONG_HEADER = 12;
  private static final long UNDEFINED = 0xFFFFFFFFL;
  private static final int NO_TAG = -1;

  private final DicomStreamListener listener;
  private final DicomParserOptions options;
  private final DicomDictionary dictionary = DicomDictionary.standard();
  private final HeaderBytes header = new HeaderBytes(PREAMBLE_AND_PREFIX);
  private final ValueReader values;
  private final NestingStack levels = new NestingStack();

  private State state = State.PREAMBLE;

  /**
   * Offset of the next byte to read (after the file meta of a deflated file: in the inflated
   * stream).
   */
  private long position;

  private boolean explicitVr = true;
  private boolean bigEndian;
  private boolean inFileMeta;
  private boolean fileMetaSeen;
  private long fileMetaEnd = -1;
  private String declaredSyntaxUid;
  private TransferSyntax syntax;
  private DeflatedInput deflated;

  private int currentTag = NO_TAG;
  private DicomParseException failure;

  public DicomStreamParser(DicomStreamListener listener) {
    this(listener, DicomParserOptions.defaults());
  }

  public DicomStreamParser(DicomStreamListener listener, DicomParserOptions options) {
    this.listener = listener;
    this.options = options;
    this.values = new ValueReader(listener);
  }

  public void feed(byte[] bytes, int offset, int length) throws DicomParseException {
    feed(ByteBuffer.wrap(bytes, offset, length));
  }

  /**
   * Parses the chunk's remaining bytes (the buffer is consumed). After a failure every call throws
   * that failure again.
   *
   * @throws IllegalStateException if called after {@link #end()}
   */
  public void feed(ByteBuffer chunk) throws DicomParseException {
    guarded(() -> route(chunk));
  }

  /**
   * Ends the stream: reports a truncated file (offset and what was being read) or the clean end.
   *
   * @throws IllegalStateException if called twice
   */
  public void end() throws DicomParseException {
    guarded(
        () -> {
          if (state == State.PREAMBLE) {
            replayWithoutPreamble();
          }
          checkComplete();
          state = State.ENDED;
          releaseInflater();
          listener.end(position);
        });
  }

  /** Offset of the next byte to be read; for a deflated data set, counted in inflated bytes. */
  public long position() {
    return position;
  }

  /** The data set's encoding, once known; null before. */
  public TransferSyntax transferSyntax() {
    return syntax;
  }

  /**
   * A public entry point's work; any failure, even a bug, leaves as a DicomParseException and
   * sticks.
   */
  private interface Work {
    void run() throws DicomParseException, DataFormatException;
  }

  private void guarded(Work work) throws DicomParseException {
    if (state == State.FAILED) {
      throw failure;
    }
    if (state == State.ENDED) {
      throw new IllegalStateException("the stream has already ended");
    }
    try {
      work.run();
    } catch (DicomParseException e) {
      throw fail(e);
    } catch (DataFormatException e) {
      throw fail(error("corrupt deflated data: " + e.getMessage()));
    } catch (RuntimeException e) {
      throw fail(new DicomParseException(position, tagPath(), "internal error: " + e, e));
    }
  }

  private DicomParseException fail(DicomParseException e) {
    state = State.FAILED;
    failure = e;
    releaseInflater();
    return e;
  }

  /** Sends raw bytes to the parser, or through the inflater once a deflated data set has begun. */
  private void route(ByteBuffer in) throws DicomParseException, DataFormatException {
    while (in.hasRemaining()) {
      if (deflated == null) {
        step(in);
      } else {
        deflated.inflate(in, this::parseInflated);
      }
    }
  }

  private void parseInflated(ByteBuffer inflated) throws DicomParseException {
    while (inflated.hasRemaining()) {
      step(inflated);
    }
  }

  /**
   * One move of the state machine: consumes bytes or changes state (closing levels is bounded by
   * depth).
   */
  private void step(ByteBuffer in) throws DicomParseException {
    try {
      switch (state) {
        case PREAMBLE -> readPreamble(in);
        case SNIFF -> sniff(in);
        case HEADER -> readHeader(in);
        case VALUE -> readValue(in);
        default -> throw new IllegalStateException("parser is " + state);
      }
    } catch (DataFormatException e) {
      throw error("corrupt deflated data: " + e.getMessage());
    }
  }

  private void readPreamble(ByteBuffer in) throws DicomParseException, DataFormatException {
    position += header.fill(in, PREAMBLE_AND_PREFIX);
    if (header.size() < PREAMBLE_AND_PREFIX) {
      return;
    }
    if (header.matchesAscii(128, "DICM")) {
      header.clear();
      state = State.SNIFF;
    } else {
      replayWithoutPreamble();
    }
  }

  /** No "DICM" at 128: the bytes held so far are the start of a bare data set. */
  private void replayWithoutPreamble() throws DicomParseException, DataFormatException {
    byte[] held = header.drain();
    position = 0;
    state = State.SNIFF;
    route(ByteBuffer.wrap(held));
  }

  private void sniff(ByteBuffer in) throws DicomParseException, DataFormatException {
    position += header.fill(in, EncodingSniffer.BYTES_NEEDED);
    if (header.size() == EncodingSniffer.BYTES_NEEDED) {
      decideEncoding();
    }
  }

  /** Decides from the bytes held in {@code header}, which stay there for the first element. */
  private void decideEncoding() throws DicomParseException, DataFormatException {
    EncodingSniffer.Guess guess = EncodingSniffer.sniff(header, !fileMetaSeen);
    if (guess == null) {
      throw error("not a DICOM stream: no DICM prefix and no plausible first element");
    }
    if (guess.fileMeta()) {
      inFileMeta = true;
      fileMetaSeen = true;
      state = State.HEADER;
      return;
    }
    TransferSyntax sniffed = TransferSyntax.sniffed(guess.explicitVr(), guess.bigEndian());
    startDataset(
        declaredSyntaxUid == null
            ? sniffed
            : new TransferSyntax(
                declaredSyntaxUid, sniffed.explicitVr(), sniffed.bigEndian(), false, false, false));
  }

  private void startDataset(TransferSyntax found) throws DicomParseException, DataFormatException {
    syntax = found;
    explicitVr = found.explicitVr();
    bigEndian = found.bigEndian();
    state = State.HEADER;
    listener.datasetStart(found, position - header.size());
    if (found.deflated()) {
      deflated = new DeflatedInput();
      byte[] alreadyRead =
          header.drain(); // raw deflate bytes read while looking for the meta's end
      position -= alreadyRead.length;
      route(ByteBuffer.wrap(alreadyRead));
    }
  }

  private void endFileMeta() throws DicomParseException, DataFormatException {
    inFileMeta = false;
    TransferSyntax declared =
        declaredSyntaxUid == null ? null : TransferSyntax.forUid(declaredSyntaxUid);
    if (declared == null || !declared.recognized()) {
      state = State.SNIFF; // the header bytes already held are the data set's first ones
      if (header.size() == EncodingSniffer.BYTES_NEEDED) {
        decideEncoding();
      }
    } else {
      startDataset(declared);
    }
  }

  private void readHeader(ByteBuffer in) throws DicomParseException, DataFormatException {
    if (header.isEmpty()) {
      if (closeEndedLevel()) {
        return;
      }
      if (inFileMeta && fileMetaEnd >= 0 && position >= fileMetaEnd) {
        endFileMeta();
        return;
      }
    }
    position += header.fill(in, SHORT_HEADER);
    if (header.size() < SHORT_HEADER) {
      return;
    }
    int tag = header.u16(0, bigEndian) << 16 | header.u16(2, bigEndian);
    if (inFileMeta && fileMetaEnd < 0 && tag >>> 16 != 0x0002) {
      endFileMeta(); // no group length: the meta ends where group 0002 does
      return;
    }
    currentTag = tag;
    if (tag == DicomTags.ITEM
        || tag == DicomTags.ITEM_DELIMITATION_ITEM
        || tag == DicomTags.SEQUENCE_DELIMITATION_ITEM) {
      long length = header.u32(4, bigEndian);
      header.clear();
      readItemTag(tag, length);
      return;
    }
    if (!levels.isEmpty() && levels.top().kind != NestingLevel.Kind.ITEM) {
      throw error("data element where an item was expected");
    }
    Vr vr;
    long length;
    if (explicitVr) {
      vr = Vr.ofCode(header.u8(4), header.u8(5));
      if (vr == null) {
        throw error(String.format("invalid VR bytes %02X %02X", header.u8(4), header.u8(5)));
      }
      if (vr.hasLongLength()) {
        position += header.fill(in, LONG_HEADER);
        if (header.size() < LONG_HEADER) {
          return;
        }
        length = header.u32(8, bigEndian);
      } else {
        length = header.u16(6, bigEndian);
      }
    } else {
      vr = dictionary.vrOf(tag);
      length = header.u32(4, bigEndian);
    }
    header.clear();
    startElement(tag, vr, length);
  }

  private void startElement(int tag, Vr vr, long length) throws DicomParseException {
    if (length == UNDEFINED) {
      ElementHeader undefined =
          new ElementHeader(tag, vr, ElementHeader.UNDEFINED_LENGTH, position, bigEndian);
      if (vr == Vr.SQ || vr == Vr.UN) {
        push(NestingLevel.Kind.SEQUENCE, tag, -1);
        if (vr
            == Vr.UN) { // CP-246: the items of an undefined-length UN are implicit VR little endian
          explicitVr = false;
          bigEndian = false;
        }
        listener.sequenceStart(undefined);
      } else {
        push(NestingLevel.Kind.FRAGMENTS, tag, -1);
        listener.fragmentsStart(undefined);
      }
      currentTag = NO_TAG;
      return;
    }
    checkFits(length);
    ElementHeader defined = new ElementHeader(tag, vr, length, position, bigEndian);
    if (vr == Vr.SQ) {
      push(NestingLevel.Kind.SEQUENCE, tag, position + length);
      listener.sequenceStart(defined);
      currentTag = NO_TAG;
      return;
    }
    listener.elementStart(defined);
    startValue(defined, ValueReader.Role.ELEMENT, 0, options.isBulkData(tag, length));
  }

  private void readItemTag(int tag, long length) throws DicomParseException {
    NestingLevel top = levels.top();
    NestingLevel.Kind kind = top == null ? null : top.kind;
    if (tag == DicomTags.ITEM && kind == NestingLevel.Kind.SEQUENCE) {
      int index = top.children++;
      long end = length == UNDEFINED ? -1 : position + length;
      if (end >= 0) {
        checkFits(length);
      }
      push(NestingLevel.Kind.ITEM, index, end);
      currentTag = NO_TAG;
      listener.itemStart(index, position, end < 0 ? ElementHeader.UNDEFINED_LENGTH : length);
    } else if (tag == DicomTags.ITEM && kind == NestingLevel.Kind.FRAGMENTS) {
      if (length == UNDEFINED) {
        throw error("pixel data fragment with undefined length");
      }
      checkFits(length);
      int index = top.children++;
      ElementHeader item = new ElementHeader(tag, Vr.OB, length, position, bigEndian);
      boolean offsetTable = index == 0;
      listener.fragmentStart(index - 1, position, length);
      startValue(
          item,
          offsetTable ? ValueReader.Role.OFFSET_TABLE : ValueReader.Role.FRAGMENT,
          index - 1,
          !offsetTable || length > options.bulkDataThreshold());
    } else if (tag == DicomTags.ITEM_DELIMITATION_ITEM && kind == NestingLevel.Kind.ITEM
        || tag == DicomTags.SEQUENCE_DELIMITATION_ITEM
            && (kind == NestingLevel.Kind.SEQUENCE || kind == NestingLevel.Kind.FRAGMENTS)) {
      currentTag = NO_TAG;
      pop();
    } else {
      throw error(
          DicomTags.format(tag)
              + " "
              + (tag == DicomTags.ITEM ? "item" : "delimiter")
              + " where "
              + (kind == null
                  ? "a data element"
                  : "the " + kind.name().toLowerCase() + "'s content")
              + " was expected");
    }
  }

  private void startValue(
      ElementHeader started, ValueReader.Role role, int fragmentIndex, boolean skip)
      throws DicomParseException {
    values.start(started, role, fragmentIndex, skip);
    state = State.VALUE;
    if (values.isComplete()) {
      finishValue();
    }
  }

  private void readValue(ByteBuffer in) throws DicomParseException {
    position += values.consume(in);
    if (values.isComplete()) {
      finishValue();
    }
  }

  private void finishValue() throws DicomParseException {
    int tag = values.element().tag();
    currentTag = NO_TAG;
    state = State.HEADER;
    byte[] value = values.finish();
    if (inFileMeta && value != null) {
      readFileMetaValue(tag, value);
    }
  }

  /**
   * The parser needs two meta values itself: where the meta ends and how the data set is encoded.
   */
  private void readFileMetaValue(int tag, byte[] value) {
    if (tag == DicomTags.FILE_META_INFORMATION_GROUP_LENGTH && value.length == 4) {
      fileMetaEnd =
          position
              + ((value[3] & 0xFFL) << 24
                  | (value[2] & 0xFF) << 16
                  | (value[1] & 0xFF) << 8
                  | value[0] & 0xFF);
    } else if (tag == DicomTags.TRANSFER_SYNTAX_UID) {
      declaredSyntaxUid =
          new String(value, StandardCharsets.US_ASCII).replaceAll("[\\s\\x00]+$", "");
    }
  }

  private void push(NestingLevel.Kind kind, int tagOrIndex, long end) throws DicomParseException {
    if (levels.depth() >= options.maxNestingDepth()) {
      throw error("sequences nest deeper than " + options.maxNestingDepth() + " levels");
    }
    levels.push(kind, tagOrIndex, end, explicitVr, bigEndian);
  }

  private void pop() {
    NestingLevel closed = levels.pop();
    explicitVr = closed.outerExplicitVr;
    bigEndian = closed.outerBigEndian;
    switch (closed.kind) {
      case SEQUENCE -> listener.sequenceEnd();
      case ITEM -> listener.itemEnd();
      default -> listener.fragmentsEnd(position);
    }
  }

  /** Closes the innermost level if the position has reached its defined end; true if it did. */
  private boolean closeEndedLevel() throws DicomParseException {
    NestingLevel top = levels.top();
    if (top == null || !top.hasDefinedEnd() || position < top.end) {
      return false;
    }
    if (position > top.end) {
      throw error(
          "element runs "
              + (position - top.end)
              + " bytes past the end of its "
              + top.kind.name().toLowerCase());
    }
    pop();
    return true;
  }

  /**
   * A value of {@code length} bytes starting here must end inside every enclosing defined length.
   */
  private void checkFits(long length) throws DicomParseException {
    if (position + length > levels.limit()) {
      throw error(
          "value of " + length + " bytes runs past the end of its enclosing item or sequence");
    }
  }

  private void checkComplete() throws DicomParseException, DataFormatException {
    switch (state) {
      case SNIFF ->
          throw error(
              header.isEmpty()
                  ? "no data set"
                  : "truncated: data set of "
                      + header.size()
                      + " bytes is too short for an element");
      case VALUE ->
          throw error(
              "truncated: value ends after "
                  + values.done()
                  + " of "
                  + values.element().length()
                  + " bytes");
      case HEADER -> {
        if (!header.isEmpty()) {
          throw error("truncated: element header ends after " + header.size() + " bytes");
        }
        if (inFileMeta) {
          throw error("file meta information without a data set");
        }
        while (closeEndedLevel()) {
          // closes defined-length items and sequences that end with the stream
        }
        if (!levels.isEmpty()) {
          NestingLevel open = levels.top();
          throw error(
              "truncated: "
                  + open.kind.name().toLowerCase()
                  + " not closed"
                  + (open.hasDefinedEnd() ? ", " + (open.end - position) + " bytes missing" : ""));
        }
      }
      default -> throw new IllegalStateException("parser is " + state);
    }
    if (deflated != null && !deflated.finished()) {
      throw error("truncated: the deflated data set has no final block");
    }
  }

  private DicomParseException error(String reason) {
    return new DicomParseException(position, tagPath(), reason);
  }

  /**
   * Where the parser is, e.g. {@code (0008,1115)[0]>(0008,1150)}; a fragment is named by its pixel
   * data.
   */
  private String tagPath() {
    ElementHeader reading = values.element();
    int tag = reading != null ? reading.tag() : currentTag;
    return levels.path(values.isPixelDataItem() ? NO_TAG : tag);
  }

  private void releaseInflater() {
    if (deflated != null) {
      deflated.release();
    }
  }
}
