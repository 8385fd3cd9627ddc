package org.sinfonia.verticles.tree;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.blob.Blob;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.Paging;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.verticles.dicom.DicomCollections;
import org.sinfonia.verticles.mongo.Collections;
import org.sinfonia.web.repo.FileOutcome;
import org.sinfonia.web.repo.Listing;
import org.sinfonia.web.repo.NewFile;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.SearchQuery;
import org.sinfonia.web.repo.TreeRepository;

/**
 * The repository tree over MongoDB: creation, reads, listings and search here; access changes,
 * moves, copies and deletions in {@link TreeChanges}. Hot reads are by {@code _id}; sibling names
 * are kept unique by a unique index on {@code siblingKey}, which the embedded store enforces too.
 */
public final class MongoTreeRepository implements TreeRepository {

  private final MongoClient mongo;
  private final Clock clock;
  private final ItemLists itemLists;
  private final BlobRefs blobRefs;
  private final TreeChanges changes;
  private final ItemsWithFiles batches;

  public MongoTreeRepository(MongoClient mongo, FileEvents events, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    this.itemLists = new ItemLists(mongo);
    this.blobRefs = new BlobRefs(mongo, clock);
    this.changes = new TreeChanges(this, mongo, itemLists, blobRefs, events, clock);
    this.batches = new ItemsWithFiles(this, mongo, itemLists, blobRefs, clock);
  }

  static String collectionOf(ResourceType type) {
    return type.plural();
  }

  @Override
  public Future<Optional<Resource>> find(ResourceType type, String id) {
    return mongo
        .findOne(collectionOf(type), new JsonObject().put("_id", id), null)
        .map(doc -> Optional.ofNullable(doc).map(d -> new Resource(type, d)));
  }

  @Override
  public Future<Optional<Resource>> findChild(
      Resource parent, ResourceType childType, String name) {
    String key =
        childType == ResourceType.ITEM
            ? TreeDocuments.siblingKey(ResourceType.ITEM, null, parent.id(), name)
            : TreeDocuments.siblingKey(
                ResourceType.FOLDER, parent.type().singular(), parent.id(), name);
    return mongo
        .findOne(collectionOf(childType), new JsonObject().put("siblingKey", key), null)
        .map(doc -> Optional.ofNullable(doc).map(d -> new Resource(childType, d)));
  }

  Future<Resource> insert(ResourceType type, JsonObject doc) {
    return mongo
        .insert(collectionOf(type), doc)
        .recover(
            e ->
                Future.failedFuture(
                    duplicate(e)
                        ? ApiError.conflict(
                            "DUPLICATE_NAME",
                            "a %s named '%s' already exists here",
                            type.singular(),
                            doc.getString("name"))
                        : e))
        .map(id -> new Resource(type, doc));
  }

  static boolean duplicate(Throwable e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("E11000") || m.contains("duplicate key");
  }

  @Override
  public Future<Resource> createCollection(
      String name, String description, JsonObject meta, Acl acl, String creator) {
    JsonObject doc =
        TreeDocuments.base(name, description, meta, creator, clock.instant())
            .put("siblingKey", TreeDocuments.siblingKey(ResourceType.COLLECTION, null, null, name))
            .mergeIn(TreeDocuments.access(acl));
    return insert(ResourceType.COLLECTION, doc);
  }

  @Override
  public Future<Resource> createFolder(
      Resource parent,
      String name,
      String description,
      JsonObject meta,
      Acl acl,
      boolean ownAcl,
      String creator) {
    boolean underCollection = parent.type() == ResourceType.COLLECTION;
    JsonObject doc =
        TreeDocuments.base(name, description, meta, creator, clock.instant())
            .put("parentType", parent.type().singular())
            .put("parentId", parent.id())
            .put("collectionId", parent.collectionId())
            .put(
                "ancestors", underCollection ? new JsonArray() : TreeDocuments.chainThrough(parent))
            .put(
                "siblingKey",
                TreeDocuments.siblingKey(
                    ResourceType.FOLDER, parent.type().singular(), parent.id(), name))
            .put("ownAcl", ownAcl)
            .put("itemSeq", 0L)
            .put("itemChunks", new JsonObject())
            .mergeIn(TreeDocuments.access(acl));
    doc.put("aclSource", ownAcl ? doc.getString("_id") : aclSourceOf(parent));
    return insert(ResourceType.FOLDER, doc);
  }

