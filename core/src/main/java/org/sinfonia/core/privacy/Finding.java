package org.sinfonia.core.privacy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing the detector saw, described by tag, keyword and location only: never the value.
 *
 * @param tag {@code (gggg,eeee)}
 * @param keyword the dictionary keyword ({@code Private}, {@code PrivateCreator} for private tags)
 * @param location the path of enclosing sequences and the tag, e.g. {@code
 *     (0008,1140)[0]>(0008,1155)}
 * @param depth nesting level, 0 at the top
 * @param kind what was found
 * @param category for profile attributes, the kind of information the E.1-1 row is about
 * @param action for profile attributes, the Basic Profile action code (e.g. {@code Z})
 */
public record Finding(
    String tag,
    String keyword,
    String location,
    int depth,
    Kind kind,
    ProfileAttribute.Category category,
    String action) {

  /** What kind of finding. */
  public enum Kind {
    /** A Table E.1-1 attribute with a non-empty value. */
    PROFILE_ATTRIBUTE,
    /** A private attribute (odd group) with a value. */
    PRIVATE_ATTRIBUTE,
    /** Burned In Annotation (0028,0301) = YES. */
    BURNED_IN_ANNOTATION,
    /** Patient Identity Removed (0012,0062) = YES. */
    IDENTITY_REMOVED_DECLARED,
    /** De-identification Method (0012,0063) or its code sequence (0012,0064) present. */
    DEIDENTIFICATION_METHOD_DECLARED
  }

  /** The JSON shape stored in a file's view. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tag", tag);
    m.put("keyword", keyword);
    m.put("location", location);
    m.put("depth", depth);
    m.put("kind", kind.name());
    if (category != null) {
      m.put("category", category.name());
    }
    if (action != null) {
      m.put("action", action);
    }
    return m;
  }
}
