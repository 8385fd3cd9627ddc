package org.sinfonia.core.model;

import java.util.Arrays;

/**
 * A dense tensor in row-major order: its element type, shape and a flat primitive array ({@code
 * float[]} for float32, {@code double[]} float64, {@code long[]} int64, {@code int[]} int32, {@code
 * byte[]} uint8, {@code boolean[]} bool).
 */
public record NdArray(ElementType type, long[] shape, Object data) {
  public NdArray {
    shape = shape.clone();
    long n = elementCount(shape);
    int len = java.lang.reflect.Array.getLength(data);
    if (n != len) {
      throw new IllegalArgumentException(
          "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + len);
    }
    Class<?> expected =
        switch (type) {
          case FLOAT32 -> float[].class;
          case FLOAT64 -> double[].class;
          case INT64 -> long[].class;
          case INT32 -> int[].class;
          case UINT8 -> byte[].class;
          case BOOL -> boolean[].class;
        };
    if (data.getClass() != expected) {
      throw new IllegalArgumentException(
          type.cardName() + " data must be " + expected.getSimpleName());
    }
  }

  public static NdArray floats(long[] shape, float... values) {
    return new NdArray(ElementType.FLOAT32, shape, values);
  }

  /** A tensor of zeros (false) of the given type and shape. */
  public static NdArray zeros(ElementType type, long[] shape) {
    long n = elementCount(shape);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("tensor too large: " + n + " elements");
    }
    int len = (int) n;
    Object data =
        switch (type) {
          case FLOAT32 -> new float[len];
          case FLOAT64 -> new double[len];
          case INT64 -> new long[len];
          case INT32 -> new int[len];
          case UINT8 -> new byte[len];
          case BOOL -> new boolean[len];
        };
    return new NdArray(type, shape, data);
  }

  public static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** The values as doubles, whatever the element type (uint8 unsigned, bool 0/1). */
  public double[] asDoubles() {
    int n = size();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] =
          switch (type) {
            case FLOAT32 -> ((float[]) data)[i];
            case FLOAT64 -> ((double[]) data)[i];
            case INT64 -> ((long[]) data)[i];
            case INT32 -> ((int[]) data)[i];
            case UINT8 -> ((byte[]) data)[i] & 0xff;
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
          };
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NdArray a
        && a.type == type
        && Arrays.equals(a.shape, shape)
        && Arrays.deepEquals(new Object[] {a.data}, new Object[] {data});
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return type.cardName() + Arrays.toString(shape);
  }
}
