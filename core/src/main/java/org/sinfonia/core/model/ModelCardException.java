package org.sinfonia.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A model card could not be accepted; {@link #errors()} lists every problem found, not just the
 * first.
 */
public final class ModelCardException extends RuntimeException {
  private final List<CardError> errors;

  public ModelCardException(List<CardError> errors) {
    super(errors.stream().map(CardError::toString).collect(Collectors.joining("; ")));
    this.errors = List.copyOf(errors);
  }

  public List<CardError> errors() {
    return errors;
  }
}
