package org.sinfonia.web.preview;

/**
 * Why a preview is a placeholder: a stable code (the renderer's, such as {@code
 * UNSUPPORTED_TRANSFER_SYNTAX}, or the previewer's, such as {@code NOT_AN_IMAGE}) and a message for
 * people. Sent as the {@code Sinfonia-Preview-Failure} header of the PNG and in {@code
 * dicom-summary}.
 */
public record PreviewFailure(String code, String message) {}
