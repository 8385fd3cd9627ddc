package org.sinfonia.core.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The door a file came in through, recorded on its file record ({@code origin}) so that anyone can
 * later tell an upload from a STOW-RS instance or a zip entry. Each kind keeps the few facts that
 * identify the arrival.
 */
public sealed interface Origin {

  /** A short stable name of the door, as written in the file record and the metrics. */
  String door();

  /** Who brought the file in (the audit trail's user). */
  String login();

  /** The identifying facts besides the door (no secrets, nothing large). */
  Map<String, String> details();

  /** The door and its details in one map, the door first. */
  default Map<String, String> describe() {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("door", door());
    details()
        .forEach(
            (k, v) -> {
              if (v != null) {
                all.put(k, v);
              }
            });
    return all;
  }

  /** {@code POST /folders/{id}/files} or {@code POST /items/{id}/files}. */
  record Upload(String login) implements Origin {
    public String door() {
      return "upload";
    }

    public Map<String, String> details() {
      return Map.of("login", login);
    }
  }

  /** A resumable (tus) upload, by its upload id. */
  record Tus(String login, String uploadId) implements Origin {
    public String door() {
      return "tus";
    }

    public Map<String, String> details() {
      return Map.of("login", login, "uploadId", uploadId);
    }
  }

  /** One part of a STOW-RS request. */
  record Stow(String login, int part) implements Origin {
    public String door() {
      return "stow-rs";
    }

    public Map<String, String> details() {
      return Map.of("login", login, "part", Integer.toString(part));
    }
  }

  /** A file dropped into an SFTP inbox, by the account and its path inside the inbox. */
  record Sftp(String account, String path) implements Origin {
    public String door() {
      return "sftp";
    }

    public String login() {
      return account;
    }

    public Map<String, String> details() {
      return Map.of("account", account, "path", path);
    }
  }

  /** An entry of a zip file extracted by a job. */
  record ZipEntry(String login, String zipFileId, String entry) implements Origin {
    public String door() {
      return "zip";
    }

    public Map<String, String> details() {
      return Map.of("login", login, "zipFileId", zipFileId, "entry", entry);
    }
  }
}
