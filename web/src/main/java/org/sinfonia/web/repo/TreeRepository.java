package org.sinfonia.web.repo;

/**
 * The repository tree: collections &gt; folders &gt; items &gt; files, read through {@link
 * TreeReader} and changed through {@link TreeWriter}. Classes that only read take a {@code
 * TreeReader}; this joint interface is what the Mongo adapter implements and the wiring passes on.
 */
public interface TreeRepository extends TreeReader, TreeWriter {}
