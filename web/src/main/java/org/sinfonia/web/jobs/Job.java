package org.sinfonia.web.jobs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.sinfonia.core.jobs.JobState;

/**
 * A durable unit of background work as stored: kind (which worker runs it), owner, parameters,
 * state, progress, per-item errors and result. Written before it is announced on the event bus.
 *
 * <p>The job repository's adapter builds it from the stored document in one place ({@code
 * JobDocuments} next to the Mongo adapter); {@code stored} is that document, read only by {@link
 * JobView} (for the dates as stored).
 *
 * @param state null if the stored state is missing or unknown
 * @param checkpoint whatever the worker recorded to resume after a crash (e.g. entries already
 *     extracted)
 * @param failure why the last attempt failed, or null
 */
public record Job(
    String id,
    String kind,
    String owner,
    JsonObject params,
    JobState state,
    boolean cancelRequested,
    int attempts,
    JsonObject checkpoint,
    JsonObject progress,
    JsonArray errors,
    JsonObject result,
    String failure,
    JsonObject stored) {}