  /**
   * Where a resource's ACL comes from: itself for collections and folders with their own, else
   * inherited.
   */
  static String aclSourceOf(Resource r) {
    return r.type() == ResourceType.COLLECTION ? r.id() : r.doc().getString("aclSource", r.id());
  }

  @Override
  public Future<Optional<Resource>> childFolder(Resource parent, String name) {
    String key =
        TreeDocuments.siblingKey(ResourceType.FOLDER, parent.type().singular(), parent.id(), name);
    return mongo
        .findOne(Collections.FOLDERS, new JsonObject().put("siblingKey", key), null)
        .map(doc -> Optional.ofNullable(doc).map(d -> new Resource(ResourceType.FOLDER, d)));
  }

  @Override
  public Future<Resource> homeFolder(String login) {
    String key = TreeDocuments.siblingKey(ResourceType.FOLDER, "user", login, login);
    return mongo
        .findOne(Collections.FOLDERS, new JsonObject().put("siblingKey", key), null)
        .compose(
            found -> {
              if (found != null) {
                return Future.succeededFuture(new Resource(ResourceType.FOLDER, found));
              }
              JsonObject doc =
                  TreeDocuments.base(
                          login,
                          "Home folder of " + login,
                          new JsonObject(),
                          login,
                          clock.instant())
                      .put("parentType", "user")
                      .put("parentId", login)
                      .put("ancestors", new JsonArray())
                      .put("siblingKey", key)
                      .put("ownAcl", true)
                      .put("itemSeq", 0L)
                      .put("itemChunks", new JsonObject())
                      .mergeIn(
                          TreeDocuments.access(
                              Acl.PRIVATE.withUser(login, org.sinfonia.core.access.Level.ADMIN)));
              doc.put("aclSource", doc.getString("_id"));
              // Two first logins racing: the unique key lets one insert win; the other reads the
              // winner.
              return insert(ResourceType.FOLDER, doc)
                  .recover(
                      e ->
                          e instanceof ApiError a && a.kind() == ApiError.Kind.CONFLICT
                              ? mongo
                                  .findOne(
                                      Collections.FOLDERS,
                                      new JsonObject().put("siblingKey", key),
                                      null)
                                  .map(d -> new Resource(ResourceType.FOLDER, d))
                              : Future.failedFuture(e));
            });
  }

  @Override
  public Future<Resource> createItem(
      Resource folder, String name, String description, JsonObject meta, String creator) {
    JsonObject doc =
        TreeDocuments.base(name, description, meta, creator, clock.instant())
            .put("folderId", folder.id())
            .put("collectionId", folder.collectionId())
            .put("ancestors", TreeDocuments.chainThrough(folder))
            .put("siblingKey", TreeDocuments.siblingKey(ResourceType.ITEM, null, folder.id(), name))
            .put("fileCount", 0L)
            .mergeIn(TreeDocuments.access(folder.acl()));
    String id = doc.getString("_id");
    return itemLists
        .add(folder.id(), id)
        .compose(
            chunk ->
                insert(ResourceType.ITEM, doc.put("listChunk", chunk))
                    .recover(
                        e ->
                            itemLists
                                .remove(folder.id(), chunk, id)
                                .transform(x -> Future.failedFuture(e))));
  }

  @Override
  public Future<List<FileOutcome>> createItemsWithFiles(
      Resource folder, List<NewFile> files, String creator) {
    return batches.create(folder, files, creator);
  }

