package org.sinfonia.web.jobs;

/**
 * The names of the kinds of job that an HTTP route submits and a worker elsewhere runs, in one
 * place so neither side has to import the other.
 */
public final class JobKinds {

  /** A folder copied into its owner's SFTP outbox. */
  public static final String SFTP_EXPORT = "sftp.export";

  /** An access change applied to everything below a folder or collection. */
  public static final String ACCESS_RECURSE = "access.recurse";

  private JobKinds() {}
}
