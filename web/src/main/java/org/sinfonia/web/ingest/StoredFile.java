package org.sinfonia.web.ingest;

import org.sinfonia.web.repo.Resource;

/** A file just recorded in the repository, and what its ingest saw of its bytes. */
public record StoredFile(Resource file, Ingested ingested) {}
