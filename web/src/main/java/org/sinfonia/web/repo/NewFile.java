package org.sinfonia.web.repo;

import org.sinfonia.core.blob.Blob;

/** A stored blob that is to become a file, in a new item of the same name. */
public record NewFile(String name, String mimeType, Blob blob) {
}
