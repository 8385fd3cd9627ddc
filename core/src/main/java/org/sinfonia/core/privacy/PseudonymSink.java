package org.sinfonia.core.privacy;

/**
 * Where the pseudonym-to-original table goes when a policy keeps one ({@code keepPseudonymTable});
 * called once per instance. The default is to keep nothing.
 */
@FunctionalInterface
public interface PseudonymSink {

  PseudonymSink NONE = (pseudonym, originalPatientId) -> {};

  void record(String pseudonym, String originalPatientId);
}
