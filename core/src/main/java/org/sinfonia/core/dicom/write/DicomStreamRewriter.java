package org.sinfonia.core.dicom.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.sinfonia.core.dicom.DicomParseException;
import org.sinfonia.core.dicom.DicomParserOptions;
import org.sinfonia.core.dicom.DicomStreamListener;
import org.sinfonia.core.dicom.DicomStreamParser;
import org.sinfonia.core.dicom.DicomTags;
import org.sinfonia.core.dicom.ElementHeader;
import org.sinfonia.core.dicom.TransferSyntax;
import org.sinfonia.core.dicom.Vr;

/**
 * Rewrites a DICOM Part 10 stream while it is parsed: fed in chunks like {@link DicomStreamParser}
 * ({@link #feed}, then {@link #end}), it writes the rewritten file to an {@link OutputStream} as it
 * goes, asking a {@link DicomEditor} about every element (with its path) and adding the editor's
 * {@link Addition}s in tag order.
 *
 * <p>Output rules: the file meta is rewritten with its group length recomputed; the data set keeps
 * its transfer syntax (explicit or implicit VR little endian, explicit VR big endian, encapsulated
 * syntaxes; deflated is refused). Every element header is re-encoded; kept values are copied byte
 * for byte (odd lengths padded to even). Sequences and items are always written with undefined
 * length and delimiters, whatever the input used, so a changed nested value never needs
 * back-patching. Group length elements (gggg,0000) of the data set are dropped (retired, and wrong
 * after an edit). Bulk values (pixel data, values above the parser's bulk data threshold, fragments
 * and offset tables of encapsulated pixel data) are copied from each input chunk straight to the
 * output as the parser passes over them, never held: the rewriter holds at most one value below the
 * threshold, the file meta and an 8 KiB output buffer ({@link #retainedBytesHighWater}).
 *
 * <p>Input the rewriter cannot reproduce faithfully is refused with a {@link DicomParseException}:
 * no preamble/DICM prefix, no file meta, deflated data set, elements out of tag order. Every
 * malformed input ends in a DicomParseException; an exception thrown by the editor reaches the
 * caller unchanged; an IOException of the output is thrown as is. After a failure every call throws
 * it again. One instance rewrites one stream, on one thread at a time.
 */
public final class DicomStreamRewriter {

  private static final int PREFIX_END = 132;

  private final DicomStreamParser parser;
  private final DicomParserOptions options;
  private final DicomEditor editor;
  private final DicomPart10Writer writer;
  private final Events events = new Events();
  private final FileMeta meta = new FileMeta();
  private final Deque<Frame> frames = new ArrayDeque<>();

  private boolean datasetStarted;
  private long metaBytes;
  private long highWater;
  private Charset charsetOverride;

  /** The chunk being parsed: where its bytes are and which input offset its first byte has. */
  private byte[] chunk;

  private int chunkOffset;
  private int chunkLength;
  private long chunkStart;
  private long fed;
  private final byte[] prefix = new byte[4];

  /** A bulk value being copied from input to output (or skipped): input offsets [start, end). */
  private boolean passing;

  private long passEnd;
  private long passCopied;
  private boolean passToWriter;

  private Exception failure;
  private boolean ended;

  /** A data set or item, or a sequence / fragment run, of the input. */
  private static final class Frame {
    final DicomPath path;
    final boolean skip;
    final List<Addition> additions;
    int nextAddition;
    int lastTag;
    boolean any;

    Frame(DicomPath path, boolean skip, List<Addition> additions) {
      this.path = path;
      this.skip = skip;
      this.additions = additions;
    }
  }

  public DicomStreamRewriter(OutputStream out, DicomEditor editor) {
    this(out, editor, DicomParserOptions.defaults());
  }

  public DicomStreamRewriter(OutputStream out, DicomEditor editor, DicomParserOptions options) {
    this.options = options;
    this.editor = editor;
    this.writer = new DicomPart10Writer(out);
    this.parser = new DicomStreamParser(events, options);
  }

  /**
   * The charset for replacement and added text values; by default taken from the input's (0008,
   * 0005): ISO_IR 192 is UTF-8, ISO_IR 100 ISO 8859-1, anything else US-ASCII (strict).
   */
  public DicomStreamRewriter textCharset(Charset charset) {
    this.charsetOverride = charset;
    writer.textCharset(charset);
    return this;
  }

