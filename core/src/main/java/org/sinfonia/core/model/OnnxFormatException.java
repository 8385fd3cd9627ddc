package org.sinfonia.core.model;

import java.io.IOException;

/**
 * The file is not a well-formed ONNX model (protobuf wire format broken, or required parts
 * missing).
 */
public final class OnnxFormatException extends IOException {
  public OnnxFormatException(String message) {
    super(message);
  }
}