  @Override
  public Future<Resource> createFile(
      Resource item, String name, String mimeType, Blob blob, JsonObject facts, String creator) {
    JsonObject doc =
        facts
            .copy()
            .mergeIn(TreeDocuments.base(name, null, null, creator, clock.instant()))
            .put("itemId", item.id())
            .put("folderId", item.folderId())
            .put("collectionId", item.collectionId())
            .put("ancestors", item.doc().getJsonArray("ancestors"))
            .put("siblingKey", TreeDocuments.siblingKey(ResourceType.FILE, null, item.id(), name))
            .put("sha256", blob.sha256())
            .put("size", blob.size())
            .put("mimeType", mimeType)
            .mergeIn(TreeDocuments.access(item.acl()));
    // Count the reference first: a crash before the insert leaves a blob kept too long, never one
    // freed too early.
    return blobRefs
        .acquire(blob.sha256(), blob.size())
        .compose(
            v ->
                insert(ResourceType.FILE, doc)
                    .recover(
                        e ->
                            blobRefs.release(blob.sha256()).transform(x -> Future.failedFuture(e))))
        .compose(
            file ->
                mongo
                    .updateCollection(
                        Collections.ITEMS,
                        new JsonObject().put("_id", item.id()),
                        new JsonObject().put("$inc", new JsonObject().put("fileCount", 1L)))
                    .compose(r -> adjustSize(item, blob.size()))
                    .map(file));
  }

