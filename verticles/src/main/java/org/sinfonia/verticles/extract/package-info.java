/**
 * The zip extraction job ({@link org.sinfonia.verticles.extract.ExtractJob}): a stored zip's
 * entries streamed one by one through the guarded extractor ({@code core/zip}) and the one ingest
 * pipeline into a folder tree, durable, resumable without duplicates, cancellable.
 */
package org.sinfonia.verticles.extract;
