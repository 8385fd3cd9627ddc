package org.sinfonia.web.dicomweb;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sinfonia.core.dicom.DicomHeader;
import org.sinfonia.core.dicomweb.MultipartRelatedParser;
import org.sinfonia.core.dicomweb.StowReason;
import org.sinfonia.core.dicomweb.StowRefusal;
import org.sinfonia.core.dicomweb.StowResponse;
import org.sinfonia.core.dicomweb.StowResponseWriter;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.ingest.DicomTap;
import org.sinfonia.core.ingest.IngestGate;
import org.sinfonia.core.ingest.IngestOptions;
import org.sinfonia.core.ingest.IngestTap;
import org.sinfonia.core.ingest.Origin;
import org.sinfonia.core.ingest.PrivacyStage;
import org.sinfonia.web.ingest.IngestResult;
import org.sinfonia.web.repo.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One STOW-RS request: the body is fed chunk by chunk to a {@link MultipartRelatedParser}; each
 * part becomes a {@link PartStream} piped through the destination's byte pass (blob + SHA-256 +
 * DICOM header in one pass) and is then registered in the folder, in batches with the parts stored
 * meanwhile. A few parts may be in flight at once; beyond that, or while a part's reader is behind,
 * the request is paused. A part that fails is recorded with its reason and never stops the others;
 * the answer is written once the body has ended and every part has settled.
 */
