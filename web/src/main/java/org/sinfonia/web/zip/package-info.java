/**
 * Zip extraction at the HTTP edge: {@code POST /files/{id}/extract} ({@link
 * org.sinfonia.web.zip.ExtractRoutes}), the conflict policy ({@link
 * org.sinfonia.core.ingest.ConflictPolicy}), the job's kind and parameters ({@link
 * org.sinfonia.web.zip.ExtractionJob}) and upload-and-extract for every door ({@link
 * org.sinfonia.web.zip.ExtractAfterUpload}). The job itself runs in {@code verticles/extract}.
 */
package org.sinfonia.web.zip;