  public void feed(byte[] bytes, int offset, int length) throws DicomParseException, IOException {
    guard();
    try {
      checkPrefix(bytes, offset, length);
      chunk = bytes;
      chunkOffset = offset;
      chunkLength = length;
      chunkStart = fed;
      fed += length;
      parser.feed(bytes, offset, length);
      copyPassing();
      chunk = null;
      chunkLength = 0;
      chunkStart = fed;
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /** Ends the input: checks it is complete, writes what remains and flushes the output. */
  public void end() throws DicomParseException, IOException {
    guard();
    try {
      if (fed < PREFIX_END) {
        throw new DicomParseException(fed, "", "not a DICOM Part 10 file: shorter than 132 bytes");
      }
      chunk = null;
      chunkLength = 0;
      chunkStart = fed;
      parser.end();
      ended = true;
    } catch (Exception e) {
      throw rethrow(e);
    }
  }

  /**
   * The most bytes this rewriter (with its parser and writer) held at once between calls, not
   * counting the caller's chunk: the largest collected value (at most the bulk data threshold), the
   * file meta and the output buffer. Independent of the file size.
   */
  public long retainedBytesHighWater() {
    return highWater;
  }

  /** Bytes written to the output so far. */
  public long bytesWritten() {
    return writer.bytesWritten();
  }

  // ---- failure handling

  private void guard() throws DicomParseException, IOException {
    if (failure != null) {
      rethrowStored();
    }
    if (ended) {
      throw new IllegalStateException("the stream has already ended");
    }
  }

  private void rethrowStored() throws DicomParseException, IOException {
    if (failure instanceof DicomParseException e) {
      throw e;
    }
    if (failure instanceof IOException e) {
      throw e;
    }
    throw (RuntimeException) failure;
  }

  /** Unwraps what the parser wrapped; remembers it; returns it to be thrown. */
  private RuntimeException rethrow(Exception e) throws DicomParseException, IOException {
    Throwable cause = e;
    while (cause instanceof DicomParseException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    Exception result;
    if (cause instanceof Abort abort) {
      result = abort.exception;
    } else if (cause instanceof UncheckedIOException io) {
      result = io.getCause();
    } else if (cause instanceof EditorFailure editorFailure) {
      result = editorFailure.original;
    } else if (cause instanceof DicomParseException parse) {
      result = parse;
    } else if (e instanceof DicomParseException parse) {
      result = parse; // the parser's own "internal error" for a bug of ours, with its cause
    } else if (e instanceof RuntimeException runtime) {
      result =
          new DicomParseException(
              parser.position(), "", "cannot rewrite: " + runtime.getMessage(), runtime);
    } else {
      result = e;
    }
    failure = result;
    rethrowStored();
    return new IllegalStateException("unreachable", result);
  }

  /** A refusal decided in a listener callback, carried through the parser. */
  private static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient DicomParseException exception;

    Abort(DicomParseException exception) {
      super(exception.getMessage(), null, false, false);
      this.exception = exception;
    }
  }

  /** An exception of the editor or its replacement, to reach the caller unchanged. */
  private static final class EditorFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RuntimeException original;

    EditorFailure(RuntimeException original) {
      super(original.getMessage(), original, false, false);
      this.original = original;
    }
  }

  private Abort refuse(String reason) {
    return new Abort(new DicomParseException(parser.position(), pathText(), reason));
  }

  private String pathText() {
    Frame top = frames.peek();
    return top == null ? "" : top.path.toString();
  }

  // ---- input bookkeeping

  private void checkPrefix(byte[] bytes, int offset, int length) throws DicomParseException {
    for (long at = Math.max(fed, 128); at < Math.min(fed + length, PREFIX_END); at++) {
      prefix[(int) (at - 128)] = bytes[offset + (int) (at - fed)];
    }
    if (fed < PREFIX_END && fed + length >= PREFIX_END) {
      if (prefix[0] != 'D' || prefix[1] != 'I' || prefix[2] != 'C' || prefix[3] != 'M') {
        throw new DicomParseException(
            128, "", "not a DICOM Part 10 file: no DICM prefix after the 128-byte preamble");
      }
    }
  }

  private void startPassing(long start, long length, boolean toWriter) {
    passing = true;
    passCopied = start;
    passEnd = start + length;
    passToWriter = toWriter;
  }

  /** Copies the part of the current chunk that the value being passed through covers. */
  private void copyPassing() throws IOException {
    if (!passing) {
      return;
    }
    long from = Math.max(passCopied, chunkStart);
    long to = Math.min(passEnd, chunkStart + chunkLength);
    if (to > from) {
      if (passToWriter) {
        writer.value(chunk, chunkOffset + (int) (from - chunkStart), (int) (to - from));
      }
      passCopied = to;
    }
  }

  private void endPassing() throws IOException {
    copyPassing();
    if (passCopied != passEnd) {
      throw new IllegalStateException(
          "bulk value bytes missing: " + passCopied + " of " + passEnd + " copied");
    }
    passing = false;
    if (passToWriter) {
      writer.endValue();
    }
  }

  private void noteHeld(long bytes) {
    highWater = Math.max(highWater, bytes + metaBytes + writer.bufferSize());
  }

  // ---- editing

  private Edit ask(DicomPath path, ElementHeader header, byte[] value) {
    try {
      Edit edit = editor.edit(path, header, value);
      return edit == null ? Edit.KEEP : edit;
    } catch (RuntimeException e) {
      throw new EditorFailure(e);
    }
  }

  private void writeReplacement(Edit edit, int tag, Vr vr) throws IOException {
    try {
      edit.replacement.write(writer, tag, vr);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new EditorFailure(e);
    }
  }

  private List<Addition> additionsFor(DicomPath path) {
    List<Addition> list;
    try {
      list = new ArrayList<>(editor.additions(path));
    } catch (RuntimeException e) {
      throw new EditorFailure(e);
    }
    list.sort(Comparator.comparing(Addition::tag, Integer::compareUnsigned));
    return list;
  }

  /**
   * Writes the additions of {@code frame} with tags below {@code tag}; true if one has exactly that
   * tag (it was written and replaces the original element).
   */
  private boolean writeAdditionsBefore(Frame frame, int tag) throws IOException {
    while (frame.nextAddition < frame.additions.size()) {
      Addition next = frame.additions.get(frame.nextAddition);
      int order = Integer.compareUnsigned(next.tag(), tag);
      if (order > 0) {
        return false;
      }
      frame.nextAddition++;
      try {
        next.content().write(writer);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new EditorFailure(e);
      }
      if (order == 0) {
        return true;
      }
    }
    return false;
  }

  private void writeRemainingAdditions(Frame frame) throws IOException {
    writeAdditionsBefore(frame, 0xFFFFFFFF);
  }

  /**
   * Checks an input element's order in its data set or item; returns the frame, or null if the
   * element is in a skipped (removed) part.
   */
  private Frame elementFrame(int tag) {
    Frame top = frames.peek();
    if (top.skip) {
      return null;
    }
    if (top.any && Integer.compareUnsigned(tag, top.lastTag) <= 0) {
      throw refuse(
          DicomTags.format(tag)
              + " after "
              + DicomTags.format(top.lastTag)
              + ": elements out of tag order cannot be rewritten");
    }
    if (tag >>> 16 == 0xFFFE) {
      throw refuse(DicomTags.format(tag) + " is not a data element");
    }
    top.any = true;
    top.lastTag = tag;
    return top;
  }

  private static boolean isGroupLength(int tag) {
    return (tag & 0xFFFF) == 0;
  }

  private void startDatasetOutput(TransferSyntax syntax) throws IOException {
    if (syntax.deflated()) {
      throw refuse("deflated data sets are not supported by the rewriter");
    }
    if (meta.transferSyntaxUid() == null) {
      throw refuse("no file meta information (or no Transfer Syntax UID in it)");
    }
    List<Addition> root = additionsFor(DicomPath.ROOT);
    List<Addition> datasetAdditions = new ArrayList<>();
    for (Addition addition : root) {
      if (addition.tag() >>> 16 == 0x0002) {
        captureMetaAddition(addition, meta);
      } else {
        datasetAdditions.add(addition);
      }
    }
    String uid = meta.transferSyntaxUid();
    if (!uid.equals(syntax.uid())) {
      throw new EditorFailure(
          new IllegalStateException("the transfer syntax cannot be changed by a rewrite"));
    }
    writer.writeFileMeta(meta);
    writerEncodingFrom(syntax);
    datasetStarted = true;
    frames.push(new Frame(DicomPath.ROOT, false, datasetAdditions));
  }

  private void writerEncodingFrom(TransferSyntax syntax) {
    if (writer.explicitVr() != syntax.explicitVr() || writer.bigEndian() != syntax.bigEndian()) {
      throw refuse(
          "the declared transfer syntax "
              + syntax.uid()
              + " does not match the data set's encoding");
    }
  }

  /** Records a meta element written by an addition or replacement (a simple value) into target. */
  private void captureMetaAddition(Addition addition, FileMeta target) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    DicomPart10Writer recorder = new DicomPart10Writer(bytes);
    recorder.startDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    // the writer refuses group 0002 in a data set, so record it under a stand-in tag in an item
    recorder.startSequence(0x00080001);
    recorder.startItem();
    try {
      addition.content().write(recorder);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new EditorFailure(e);
    }
    recorder.flush(); // the recorder buffers; without this a replaced meta value was lost
    byte[] encoded = bytes.toByteArray();
    // sequence header 12 bytes + item header 8 bytes, then one explicit VR LE element
    int at = 20;
    if (encoded.length < at + 8) {
      throw new EditorFailure(
          new IllegalStateException("meta addition " + DicomTags.format(addition.tag())));
    }
    Vr vr = Vr.ofCode(encoded[at + 4], encoded[at + 5]);
    int header = vr.hasLongLength() ? 12 : 8;
    byte[] value = java.util.Arrays.copyOfRange(encoded, at + header, encoded.length);
    target.put(addition.tag(), vr, value);
  }

