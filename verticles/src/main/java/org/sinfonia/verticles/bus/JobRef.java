package org.sinfonia.verticles.bus;

/** The event-bus message announcing a job: its id and kind; the job itself is read from MongoDB. */
public record JobRef(String id, String kind) {}
