package org.sinfonia.core.model;

import java.util.Optional;

/**
 * Tensor element types a model card may declare, with their ONNX {@code TensorProto.DataType}
 * codes.
 */
public enum ElementType {
  FLOAT32("float32", 1, 4),
  FLOAT64("float64", 11, 8),
  INT64("int64", 7, 8),
  INT32("int32", 6, 4),
  UINT8("uint8", 2, 1),
  BOOL("bool", 9, 1);

  private final String cardName;
  private final int onnxCode;
  private final int bytes;

  ElementType(String cardName, int onnxCode, int bytes) {
    this.cardName = cardName;
    this.onnxCode = onnxCode;
    this.bytes = bytes;
  }

  /** The name used in model cards, e.g. {@code float32}. */
  public String cardName() {
    return cardName;
  }

  /** The ONNX {@code TensorProto.DataType} value. */
  public int onnxCode() {
    return onnxCode;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  public static Optional<ElementType> fromCardName(String name) {
    for (ElementType t : values()) {
      if (t.cardName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public static Optional<ElementType> fromOnnxCode(int code) {
    for (ElementType t : values()) {
      if (t.onnxCode == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** A readable name for any ONNX data type code (also those a card cannot declare). */
  public static String onnxName(int code) {
    return switch (code) {
      case 0 -> "undefined";
      case 1 -> "float32";
      case 2 -> "uint8";
      case 3 -> "int8";
      case 4 -> "uint16";
      case 5 -> "int16";
      case 6 -> "int32";
      case 7 -> "int64";
      case 8 -> "string";
      case 9 -> "bool";
      case 10 -> "float16";
      case 11 -> "float64";
      case 12 -> "uint32";
      case 13 -> "uint64";
      case 14 -> "complex64";
      case 15 -> "complex128";
      case 16 -> "bfloat16";
      default -> "type" + code;
    };
  }
}