  /** Adds {@code delta} bytes to the size of a resource and of everything above it. */
  Future<Void> adjustSize(Resource at, long delta) {
    if (delta == 0) {
      return Future.succeededFuture();
    }
    JsonObject inc = new JsonObject().put("$inc", new JsonObject().put("size", delta));
    List<Future<?>> updates = new ArrayList<>();
    if (at.type() == ResourceType.ITEM) {
      updates.add(
          mongo.updateCollection(Collections.ITEMS, new JsonObject().put("_id", at.id()), inc));
    }
    List<String> folders = new ArrayList<>(at.ancestors());
    if (at.type() == ResourceType.FOLDER) {
      folders.add(at.id());
    }
    if (!folders.isEmpty()) {
      updates.add(
          mongo.updateCollectionWithOptions(
              Collections.FOLDERS,
              new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(folders))),
              inc,
              new UpdateOptions().setMulti(true)));
    }
    if (at.collectionId() != null && at.type() != ResourceType.COLLECTION) {
      updates.add(
          mongo.updateCollection(
              Collections.COLLECTIONS, new JsonObject().put("_id", at.collectionId()), inc));
    }
    return Future.join(updates).mapEmpty();
  }

  @Override
  public Future<Resource> update(
      Resource r, String name, String description, JsonObject meta, boolean mergeMeta) {
    if (name == null && description == null && meta == null) {
      return find(r.type(), r.id()).map(o -> o.orElse(r));
    }
    JsonObject doc = r.doc().copy();
    if (name != null) {
      doc.put("name", name)
          .put("nameLower", name.toLowerCase())
          .put("siblingKey", TreeDocuments.siblingKeyOf(r, name));
    }
    if (description != null) {
      doc.put("description", description);
    }
    if (meta != null) {
      JsonObject merged =
          mergeMeta ? doc.getJsonObject("meta", new JsonObject()).copy() : new JsonObject();
      meta.forEach(
          e -> {
            if (mergeMeta && e.getValue() == null) {
              merged.remove(e.getKey()); // PATCH with null removes a key
            } else {
              merged.put(e.getKey(), e.getValue());
            }
          });
      doc.put("meta", merged);
    }
    JsonObject set =
        new JsonObject()
            .put("updated", TreeDocuments.date(clock.instant()))
            .put("tokens", new JsonArray(TreeDocuments.tokens(doc)));
    for (String f : List.of("name", "nameLower", "siblingKey", "description", "meta")) {
      if (doc.containsKey(f)) {
        set.put(f, doc.getValue(f));
      }
    }
    return mongo
        .updateCollection(
            collectionOf(r.type()),
            new JsonObject().put("_id", r.id()),
            new JsonObject().put("$set", set))
        .recover(
            e ->
                Future.failedFuture(
                    duplicate(e)
                        ? ApiError.conflict(
                            "DUPLICATE_NAME",
                            "a %s named '%s' already exists here",
                            r.type().singular(),
                            name)
                        : e))
        .compose(x -> find(r.type(), r.id()))
        .map(
            o ->
                o.orElseThrow(
                    () ->
                        ApiError.notFound(
                            r.type().singular().toUpperCase() + "_NOT_FOUND",
                            "no %s %s",
                            r.type().singular(),
                            r.id())));
  }

  @Override
  public Future<Listing> collections(Paging paging, Optional<List<String>> readers) {
    return page(ResourceType.COLLECTION, readable(new JsonObject(), readers), paging);
  }

  @Override
  public Future<Listing> children(
      Resource parent, ResourceType childType, Paging paging, Optional<List<String>> readers) {
    if (childType == ResourceType.ITEM && paging.sort() == Paging.Sort.CREATED) {
      return itemsInCreationOrder(parent, paging);
    }
    JsonObject query =
        childType == ResourceType.ITEM
            ? new JsonObject().put("folderId", parent.id())
            : new JsonObject()
                .put("parentType", parent.type().singular())
                .put("parentId", parent.id());
    return page(childType, readable(query, readers), paging);
  }

  private Future<Listing> itemsInCreationOrder(Resource folder, Paging paging) {
    return find(ResourceType.FOLDER, folder.id())
        .compose(
            fresh -> {
              JsonObject counts =
                  fresh
                      .map(f -> f.doc().getJsonObject("itemChunks", new JsonObject()))
                      .orElse(new JsonObject());
              return itemLists
                  .page(folder.id(), counts, paging.offset(), paging.limit())
                  .compose(ids -> byIds(ResourceType.ITEM, ids))
                  .map(items -> new Listing(items, ItemLists.total(counts)));
            });
  }

  /**
   * Fetches documents by id in one query, returned in the order of {@code ids}; missing ones are
   * skipped.
   */
  Future<List<Resource>> byIds(ResourceType type, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject query = new JsonObject().put("_id", new JsonObject().put("$in", new JsonArray(ids)));
    return mongo
        .find(collectionOf(type), query)
        .map(
            docs -> {
              Map<String, JsonObject> byId =
                  docs.stream()
                      .collect(Collectors.toMap(d -> d.getString("_id"), Function.identity()));
              return ids.stream()
                  .filter(byId::containsKey)
                  .map(id -> new Resource(type, byId.get(id)))
                  .toList();
            });
  }

  private Future<Listing> page(ResourceType type, JsonObject query, Paging paging) {
    JsonObject sort =
        paging.sort() == Paging.Sort.NAME
            ? new JsonObject().put("nameLower", 1).put("_id", 1)
            : new JsonObject().put("created", 1).put("_id", 1);
    FindOptions options =
        new FindOptions()
            .setSort(sort)
            .setSkip((int) Math.min(paging.offset(), Integer.MAX_VALUE))
            .setLimit(paging.limit());
    return mongo
        .findWithOptions(collectionOf(type), query, options)
        .compose(
            docs ->
                mongo
                    .count(collectionOf(type), query)
                    .map(
                        total ->
                            new Listing(
                                docs.stream().map(d -> new Resource(type, d)).toList(), total)));
  }

  static JsonObject readable(JsonObject query, Optional<List<String>> readers) {
    readers.ifPresent(
        tokens -> query.put("readers", new JsonObject().put("$in", new JsonArray(tokens))));
    return query;
  }

  @Override
  public Future<List<Resource>> files(Resource item) {
    return mongo
        .findWithOptions(
            Collections.FILES,
            new JsonObject().put("itemId", item.id()),
            new FindOptions().setSort(new JsonObject().put("nameLower", 1)))
        .map(docs -> docs.stream().map(d -> new Resource(ResourceType.FILE, d)).toList());
  }

  @Override
  public Future<Listing> search(SearchQuery q, Paging paging, Optional<List<String>> readers) {
    if (!q.dicom().any()) {
      return search(q, new JsonArray(), paging, readers);
    }
    if (!q.types().contains(ResourceType.FILE)) {
      return Future.succeededFuture(new Listing(List.of(), 0));
    }
    // DICOM facts live in the instance index, which names each instance's file; the files query
    // then keeps
    // those the rest of the search (words, meta, access) allows.
    return mongo
        .findWithOptions(
            DicomCollections.INSTANCES,
            readable(dicomQuery(q.dicom()), readers),
            new FindOptions()
                .setFields(new JsonObject().put("fileId", 1))
                .setLimit(MAX_DICOM_FILES + 1))
        .compose(
            found -> {
              // Never a silently shortened result: a filter broader than the limit is refused.
              if (found.size() > MAX_DICOM_FILES) {
                return Future.failedFuture(
                    ApiError.badRequest(
                        "DICOM_FILTER_TOO_BROAD",
                        "the DICOM filters match more than %d instances; narrow them",
                        MAX_DICOM_FILES));
              }
              JsonArray ids =
                  new JsonArray(found.stream().map(d -> d.getString("fileId")).distinct().toList());
              SearchQuery files =
                  new SearchQuery(
                      q.prefixes(), java.util.EnumSet.of(ResourceType.FILE), q.meta(), q.dicom());
              return search(
                  files,
                  new JsonArray()
                      .add(new JsonObject().put("_id", new JsonObject().put("$in", ids))),
                  paging,
                  readers);
            });
  }

  /** How many instances a DICOM filter may match; a broader one should be narrowed. */
  static final int MAX_DICOM_FILES = 10_000;

  private static JsonObject dicomQuery(SearchQuery.Dicom d) {
    JsonObject query = new JsonObject();
    if (d.patientId() != null) {
      query.put("study.00100020.Value", d.patientId());
    }
    if (d.modality() != null) {
      query.put("modality", d.modality());
    }
    if (d.studyDateFrom() != null || d.studyDateTo() != null) {
      JsonObject range = new JsonObject();
      if (d.studyDateFrom() != null) {
        range.put("$gte", d.studyDateFrom());
      }
      if (d.studyDateTo() != null) {
        range.put("$lte", d.studyDateTo());
      }
      query.put("study.00080020.Value", range);
    }
    if (d.studyDescription() != null) {
      query.put(
          "study.00081030.Value",
          new JsonObject()
              .put("$regex", java.util.regex.Pattern.quote(d.studyDescription()))
              .put("$options", "i"));
    }
    return query;
  }

  private Future<Listing> search(
      SearchQuery q, JsonArray clauses, Paging paging, Optional<List<String>> readers) {
    q.prefixes()
        .forEach(
            p ->
                clauses.add(
                    new JsonObject().put("tokens", new JsonObject().put("$regex", "^" + p))));
    q.meta()
        .forEach(
            (k, v) ->
                clauses.add(
                    new JsonObject().put("meta." + k, new JsonObject().put("$in", metaValues(v)))));
    JsonObject query = readable(new JsonObject().put("$and", clauses), readers);
    List<ResourceType> types = new ArrayList<>(q.types());
    types.sort(Comparator.naturalOrder());
    return Future.all(types.stream().map(t -> mongo.count(collectionOf(t), query)).toList())
        .compose(
            counts -> {
              long total = 0;
              long skip = paging.offset();
              int remaining = paging.limit();
              List<Future<List<Resource>>> parts = new ArrayList<>();
              for (int i = 0; i < types.size(); i++) {
                long n = counts.<Long>resultAt(i);
                total += n;
                if (skip >= n) {
                  skip -= n;
                  continue;
                }
                if (remaining > 0) {
                  ResourceType t = types.get(i);
                  int take = (int) Math.min(remaining, n - skip);
                  parts.add(
                      mongo
                          .findWithOptions(
                              collectionOf(t),
                              query,
                              new FindOptions()
                                  .setSort(new JsonObject().put("nameLower", 1).put("_id", 1))
                                  .setSkip((int) skip)
                                  .setLimit(take))
                          .map(docs -> docs.stream().map(d -> new Resource(t, d)).toList()));
                  remaining -= take;
                  skip = 0;
                }
              }
              long all = total;
              return Future.all(parts)
                  .map(
                      done ->
                          new Listing(
                              parts.stream().flatMap(f -> f.result().stream()).toList(), all));
            });
  }

  /** A metadata filter value matches the string, and the number it spells when it is one. */
  private static JsonArray metaValues(String v) {
    JsonArray values = new JsonArray().add(v);
    try {
      values.add(Long.parseLong(v));
    } catch (NumberFormatException notLong) {
      try {
        values.add(Double.parseDouble(v));
      } catch (NumberFormatException notNumber) {
        if (v.equals("true") || v.equals("false")) {
          values.add(Boolean.parseBoolean(v));
        }
      }
    }
    return values;
  }

  @Override
  public Future<List<Resource>> subtreeFolders(Resource root, Optional<List<String>> readers) {
    JsonObject query =
        root.type() == ResourceType.COLLECTION
            ? new JsonObject().put("collectionId", root.id())
            : new JsonObject().put("ancestors", root.id());
    return mongo
        .find(Collections.FOLDERS, readable(query, readers))
        .map(
            docs -> {
              List<Resource> out = new ArrayList<>();
              if (root.type() == ResourceType.FOLDER) {
                out.add(root);
              }
              docs.stream()
                  .map(d -> new Resource(ResourceType.FOLDER, d))
                  .sorted(
                      Comparator.comparingInt((Resource r) -> r.ancestors().size())
                          .thenComparing(Resource::name))
                  .forEach(out::add);
              return out;
            });
  }

  @Override
  public Future<Long> countSubtreeFolders(Resource root) {
    JsonObject query =
        root.type() == ResourceType.COLLECTION
            ? new JsonObject().put("collectionId", root.id())
            : new JsonObject().put("ancestors", root.id());
    return mongo.count(Collections.FOLDERS, query);
  }

  @Override
  public Future<List<Resource>> filesOfFolders(List<String> folderIds) {
    if (folderIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject fields =
        new JsonObject()
            .put("name", 1)
            .put("itemId", 1)
            .put("folderId", 1)
            .put("sha256", 1)
            .put("size", 1)
            .put("created", 1)
            .put("updated", 1)
            .put("mimeType", 1)
            .put("acl", 1);
    return mongo
        .findWithOptions(
            Collections.FILES,
            new JsonObject().put("folderId", new JsonObject().put("$in", new JsonArray(folderIds))),
            new FindOptions()
                .setFields(fields)
                .setSort(new JsonObject().put("itemId", 1).put("nameLower", 1)))
        .map(docs -> docs.stream().map(d -> new Resource(ResourceType.FILE, d)).toList());
  }

  @Override
  public Future<List<Resource>> itemsOfFolders(List<String> folderIds) {
    if (folderIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    JsonObject fields =
        new JsonObject().put("name", 1).put("folderId", 1).put("fileCount", 1).put("updated", 1);
    return mongo
        .findWithOptions(
            Collections.ITEMS,
            new JsonObject().put("folderId", new JsonObject().put("$in", new JsonArray(folderIds))),
            new FindOptions().setFields(fields).setSort(new JsonObject().put("nameLower", 1)))
        .map(docs -> docs.stream().map(d -> new Resource(ResourceType.ITEM, d)).toList());
  }

  @Override
  public Future<Void> setAcl(Resource target, Acl acl, boolean recurse) {
    return changes.setAcl(target, acl, recurse);
  }

  @Override
  public Future<Resource> move(Resource resource, Resource newParent) {
    return changes.move(resource, newParent);
  }

  @Override
  public Future<Resource> copy(Resource resource, Resource newParent, String creator) {
    return changes.copy(resource, newParent, creator);
  }

  @Override
  public Future<Void> delete(Resource resource) {
    return changes.delete(resource);
  }
}
