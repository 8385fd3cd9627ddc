package org.sinfonia.web.repo;

import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.repo.SearchTokens;
import org.sinfonia.web.Access;
import org.sinfonia.web.ApiRouter;
import org.sinfonia.web.Caller;

/**
 * {@code GET /search?q=TEXT&types=collection,folder,item,file&meta.KEY=VALUE&limit=&offset=}: every word of
 * {@code q} must prefix-match a word of the name, description or a metadata value (case- and
 * accent-insensitive); only readable results, filtered in the query.
 */
public final class SearchRoutes {

  private final TreeRepository tree;

  public SearchRoutes(TreeRepository tree) {
    this.tree = tree;
  }

  public void register(ApiRouter api) {
    api.get("/search", Access.anyone(), this::search);
  }

  private void search(RoutingContext rc) {
    Principal caller = Caller.of(rc);
    String q = rc.queryParams().get("q");
    List<String> prefixes = q == null ? List.of() : new ArrayList<>(SearchTokens.of(List.of(q)));
    Map<String, String> meta = new LinkedHashMap<>();
    rc.queryParams().forEach(e -> {
      if (e.getKey().startsWith("meta.")) {
        String key = e.getKey().substring(5);
        if (key.isEmpty() || key.startsWith("$") || key.contains("..")) {
          throw ApiError.badRequest("INVALID_META", "meta filters are meta.KEY=VALUE");
        }
        meta.put(key, e.getValue());
      }
    });
    if (prefixes.isEmpty() && meta.isEmpty()) {
      throw ApiError.badRequest("MISSING_QUERY", "give q=TEXT and/or meta.KEY=VALUE filters");
    }
    Set<ResourceType> types = types(rc.queryParams().get("types"));
    Paging paging = Paging.parse(rc.queryParams().get("limit"), rc.queryParams().get("offset"), null, 50, 1000);
    tree.search(new SearchQuery(prefixes, types, meta), paging, AccessPolicy.readerTokens(caller))
        .onSuccess(page -> TreeRoutes.respond(rc, caller, page))
        .onFailure(rc::fail);
  }

  private static Set<ResourceType> types(String param) {
    if (param == null || param.isBlank()) {
      return EnumSet.allOf(ResourceType.class);
    }
    Set<ResourceType> types = EnumSet.noneOf(ResourceType.class);
    for (String t : param.split(",")) {
      types.add(ResourceType.ofSingular(t.trim()));
    }
    return types;
  }
}
