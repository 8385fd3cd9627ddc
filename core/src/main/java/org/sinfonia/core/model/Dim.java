package org.sinfonia.core.model;

/**
 * One dimension of a tensor shape: a fixed size ({@code size >= 0}), a named symbolic size ({@code
 * symbol != null}, e.g. {@code "batch"}) or an anonymous dynamic size ({@code size == -1}, no
 * symbol).
 */
public record Dim(long size, String symbol) {
  public static final Dim DYNAMIC = new Dim(-1, null);

  public static Dim fixed(long size) {
    return new Dim(size, null);
  }

  public static Dim symbolic(String name) {
    return new Dim(-1, name);
  }

  public boolean isFixed() {
    return size >= 0;
  }

  @Override
  public String toString() {
    return isFixed() ? Long.toString(size) : symbol != null ? symbol : "?";
  }
}
