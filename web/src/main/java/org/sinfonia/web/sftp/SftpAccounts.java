package org.sinfonia.web.sftp;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * What a user set up for the SFTP door: the public keys they log in with and where subtrees of
 * their inbox go. Keyed by login; implemented over the user's record.
 */
public interface SftpAccounts {

  int MAX_KEYS = 50;
  int MAX_MAPPINGS = 100;

  Future<List<SshKeyRecord>> keys(String login);

  /** Adds a key; fails with 409 {@code SSH_KEY_EXISTS} when the user already has it. */
  Future<Void> addKey(String login, SshKeyRecord key);

  /** Removes a key by id; false when the user had none with that id. */
  Future<Boolean> removeKey(String login, String id);

  /** Mapping keys ({@code inbox/projectX}) to targets, in no particular order. */
  Future<Map<String, SftpMapping>> mappings(String login);

  Future<Void> setMappings(String login, Map<String, SftpMapping> mappings);
}
