package org.sinfonia.verticles.sftp;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import org.sinfonia.core.access.AccessPolicy;
import org.sinfonia.core.access.Acl;
import org.sinfonia.core.access.Level;
import org.sinfonia.core.auth.Principal;
import org.sinfonia.core.error.ApiError;
import org.sinfonia.core.repo.ResourceNames;
import org.sinfonia.core.repo.ResourceType;
import org.sinfonia.core.sftp.InboxPaths;
import org.sinfonia.web.auth.UserRepository;
import org.sinfonia.web.repo.Resource;
import org.sinfonia.web.repo.ResourceAccess;
import org.sinfonia.web.repo.TreeRepository;
import org.sinfonia.web.sftp.SftpAccounts;
import org.sinfonia.web.sftp.SftpMapping;
import org.sinfonia.web.worker.Blocking;

/**
 * Where a dropped file goes, for the ingestion job (the ingest service records it there) (blocking:
 * it runs on a job worker). {@code /inbox/A/B/f.dcm} goes to the user's home folder under {@code
 * A/B/}, or, when a mapping covers {@code inbox/A}, to the mapped folder under {@code B/}; missing
 * folders are created as the REST API creates them (inheriting access, the user getting ADMIN).
 * WRITE on the target is checked now, with the user's directory facts of their last login, whatever
 * was true when the mapping was set.
 */
final class InboxTargets {

  private final UserRepository users;
  private final SftpAccounts accounts;
  private final TreeRepository tree;
  private final ResourceAccess access;

  InboxTargets(
      UserRepository users, SftpAccounts accounts, TreeRepository tree, ResourceAccess access) {
    this.users = users;
    this.accounts = accounts;
    this.tree = tree;
    this.access = access;
  }

  /** The folder a file goes to, and the mapping that sent it there (if any). */
  record Target(Principal user, Resource folder, String fileName, SftpMapping mapping) {}

  Principal principal(String login) {
    return Blocking.await(users.find(login))
        .orElseThrow(() -> ApiError.notFound("USER_NOT_FOUND", "no record for user %s", login))
        .principal();
  }

  Target resolve(String login, String jailPath) {
    Principal user = principal(login);
    Map<String, SftpMapping> mappings = Blocking.await(accounts.mappings(login));
    InboxPaths.Target t = InboxPaths.target(jailPath, mappings);
    String fileName = ResourceNames.require(t.fileName());
    Resource folder;
    SftpMapping mapping = null;
    if (t.mapped()) {
      mapping = mappings.get(t.mappingKey());
      try {
        folder =
            Blocking.await(access.load(user, ResourceType.FOLDER, mapping.folderId(), Level.READ))
                .resource();
      } catch (ApiError e) {
        throw ApiError.notFound(
            "MAPPING_TARGET_GONE",
            "%s is mapped to folder %s, which no longer exists or which you can no longer see (%s)",
            t.mappingKey(),
            mapping.folderId(),
            e.getMessage());
      }
    } else {
      folder = Blocking.await(tree.homeFolder(login));
    }
    for (String name : t.subfolders()) {
      folder = child(user, folder, ResourceNames.require(name));
    }
    AccessPolicy.require(user, folder.acl(), Level.WRITE, "folder", folder.id());
    return new Target(user, folder, fileName, mapping);
  }

  private Resource child(Principal user, Resource parent, String name) {
    Optional<Resource> found = Blocking.await(tree.findChild(parent, ResourceType.FOLDER, name));
    if (found.isPresent()) {
      return found.get();
    }
    AccessPolicy.require(user, parent.acl(), Level.WRITE, "folder", parent.id());
    Acl inherited = parent.acl();
    boolean ownAcl = !AccessPolicy.allows(user, inherited, Level.ADMIN);
    Acl acl = ownAcl ? inherited.withUser(user.login(), Level.ADMIN) : inherited;
    try {
      return Blocking.await(
          tree.createFolder(parent, name, "", new JsonObject(), acl, ownAcl, user.login()));
    } catch (ApiError e) {
      if (e.kind() != ApiError.Kind.CONFLICT) {
        throw e;
      }
      // Another ingestion created it first: use theirs.
      return Blocking.await(tree.findChild(parent, ResourceType.FOLDER, name)).orElseThrow(() -> e);
    }
  }
}
