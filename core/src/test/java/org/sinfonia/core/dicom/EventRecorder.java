package org.sinfonia.core.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A listener that writes every event down as a line of text, so that two parses can be compared
 * exactly, and checks the parser's promises as they happen: no value larger than the bulk data
 * threshold is handed over, and the number of events stays bounded.
 */
final class EventRecorder implements DicomStreamListener {

  final List<String> events = new ArrayList<>();
  private final int bulkDataThreshold;
  private final int maxEvents;
  int largestValue;

  EventRecorder(int bulkDataThreshold, int maxEvents) {
    this.bulkDataThreshold = bulkDataThreshold;
    this.maxEvents = maxEvents;
  }

  EventRecorder() {
    this(DicomParserOptions.DEFAULT_BULK_DATA_THRESHOLD, Integer.MAX_VALUE);
  }

  @Override
  public void datasetStart(TransferSyntax syntax, long offset) {
    add("dataset " + syntax.uid() + " at " + offset);
  }

  @Override
  public void elementStart(ElementHeader header) {
    add("start " + header);
  }

  @Override
  public void elementValue(ElementHeader header, byte[] value) {
    largestValue = Math.max(largestValue, value.length);
    if (value.length > bulkDataThreshold) {
      throw new AssertionError(
          "value of " + value.length + " bytes handed over, threshold " + bulkDataThreshold);
    }
    add(
        "value "
            + DicomTags.format(header.tag())
            + " "
            + Arrays.hashCode(value)
            + "/"
            + value.length);
  }

  @Override
  public void bulkDataSkipped(ElementHeader header, long offset, long length) {
    add("bulk " + DicomTags.format(header.tag()) + " " + offset + "+" + length);
  }

  @Override
  public void sequenceStart(ElementHeader header) {
    add("sequence " + header);
  }

  @Override
  public void itemStart(int index, long offset, long length) {
    add("item " + index + " " + offset + "+" + length);
  }

  @Override
  public void itemEnd() {
    add("item end");
  }

  @Override
  public void sequenceEnd() {
    add("sequence end");
  }

  @Override
  public void fragmentsStart(ElementHeader header) {
    add("fragments " + header);
  }

  @Override
  public void offsetTable(long offset, long length, byte[] table) {
    add(
        "offset table "
            + offset
            + "+"
            + length
            + (table == null ? " skipped" : " " + Arrays.hashCode(table)));
  }

  @Override
  public void fragment(int index, long offset, long length) {
    add("fragment " + index + " " + offset + "+" + length);
  }

  @Override
  public void fragmentsEnd(long endOffset) {
    add("fragments end " + endOffset);
  }

  @Override
  public void end(long offset) {
    add("end " + offset);
  }

  private void add(String event) {
    if (events.size() >= maxEvents) {
      throw new AssertionError("more than " + maxEvents + " events");
    }
    events.add(event);
  }
}
