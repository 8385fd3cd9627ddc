package org.sinfonia.core.model;

import java.util.List;
import java.util.Set;

/**
 * What {@link OnnxInspector} found in an ONNX file, without running it.
 *
 * @param irVersion the ModelProto's {@code ir_version}
 * @param opsetImports the model's {@code opset_import} entries ({@code ""} is the default ai.onnx
 *     domain)
 * @param operators every (domain, op_type) used by a node, in the main graph, in subgraphs
 *     (If/Loop/Scan bodies) and in model-local functions
 * @param externalData names of tensors whose data lives in another file ({@code data_location =
 *     EXTERNAL} or {@code external_data} entries)
 * @param customDomains operator or opset domains other than ai.onnx / ai.onnx.ml (not counting
 *     domains that only hold the model's own local functions)
 * @param inputs graph inputs that must be fed (those that are also initializers are left out)
 * @param outputs graph outputs
 */
public record OnnxModelInfo(
    long irVersion,
    List<OpsetImport> opsetImports,
    Set<Operator> operators,
    List<String> externalData,
    Set<String> customDomains,
    List<GraphValue> inputs,
    List<GraphValue> outputs,
    long nodeCount,
    long initializerCount) {

  public record OpsetImport(String domain, long version) {}

  public record Operator(String domain, String opType) {
    @Override
    public String toString() {
      return domain.isEmpty() ? opType : domain + "." + opType;
    }
  }

  /**
   * A graph input or output. {@code valueKind} is {@code tensor}, {@code sequence}, {@code map},
   * {@code optional}, {@code sparse_tensor} or {@code unknown}; {@code elementType} is the ONNX
   * data type code (0 if unknown); {@code shape} is null when the graph gives no shape (unknown
   * rank).
   */
  public record GraphValue(String name, String valueKind, int elementType, List<Dim> shape) {}

  /** The version imported for a domain ({@code ""} and {@code "ai.onnx"} are the same), or -1. */
  public long opsetVersion(String domain) {
    String d = "ai.onnx".equals(domain) ? "" : domain;
    for (OpsetImport o : opsetImports) {
      String od = "ai.onnx".equals(o.domain()) ? "" : o.domain();
      if (od.equals(d)) {
        return o.version();
      }
    }
    return -1;
  }
}