final class StowSession implements MultipartRelatedParser.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(StowSession.class);

  /**
   * What the request says: who stores, its multipart boundary, the study in its URL (null when
   * none), the DICOMweb root its retrieve URLs start with, and whether it wants an XML answer.
   */
  record Request(String creator, String boundary, String urlStudy, String root, boolean xml) {}

  private final RoutingContext rc;
  private final HttpServerRequest request;
  private final StowDestination.Run ingest;
  private final String creator;
  private final String urlStudy;
  private final String root;
  private final boolean xml;
  private final int maxInFlight;
  private final MultipartRelatedParser parser;
  private final StowResponse response = new StowResponse();
  private final List<Future<Void>> settled = new ArrayList<>();

  /** Request chunks (or their rest) not yet parsed: parsing stops while the parts are behind. */
  private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();

  private PartStream current;
  private int inFlight;

  /**
   * Parts whose bytes are still arriving or being written and synced (not yet ready to register).
   */
  private int storing;

  private boolean paused;
  private boolean pumping;
  private boolean bodyEnded;
  private boolean answered;
  private boolean broken;
  private String malformed;

  StowSession(
      RoutingContext rc,
      StowDestination destination,
      Resource folder,
      Request stow,
      StowHandler.Limits limits) {
    this.rc = rc;
    this.request = rc.request();
    this.ingest = destination.open(folder, limits.batchSize(), () -> storing > 0);
    this.creator = stow.creator();
    this.urlStudy = stow.urlStudy();
    this.root = stow.root();
    this.xml = stow.xml();
    this.maxInFlight = Math.max(1, limits.partsInFlight());
    this.parser = new MultipartRelatedParser(stow.boundary(), this);
  }

  void start() {
    request.handler(this::chunk);
    request.exceptionHandler(
        e -> {
          broken = true;
          if (current != null) {
            current.fail(e);
            current = null;
          }
        });
    request.endHandler(
        v -> {
          bodyEnded = true;
          pump();
        });
    paused = true;
    flow();
  }

  private void chunk(Buffer buffer) {
    if (broken) {
      return; // the body is malformed: read the rest only to answer
    }
    backlog.add(((BufferInternal) buffer).getByteBuf().nioBuffer());
    pump();
  }

  /** Parses the backlog while the parts keep up; ends the body once everything is parsed. */
  private void pump() {
    if (pumping) {
      return;
    }
    pumping = true;
    try {
      while (!backlog.isEmpty() && !broken && !suspended()) {
        ByteBuffer next = backlog.peek();
        try {
          parser.feed(next);
        } catch (MultipartRelatedParser.MalformedMultipartException e) {
          malformedAt(e.getMessage());
        }
        if (!next.hasRemaining()) {
          backlog.poll();
        }
      }
      if (bodyEnded && (backlog.isEmpty() || broken) && !answered) {
        answered = true;
        settle();
      }
    } finally {
      pumping = false;
    }
    holdOrRelease();
  }

  @Override
  public boolean suspended() {
    int settling =
        inFlight - (current != null ? 1 : 0); // parts whose bytes are all read, still being stored
    return current != null && current.holding() || settling >= maxInFlight;
  }

  private void malformedAt(String message) {
    broken = true;
    malformed = message;
    if (current != null) {
      current.fail(ApiError.badRequest("MALFORMED_MULTIPART", "%s", message));
      current = null;
    }
  }

  /** The body is over and parsed: check its end, then answer once every part has settled. */
  private void settle() {
    if (!broken) {
      try {
        parser.end();
      } catch (MultipartRelatedParser.MalformedMultipartException e) {
        malformedAt(e.getMessage());
      }
    }
    Future.join(settled).onComplete(x -> answer());
  }

  // ---- parser events (on the request's event loop) ----

  @Override
  public void partStart(Map<String, String> headers) {
    int number = parser.parts();
    MediaRange type = MediaRange.parse(headers.getOrDefault("content-type", "application/dicom"));
    if (!type.type().equals("application/dicom")) {
      response.failed(
          number,
          null,
          null,
          StowReason.CANNOT_UNDERSTAND,
          "part " + number + " is " + type.type() + ", not application/dicom");
      return; // its bytes are skipped
    }
    PartStream part = new PartStream(this::flow);
    current = part;
    inFlight++;
    storing++;
    // Named by the instance; the one naming rule of ingest acknowledges the same bytes again
    // (nothing stored twice)
    // and gives another instance's bytes under a taken name the next numbered name.
    IngestOptions options =
        IngestOptions.namedByContent(taps -> header(taps).sopInstanceUid() + ".dcm", creator)
            .withGate(gate(type.param("transfer-syntax")));
    Future<Void> done =
        ingest
            .ingest(new Origin.Stow(creator, number), part, options, () -> storing--)
            .map(
                result -> {
                  translate(number, result);
                  return (Void) null;
                })
            .recover(
                e -> {
                  refused(number, e);
                  return Future.succeededFuture();
                })
            .andThen(
                x -> {
                  inFlight--;
                  flow();
                });
    settled.add(done);
    flow();
  }

  @Override
  public void partData(ByteBuffer data) {
    if (current != null) {
      current.push(BufferInternal.buffer(Unpooled.wrappedBuffer(data)));
    }
  }

  @Override
  public void partEnd() {
    if (current != null) {
      PartStream part = current;
      current = null;
      part.end();
    }
  }

  /**
   * Something changed (a part's reader caught up or fell behind, a part settled): parse on, or hold
   * the request.
   */
  private void flow() {
    if (!pumping && !broken && !suspended() && (!backlog.isEmpty() || bodyEnded && !answered)) {
      pump(); // ends by deciding about the request
    } else {
      holdOrRelease();
    }
  }

  /**
   * Pauses the request while unparsed bytes wait (a part's reader is behind, or enough parts are
   * being stored); resumes it otherwise. Decided only between parsing runs: during one, the chunk
   * being parsed is still queued.
   */
  private void holdOrRelease() {
    if (pumping || request.isEnded()) {
      return;
    }
    boolean hold = !broken && (suspended() || !backlog.isEmpty());
    if (hold && !paused) {
      paused = true;
      request.pause();
    } else if (!hold && paused) {
      paused = false;
      request.resume();
    }
  }

  /** Checked on the ingest worker once the part's bytes are all seen, before its blob is kept. */
  private IngestGate gate(String declaredSyntax) {
    return taps -> {
      DicomTap tap =
          taps.stream()
              .filter(DicomTap.class::isInstance)
              .map(DicomTap.class::cast)
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no DICOM tap"));
      DicomHeader h =
          tap.header()
              .orElseThrow(
                  () ->
                      new StowRefusal(
                          StowReason.CANNOT_UNDERSTAND,
                          null,
                          null,
                          "not a DICOM instance: " + tap.reason()));
      if (h.sopClassUid().isEmpty()) {
        throw new StowRefusal(
            StowReason.SOP_CLASS_NOT_SUPPORTED, null, h.sopInstanceUid(), "no SOP Class UID");
      }
      String sentStudy = sentStudy(taps, h);
      if (urlStudy != null && !urlStudy.equals(sentStudy)) {
        throw new StowRefusal(
            StowReason.DATASET_DOES_NOT_MATCH,
            h.sopClassUid(),
            h.sopInstanceUid(),
            "Study Instance UID " + sentStudy + " is not the request's " + urlStudy);
      }
      String stored = h.transferSyntax() == null ? null : h.transferSyntax().uid();
      if (declaredSyntax != null
          && !declaredSyntax.equals("*")
          && stored != null
          && !declaredSyntax.equals(stored)) {
        throw new StowRefusal(
            StowReason.TRANSFER_SYNTAX_NOT_SUPPORTED,
            h.sopClassUid(),
            h.sopInstanceUid(),
            "the part declares transfer syntax " + declaredSyntax + " but is encoded in " + stored);
      }
    };
  }

  /**
   * The part's Study Instance UID as sent: the request's URL names that one, also when the stored
   * header carries its de-identified mapping.
   */
  private static String sentStudy(List<IngestTap> taps, DicomHeader stored) {
    return taps.stream()
        .filter(PrivacyStage.class::isInstance)
        .map(PrivacyStage.class::cast)
        .filter(PrivacyStage::rewrites)
        .map(PrivacyStage::receivedStudyInstanceUid)
        .findFirst()
        .orElse(stored.studyInstanceUid());
  }

  /** The header the gate has accepted (a part without one never gets past the gate). */
  private static DicomHeader header(List<IngestTap> taps) {
    return taps.stream()
        .filter(DicomTap.class::isInstance)
        .map(DicomTap.class::cast)
        .findFirst()
        .flatMap(DicomTap::header)
        .orElseThrow(() -> new IllegalStateException("no DICOM header past the gate"));
  }

  /** What ingest did with a part, as the part's entry in the STOW-RS response. */
  private void translate(int number, IngestResult result) {
    if (result.holdsFile()) {
      DicomHeader h = result.dicom().orElseThrow();
      response.stored(
          number,
          h.sopClassUid(),
          h.sopInstanceUid(),
          DicomWebUrls.instance(
              root, h.studyInstanceUid(), h.seriesInstanceUid(), h.sopInstanceUid()),
          deidentified(result) ? StowReason.COERCION : StowReason.ofWarnings(h.warnings()));
      return;
    }
    DicomHeader h = result.dicom().orElse(null);
    switch (result.outcome()) {
      case STORAGE_FULL ->
          response.failed(
              number,
              h == null ? null : h.sopClassUid(),
              h == null ? null : h.sopInstanceUid(),
              StowReason.OUT_OF_RESOURCES,
              result.reason().getMessage());
      case REJECTED -> refused(number, result.reason());
      default ->
          response.failed(
              number,
              h == null ? null : h.sopClassUid(),
              h == null ? null : h.sopInstanceUid(),
              StowReason.PROCESSING_FAILURE,
              "not stored: " + result.outcome());
    }
  }

  /**
   * True when the stored instance is the de-identified version of the part (its UIDs, in the header
   * the taps parsed, are the new ones).
   */
  private static boolean deidentified(IngestResult result) {
    return result.ingested() != null
        && result.ingested().tap(PrivacyStage.class).map(PrivacyStage::deidentified).orElse(false);
  }

  private void refused(int number, Throwable e) {
    if (e instanceof StowRefusal r) {
      response.failed(number, r.sopClassUid(), r.sopInstanceUid(), r.reason(), r.getMessage());
      return;
    }
    StowReason reason = StowReason.PROCESSING_FAILURE;
    String sopClass = null;
    String sopInstance = null;
    if (e instanceof ApiError a) {
      // The privacy stage names what it refused by the sender's own UIDs.
      sopClass = a.details().get("sopClassUid") instanceof String c ? c : null;
      sopInstance = a.details().get("sopInstanceUid") instanceof String i ? i : null;
      reason =
          switch (a.kind()) {
            case TOO_LARGE, INSUFFICIENT_STORAGE -> StowReason.OUT_OF_RESOURCES;
            case BAD_REQUEST -> StowReason.CANNOT_UNDERSTAND;
            case UNPROCESSABLE -> StowReason.NOT_AUTHORIZED;
            default -> StowReason.PROCESSING_FAILURE;
          };
    } else if (e instanceof FileSystemException
        || String.valueOf(e.getMessage()).contains("No space left")) {
      reason = StowReason.OUT_OF_RESOURCES;
    } else {
      LOG.warn("STOW-RS part {} failed: {}", number, e.toString(), e);
    }
    response.failed(number, sopClass, sopInstance, reason, e.getMessage());
  }

  private void answer() {
    if (response.isEmpty()) {
      rc.fail(
          ApiError.badRequest(
              "MALFORMED_MULTIPART",
              "%s",
              malformed != null ? malformed : "the request holds no part"));
      return;
    }
    // The study as stored: under deidentify, the mapping of the one the request's URL names.
    List<String> studies =
        response.referenced().stream()
            .map(StowResponse.Entry::retrieveUrl)
            .map(u -> u.substring(0, u.indexOf("/series/")))
            .distinct()
            .toList();
    if (studies.size() == 1) {
      response.retrieveUrl(studies.get(0));
    } else if (urlStudy != null) {
      response.retrieveUrl(DicomWebUrls.study(root, urlStudy));
    }
    // Thousands of parts make a large answer: it is written on a worker, not on the event loop.
    rc.vertx()
        .executeBlocking(
            () -> xml ? StowResponseWriter.xml(response) : StowResponseWriter.json(response), false)
        .onSuccess(
            body ->
                rc.response()
                    .setStatusCode(response.status())
                    .putHeader(
                        "Content-Type", xml ? "application/dicom+xml" : "application/dicom+json")
                    .end(body))
        .onFailure(rc::fail);
  }
}