  private void updateCharset(int tag, byte[] value) {
    if (tag != DicomTags.SPECIFIC_CHARACTER_SET || charsetOverride != null) {
      return;
    }
    String text = new String(value, StandardCharsets.US_ASCII).trim();
    Charset charset =
        text.endsWith("ISO_IR 192")
            ? StandardCharsets.UTF_8
            : text.equals("ISO_IR 100") ? StandardCharsets.ISO_8859_1 : StandardCharsets.US_ASCII;
    writer.textCharset(charset);
  }

  // ---- the parser's events

  private final class Events implements DicomStreamListener {

    private ElementHeader pendingHeader;

    @Override
    public void datasetStart(TransferSyntax syntax, long offset) {
      run(() -> startDatasetOutput(syntax));
    }

    @Override
    public void elementStart(ElementHeader header) {
      run(
          () -> {
            pendingHeader = header;
            if (!datasetStarted) {
              if (options.isBulkData(header.tag(), header.length())
                  && header.tag() >>> 16 == 0x0002) {
                throw refuse("file meta element of " + header.length() + " bytes");
              }
              return;
            }
            if (!options.isBulkData(header.tag(), header.length())) {
              return; // decided when its value arrives
            }
            Frame frame = elementFrame(header.tag());
            boolean toWriter = false;
            if (frame != null && !isGroupLength(header.tag())) {
              if (!writeAdditionsBefore(frame, header.tag())) {
                Edit edit = ask(frame.path.element(header.tag()), header, null);
                if (edit.kind == Edit.Kind.KEEP) {
                  writeValueStart(header);
                  toWriter = true;
                } else if (edit.kind == Edit.Kind.REPLACE) {
                  writeReplacement(edit, header.tag(), header.vr());
                }
              }
            }
            startPassing(header.valueOffset(), header.length(), toWriter);
            copyPassing();
          });
    }

