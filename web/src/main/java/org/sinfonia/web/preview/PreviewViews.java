package org.sinfonia.web.preview;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.sinfonia.core.render.tags.TagListEntry;
import org.sinfonia.core.zip.SkippedEntry;
import org.sinfonia.core.zip.ZipEntryProblem;
import org.sinfonia.core.zip.ZipNode;
import org.sinfonia.core.zip.ZipTree;

/**
 * JSON views of the previewer's listings.
 *
 * <ul>
 *   <li>Attribute list: an array of {@code {tag, keyword, name, vr, privateCreator?, value,
 *       items?}}, where {@code items} (sequences only) is an array of items, each an array of rows.
 *   <li>Zip tree: {@code {entries, files, size, compressedSize, refusedCount, refused: [{index,
 *       name, problem}], root: {name, kind, size, compressedSize, modified, problem?, children?}}}:
 *       {@code kind} is directory, file or symlink; {@code children} only on directories; {@code
 *       problem} {@code {code, detail}} on entries that extraction would refuse (unsafe names,
 *       links, encryption...).
 * </ul>
 */
public final class PreviewViews {

  private PreviewViews() {}

  public static JsonArray tags(List<TagListEntry> rows) {
    JsonArray out = new JsonArray();
    for (TagListEntry e : rows) {
      JsonObject row =
          new JsonObject()
              .put("tag", e.tag())
              .put("keyword", e.keyword())
              .put("name", e.name())
              .put("vr", e.vr());
      if (e.privateCreator() != null) {
        row.put("privateCreator", e.privateCreator());
      }
      row.put("value", e.value());
      if (!e.items().isEmpty()) {
        JsonArray items = new JsonArray();
        e.items().forEach(item -> items.add(tags(item)));
        row.put("items", items);
      }
      out.add(row);
    }
    return out;
  }

  public static JsonObject zipTree(ZipTree tree) {
    JsonArray refused = new JsonArray();
    for (SkippedEntry s : tree.refused()) {
      refused.add(
          new JsonObject()
              .put("index", s.index())
              .put("name", s.rawName())
              .put("problem", problem(s.problem())));
    }
    return new JsonObject()
        .put("entries", tree.entries())
        .put("files", tree.files())
        .put("size", tree.size())
        .put("compressedSize", tree.compressedSize())
        .put("refusedCount", tree.refusedCount())
        .put("refused", refused)
        .put("root", node(tree.root()));
  }

  private static JsonObject node(ZipNode n) {
    JsonObject out =
        new JsonObject()
            .put("name", n.name())
            .put("kind", n.kind().name().toLowerCase())
            .put("size", n.size())
            .put("compressedSize", n.compressedSize());
    if (n.modified() != null) {
      out.put("modified", n.modified().toString());
    }
    if (n.problem() != null) {
      out.put("problem", problem(n.problem()));
    }
    if (n.kind() == ZipNode.Kind.DIRECTORY) {
      JsonArray children = new JsonArray();
      n.children().forEach(c -> children.add(node(c)));
      out.put("children", children);
    }
    return out;
  }

  private static JsonObject problem(ZipEntryProblem p) {
    return new JsonObject().put("code", p.code()).put("detail", p.detail());
  }
}
