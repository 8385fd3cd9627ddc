package org.sinfonia.core.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A ready-made listener that builds the {@link DicomDataset} of a stream's header attributes: every
 * element the parser reads, text decoded with the Specific Character Set in force (an item inherits
 * its parent's unless it has its own), sequences as items, and skipped values (pixel data, anything
 * over the bulk data threshold) as their location in the file.
 */
public final class DicomDatasetCollector implements DicomStreamListener {

  /** A data set being filled (the top level or an item) and the sequence currently open in it. */
  private static final class Level {
    final DicomDataset dataset = new DicomDataset();
    SpecificCharacterSet charset;
    ElementHeader openSequence;
    List<DicomDataset> items;

    Level(SpecificCharacterSet charset) {
      this.charset = charset;
    }
  }

  private final Deque<Level> levels = new ArrayDeque<>();
  private final DicomDataset root;
  private TransferSyntax transferSyntax;
  private ElementHeader pixelData;
  private List<Long> offsetTable;
  private List<DicomValue.BulkData> fragments;
  private boolean inDataset;

  /** Group 0002 tags met inside the data set: not collected, so the file meta's own values stay. */
  private final List<Integer> strayFileMetaTags = new ArrayList<>();

  public DicomDatasetCollector() {
    Level top = new Level(SpecificCharacterSet.DEFAULT);
    levels.push(top);
    root = top.dataset;
  }

  /** The collected data set (complete once the parser's {@code end()} has returned). */
  public DicomDataset dataset() {
    return root;
  }

  /** The data set's transfer syntax, or null if the stream never reached it. */
  public TransferSyntax transferSyntax() {
    return transferSyntax;
  }

  /** Group 0002 tags found inside the data set (after the file meta), in stream order. */
  public List<Integer> strayFileMetaTags() {
    return List.copyOf(strayFileMetaTags);
  }

  @Override
  public void datasetStart(TransferSyntax syntax, long offset) {
    transferSyntax = syntax;
    inDataset = true;
  }

  /**
   * A top-level group 0002 element inside the data set: noted, and kept out of the collected data
   * set.
   */
  private boolean stray(int tag) {
    if (inDataset && levels.size() == 1 && tag >>> 16 == 0x0002) {
      strayFileMetaTags.add(tag);
      return true;
    }
    return false;
  }

  @Override
  public void elementValue(ElementHeader header, byte[] value) {
    if (stray(header.tag())) {
      return;
    }
    Level level = levels.peek();
    DicomValue decoded = ValueDecoder.decode(header, value, level.charset);
    level.dataset.put(new DicomElement(header.tag(), header.vr(), decoded));
    if (header.tag() == DicomTags.SPECIFIC_CHARACTER_SET
        && decoded instanceof DicomValue.Text text) {
      level.charset = SpecificCharacterSet.of(text.values());
    }
  }

  @Override
  public void bulkDataSkipped(ElementHeader header, long offset, long length) {
    if (stray(header.tag())) {
      return;
    }
    levels
        .peek()
        .dataset
        .put(new DicomElement(header.tag(), header.vr(), new DicomValue.BulkData(offset, length)));
  }

  @Override
  public void sequenceStart(ElementHeader header) {
    Level level = levels.peek();
    level.openSequence = header;
    level.items = new ArrayList<>();
  }

  @Override
  public void itemStart(int index, long offset, long length) {
    levels.push(new Level(levels.peek().charset));
  }

  @Override
  public void itemEnd() {
    Level item = levels.pop();
    levels.peek().items.add(item.dataset);
  }

  @Override
  public void sequenceEnd() {
    Level level = levels.peek();
    // an undefined-length UN holding items (CP-246) is a sequence as far as its value goes
    level.dataset.put(
        new DicomElement(level.openSequence.tag(), Vr.SQ, new DicomValue.Sequence(level.items)));
    level.openSequence = null;
    level.items = null;
  }

  @Override
  public void fragmentsStart(ElementHeader header) {
    pixelData = header;
    offsetTable = new ArrayList<>();
    fragments = new ArrayList<>();
  }

  @Override
  public void offsetTable(long offset, long length, byte[] table) {
    if (table != null) {
      ByteBuffer entries =
          ByteBuffer.wrap(table)
              .order(pixelData.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
      while (entries.remaining() >= 4) {
        offsetTable.add(Integer.toUnsignedLong(entries.getInt()));
      }
    }
  }

  @Override
  public void fragment(int index, long offset, long length) {
    fragments.add(new DicomValue.BulkData(offset, length));
  }

  @Override
  public void fragmentsEnd(long endOffset) {
    long start = pixelData.valueOffset();
    // encapsulated pixel data is OB (PS3.5 A.4) whatever the header says; some writers put OW,
    // dcmtk reads OB too
    levels
        .peek()
        .dataset
        .put(
            new DicomElement(
                pixelData.tag(),
                Vr.OB,
                new DicomValue.Fragments(start, endOffset - start, offsetTable, fragments)));
    pixelData = null;
  }
}