    private void writeValueStart(ElementHeader header) throws IOException {
      if (header.length() % 2 == 1 && !header.vr().hasLongLength() && header.length() == 0xFFFF) {
        throw refuse("odd value length 65535 cannot be padded to even");
      }
      writer.startValue(header.tag(), header.vr(), header.length());
    }

    @Override
    public void elementValue(ElementHeader header, byte[] value) {
      run(
          () -> {
            noteHeld(value.length);
            int tag = header.tag();
            if (!datasetStarted) {
              if (tag >>> 16 != 0x0002) {
                throw refuse(DicomTags.format(tag) + " in the file meta information");
              }
              if (isGroupLength(tag)) {
                return;
              }
              Edit edit = ask(DicomPath.ROOT.element(tag), header, value);
              if (edit.kind == Edit.Kind.KEEP) {
                meta.put(tag, header.vr(), value);
              } else if (edit.kind == Edit.Kind.REPLACE) {
                FileMeta.Element replaced = replaceMeta(edit, tag, header.vr());
                meta.put(tag, replaced.vr(), replaced.value());
              }
              metaBytes += value.length + 12;
              return;
            }
            Frame frame = elementFrame(tag);
            if (frame == null || isGroupLength(tag)) {
              return;
            }
            if (frame.path.isTopLevel()) {
              updateCharset(tag, value);
            }
            if (writeAdditionsBefore(frame, tag)) {
              return;
            }
            Edit edit = ask(frame.path.element(tag), header, value);
            if (edit.kind == Edit.Kind.KEEP) {
              if (value.length == 0xFFFF && !header.vr().hasLongLength() && writer.explicitVr()) {
                throw refuse("odd value length 65535 cannot be padded to even");
              }
              writer.element(tag, header.vr(), value);
            } else if (edit.kind == Edit.Kind.REPLACE) {
              writeReplacement(edit, tag, header.vr());
            }
          });
    }

