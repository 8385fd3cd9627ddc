package org.sinfonia.core.repo;

import org.sinfonia.core.error.ApiError;

/**
 * The kinds of repository resource; ACLs are granted on collections and folders, the others take
 * their folder's.
 */
public enum ResourceType {
  COLLECTION("collection", "collections"),
  FOLDER("folder", "folders"),
  ITEM("item", "items"),
  FILE("file", "files");

  private final String singular;
  private final String plural;

  ResourceType(String singular, String plural) {
    this.singular = singular;
    this.plural = plural;
  }

  /** As used in JSON ({@code "parentType":"folder"}) and error codes. */
  public String singular() {
    return singular;
  }

  /** As used in URLs ({@code /folders/{id}}) and as the storage collection name. */
  public String plural() {
    return plural;
  }

  public boolean holdsAcl() {
    return this == COLLECTION || this == FOLDER;
  }

  public static ResourceType ofSingular(String s) {
    for (ResourceType t : values()) {
      if (t.singular.equals(s)) {
        return t;
      }
    }
    throw ApiError.badRequest("INVALID_TYPE", "unknown resource type '%s'", s);
  }

  public static ResourceType ofPlural(String s) {
    for (ResourceType t : values()) {
      if (t.plural.equals(s)) {
        return t;
      }
    }
    throw ApiError.badRequest("INVALID_TYPE", "unknown resource type '%s'", s);
  }
}
