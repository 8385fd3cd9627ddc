package org.sinfonia.web.repo;

import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * {@code GET /search?q=TEXT&types=collection,folder,item,file&meta.KEY=VALUE&limit=&offset=}: every
 * word of {@code q} must prefix-match a word of the name, description or a metadata value (case-
 * and accent-insensitive); only readable results, filtered in the query. DICOM filters ({@code
 * patientId}, {@code modality}, {@code studyDateFrom}, {@code studyDateTo}, {@code
 * studyDescription}) keep the files whose indexed instance has those facts.
 */
public final class SearchRoutes {

  private final TreeReader tree;

  public SearchRoutes(TreeReader tree) {
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
    rc.queryParams()
        .forEach(
            e -> {
              if (e.getKey().startsWith("meta.")) {
                String key = e.getKey().substring(5);
                if (key.isEmpty() || key.startsWith("$") || key.contains("..")) {
                  throw ApiError.badRequest("INVALID_META", "meta filters are meta.KEY=VALUE");
                }
                meta.put(key, e.getValue());
              }
            });
    SearchQuery.Dicom dicom = dicom(rc);
    if (prefixes.isEmpty() && meta.isEmpty() && !dicom.any()) {
      throw ApiError.badRequest(
          "MISSING_QUERY", "give q=TEXT, meta.KEY=VALUE and/or DICOM filters");
    }
    Set<ResourceType> types = types(rc.queryParams().get("types"));
    Paging paging =
        Paging.parse(rc.queryParams().get("limit"), rc.queryParams().get("offset"), null, 50, 1000);
    tree.search(
            new SearchQuery(prefixes, types, meta, dicom),
            paging,
            AccessPolicy.readerTokens(caller))
        .onSuccess(page -> TreeRoutes.respond(rc, caller, page))
        .onFailure(rc::fail);
  }

  private static SearchQuery.Dicom dicom(RoutingContext rc) {
    String from = date(rc, "studyDateFrom");
    String to = date(rc, "studyDateTo");
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw ApiError.badRequest(
          "INVALID_DATE_RANGE", "studyDateFrom %s is after studyDateTo %s", from, to);
    }
    String modality = text(rc, "modality", 16);
    return new SearchQuery.Dicom(
        text(rc, "patientId", 64),
        modality == null ? null : modality.toUpperCase(Locale.ROOT),
        from,
        to,
        text(rc, "studyDescription", 64));
  }

  /** A parameter's trimmed value, null when absent or blank; longer than DICOM allows is a 400. */
  private static String text(RoutingContext rc, String name, int max) {
    String v = rc.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.trim();
    if (v.length() > max) {
      throw ApiError.badRequest(
          "INVALID_DICOM_FILTER", "%s is longer than %d characters", name, max);
    }
    return v;
  }

  /** {@code YYYYMMDD} or {@code YYYY-MM-DD}, a real calendar date, as {@code YYYYMMDD}. */
  private static String date(RoutingContext rc, String name) {
    String v = text(rc, name, 10);
    if (v == null) {
      return null;
    }
    String digits = v.matches("\\d{4}-\\d{2}-\\d{2}") ? v.replace("-", "") : v;
    if (!digits.matches("\\d{8}")) {
      throw ApiError.badRequest("INVALID_DATE", "%s must be YYYYMMDD or YYYY-MM-DD", name);
    }
    try {
      LocalDate.parse(digits, DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("INVALID_DATE", "%s is not a calendar date", name);
    }
    return digits;
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
