package org.sinfonia.web.models;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.sinfonia.core.blob.BlobStore;
import org.sinfonia.core.model.ModelCard;
import org.sinfonia.core.model.ModelCardParser;
import org.sinfonia.core.model.ModelLimits;
import org.sinfonia.core.model.ModelValidation;
import org.sinfonia.core.model.OnnxModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ModelValidation} on a submitted model off the event loop and records the outcome:
 * {@code pending-review}, or {@code rejected} with every reason found. The ONNX file is read from
 * the blob store (in place when the store keeps local files, else copied to a temporary file first,
 * so the request never holds it). A check that fails unexpectedly rejects the model with {@code
 * VALIDATION_ERROR} rather than leaving it validating.
 */
public final class ModelValidator {

  private static final Logger LOG = LoggerFactory.getLogger(ModelValidator.class);

  private final ModelRepository models;
  private final BlobStore blobs;
  private final WorkerExecutor validators;
  private final ModelValidation validation;
  private final ModelLimits limits;

  /**
   * @param validators the threads that validate (each waits for its smoke run)
   * @param smokeRuns where smoke runs execute; a run past the time limit is terminated and its
   *     thread returns here
   */
  public ModelValidator(
      ModelRepository models,
      BlobStore blobs,
      WorkerExecutor validators,
      Executor smokeRuns,
      ModelLimits limits) {
    this.models = models;
    this.blobs = blobs;
    this.validators = validators;
    this.validation = new ModelValidation(smokeRuns);
    this.limits = limits;
  }

  public ModelLimits limits() {
    return limits;
  }

  /** Validates and records the outcome; the future completes once it is recorded. */
  public Future<ModelStatus> validate(Model model) {
    return validators
        .executeBlocking(() -> check(model), false)
        .recover(
            e -> {
              LOG.warn("validation of model {} failed unexpectedly", model.id(), e);
              return Future.succeededFuture(
                  new Outcome(
                      List.of(
                          new Model.Reason(
                              "VALIDATION_ERROR",
                              "the model could not be checked: " + e.getMessage())),
                      new JsonObject()));
            })
        .compose(
            outcome -> {
              ModelStatus status =
                  outcome.reasons().isEmpty() ? ModelStatus.PENDING_REVIEW : ModelStatus.REJECTED;
              return models
                  .validated(model.id(), status, outcome.reasons(), outcome.validation())
                  .map(status);
            })
        .onFailure(e -> LOG.warn("recording the validation of model {} failed", model.id(), e));
  }

  /** Validates every model a stop left {@code validating}, one after another. */
  public Future<Integer> resume() {
    return models
        .validating()
        .compose(
            list -> {
              Future<Void> chain = Future.succeededFuture();
              for (Model m : list) {
                chain = chain.compose(v -> validate(m).<Void>mapEmpty().recover(e -> done()));
              }
              return chain.map(list.size());
            });
  }

  private static Future<Void> done() {
    return Future.succeededFuture();
  }

  private record Outcome(List<Model.Reason> reasons, JsonObject validation) {}

  private Outcome check(Model model) throws IOException {
    if (model.size() > limits.maxBytes()) {
      // As ModelValidation says it, without copying a file that is refused anyway.
      return new Outcome(
          List.of(
              new Model.Reason(
                  ModelValidation.ReasonCode.TOO_LARGE.name(),
                  "the file has " + model.size() + " bytes; the limit is " + limits.maxBytes())),
          new JsonObject());
    }
    ModelCard card = ModelCardParser.parse(model.card().getMap());
    Optional<Path> local = blobs.localFile(model.sha256());
    Path file = local.orElse(null);
    Path temporary = null;
    try {
      if (file == null) {
        temporary = Files.createTempFile("sinfonia-model-", ".onnx");
        copy(model.sha256(), temporary);
        file = temporary;
      }
      ModelValidation.Result result = validation.validate(file, card, limits);
      return new Outcome(
          result.reasons().stream()
              .map(r -> new Model.Reason(r.code().name(), r.message()))
              .toList(),
          describe(result));
    } finally {
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    }
  }

  private void copy(String sha256, Path target) throws IOException {
    try (SeekableByteChannel channel = blobs.open(sha256);
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Files.newOutputStream(target)) {
      in.transferTo(out);
    }
  }

  private static JsonObject describe(ModelValidation.Result result) {
    JsonObject v = new JsonObject().put("runtimeVersion", result.runtimeVersion());
    if (result.smokeRun() != null) {
      v.put("smokeRunMs", result.smokeRun().toMillis());
    }
    if (result.smokeMemoryBytes() >= 0) {
      v.put("smokeMemoryBytes", result.smokeMemoryBytes());
    }
    OnnxModelInfo info = result.info();
    if (info != null) {
      v.put("irVersion", info.irVersion());
      JsonArray opsets = new JsonArray();
      info.opsetImports()
          .forEach(
              o ->
                  opsets.add(
                      new JsonObject().put("domain", o.domain()).put("version", o.version())));
      v.put("opsets", opsets);
      v.put("nodes", info.nodeCount());
    }
    return v;
  }
}
