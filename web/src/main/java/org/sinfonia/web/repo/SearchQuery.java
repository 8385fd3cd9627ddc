package org.sinfonia.web.repo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.repo.ResourceType;

/** A search: word prefixes that must all match, resource types, and exact {@code meta.KEY=VALUE} filters. */
public record SearchQuery(List<String> prefixes, Set<ResourceType> types, Map<String, String> meta) {
}