    private FileMeta.Element replaceMeta(Edit edit, int tag, Vr vr) throws IOException {
      FileMeta scratch = new FileMeta();
      Addition stand = new Addition(tag, w -> edit.replacement.write(w, tag, vr));
      captureMetaAddition(stand, scratch);
      return scratch.elements().get(tag);
    }

    @Override
    public void bulkDataSkipped(ElementHeader header, long offset, long length) {
      run(
          () -> {
            if (!datasetStarted) {
              throw refuse("bulk data in the file meta information");
            }
            endPassing();
          });
    }

    @Override
    public void sequenceStart(ElementHeader header) {
      run(() -> openContainer(header, false));
    }

    @Override
    public void fragmentsStart(ElementHeader header) {
      run(() -> openContainer(header, true));
    }

    private void openContainer(ElementHeader header, boolean fragments) throws IOException {
      if (!datasetStarted) {
        throw refuse("sequence in the file meta information");
      }
      int tag = header.tag();
      Frame frame = elementFrame(tag);
      DicomPath path = frames.peek().path.element(tag);
      boolean skip = true;
      if (frame != null && !writeAdditionsBefore(frame, tag)) {
        Edit edit = ask(path, header, null);
        if (edit.kind == Edit.Kind.KEEP) {
          skip = false;
          if (fragments) {
            writer.startFragments(tag);
          } else {
            writer.startSequence(tag);
          }
        } else if (edit.kind == Edit.Kind.REPLACE) {
          writeReplacement(edit, tag, header.vr());
        }
      }
      frames.push(new Frame(path, skip, List.of()));
    }

    @Override
    public void itemStart(int index, long offset, long length) {
      run(
          () -> {
            Frame sequence = frames.peek();
            DicomPath path = sequence.path.item(index);
            if (sequence.skip) {
              frames.push(new Frame(path, true, List.of()));
              return;
            }
            writer.startItem();
            frames.push(new Frame(path, false, additionsFor(path)));
          });
    }

    @Override
    public void itemEnd() {
      run(
          () -> {
            Frame item = frames.pop();
            if (!item.skip) {
              writeRemainingAdditions(item);
              writer.endItem();
            }
          });
    }

    @Override
    public void sequenceEnd() {
      run(
          () -> {
            Frame sequence = frames.pop();
            if (!sequence.skip) {
              writer.endSequence();
            }
          });
    }

    @Override
    public void fragmentStart(int index, long offset, long length) {
      run(
          () -> {
            Frame fragments = frames.peek();
            if (!fragments.skip) {
              if (index < 0) {
                writer.startOffsetTable(length);
              } else {
                writer.startFragment(length);
              }
            }
            startPassing(offset, length, !fragments.skip);
            copyPassing();
          });
    }

    @Override
    public void offsetTable(long offset, long length, byte[] table) {
      run(
          () -> {
            if (table != null) {
              noteHeld(table.length);
            }
            endPassing();
          });
    }

    @Override
    public void fragment(int index, long offset, long length) {
      run(DicomStreamRewriter.this::endPassing);
    }

    @Override
    public void fragmentsEnd(long endOffset) {
      run(
          () -> {
            Frame fragments = frames.pop();
            if (!fragments.skip) {
              writer.endFragments();
            }
          });
    }

    @Override
    public void end(long offset) {
      run(
          () -> {
            if (!datasetStarted) {
              throw refuse("no data set");
            }
            Frame root = frames.pop();
            writeRemainingAdditions(root);
            writer.finish();
          });
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  /**
   * Runs one event's work. The writer refusing a value copied from the input (a US of 3 bytes, a
   * header it cannot encode) means the input is malformed: refused like any other.
   */
  private void run(Step step) {
    try {
      step.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      throw refuse("cannot rewrite: " + e.getMessage());
    }
  }
}
