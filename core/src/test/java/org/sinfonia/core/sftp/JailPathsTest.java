package org.sinfonia.core.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jail resolution: lexical climbing stops at the root; links on disk that lead out are refused
 * wherever they are.
 */
class JailPathsTest {

  @TempDir Path tmp;
  Path root;
  Path outside;
  JailPaths jail;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectories(tmp.resolve("users/alice"));
    Files.createDirectories(root.resolve("inbox/A"));
    Files.createDirectories(tmp.resolve("users/bob/inbox"));
    outside = Files.createDirectories(tmp.resolve("secret"));
    Files.writeString(outside.resolve("passwd"), "root:x:0:0");
    jail = new JailPaths(root);
  }

  @Test
  void dotDotCannotClimbAboveTheRoot() {
    assertEquals(jail.root(), jail.resolve("/.."));
    assertEquals(jail.root().resolve("etc/passwd"), jail.resolve("../../etc/passwd"));
    assertEquals(jail.root().resolve("inbox"), jail.resolve("/inbox/A/../../../inbox"));
    assertEquals(
        jail.root().resolve("bob/inbox"),
        jail.resolve("/../bob/inbox"),
        "another user's jail is not reachable");
    assertEquals("/inbox/A", jail.toJailPath(jail.resolve("inbox//A/./")));
  }

  @Test
  void aLinkOutOfTheJailIsRefusedForEveryUse() throws Exception {
    Files.createSymbolicLink(root.resolve("inbox/evil"), outside);
    Files.createSymbolicLink(root.resolve("inbox/evil-file"), outside.resolve("passwd"));
    Files.createSymbolicLink(root.resolve("inbox/bob"), tmp.resolve("users/bob"));
    for (String p :
        List.of(
            "/inbox/evil",
            "/inbox/evil/passwd",
            "/inbox/evil/new-file",
            "/inbox/evil-file",
            "/inbox/bob/inbox")) {
      assertThrows(JailPaths.JailViolation.class, () -> jail.resolve(p), p);
    }
    // The link itself may be looked at (lstat) or removed, never followed.
    assertEquals(root.resolve("inbox/evil"), jail.resolveNoFollow("/inbox/evil"));
    assertThrows(JailPaths.JailViolation.class, () -> jail.resolveNoFollow("/inbox/evil/passwd"));
  }

  @Test
  void aLinkThatStaysInsideIsFollowed() throws Exception {
    Files.createSymbolicLink(root.resolve("inbox/here"), root.resolve("inbox/A"));
    assertEquals(root.resolve("inbox/here/x.dcm"), jail.resolve("/inbox/here/x.dcm"));
  }

  @Test
  void aDanglingLinkIsRefusedSinceCreatingThroughItWouldLandAnywhere() throws Exception {
    Files.createSymbolicLink(root.resolve("inbox/later"), outside.resolve("not-yet"));
    assertThrows(JailPaths.JailViolation.class, () -> jail.resolve("/inbox/later"));
    assertThrows(
        JailPaths.JailViolation.class, () -> jail.check(root.resolve("inbox/later"), true));
  }

  @Test
  void aJailWhoseRootIsALinkIsJudgedByItsRealPath() throws Exception {
    Path link = Files.createSymbolicLink(tmp.resolve("alias"), root);
    JailPaths viaLink = new JailPaths(link);
    assertEquals(root.toRealPath().resolve("inbox"), viaLink.resolve("/inbox"));
    assertThrows(JailPaths.JailViolation.class, () -> viaLink.check(outside, true));
    assertThrows(JailPaths.JailViolation.class, () -> jail.resolve("/inbox/\0x"));
  }

  @Test
  void inboxRules() {
    assertTrue(InboxPaths.isIngestible("/inbox/A/B/f.dcm"));
    assertTrue(InboxPaths.isIngestible("/inbox/f"));
    for (String p :
        List.of(
            "/inbox",
            "/outbox/f.dcm",
            "/inbox/.done/f.dcm",
            "/inbox/.failed/A/f.dcm",
            "/inbox/f.filepart",
            "/inbox/f.part",
            "/inbox/.~lock.f#",
            "/inbox/.hidden",
            "/inbox/A/.tmp/f",
            "/f.dcm")) {
      assertFalse(InboxPaths.isIngestible(p), p);
    }
    Map<String, String> m = Map.of("inbox/projectX", "F1", "inbox/projectX/deep", "F2");
    assertEquals(
        new InboxPaths.Target("inbox/projectX", List.of("sub"), "f.dcm"),
        InboxPaths.target("/inbox/projectX/sub/f.dcm", m));
    assertEquals(
        new InboxPaths.Target("inbox/projectX/deep", List.of(), "f.dcm"),
        InboxPaths.target("/inbox/projectX/deep/f.dcm", m));
    assertEquals(
        new InboxPaths.Target(null, List.of("A", "B"), "f.dcm"),
        InboxPaths.target("/inbox/A/B/f.dcm", m));
    assertEquals(
        "inbox/projectX", InboxPaths.normalizeMappingKey("/inbox/projectX/").orElseThrow());
    assertTrue(InboxPaths.normalizeMappingKey("outbox/x").isEmpty());
    assertTrue(InboxPaths.normalizeMappingKey("inbox/../x").isEmpty());
    assertTrue(InboxPaths.normalizeMappingKey("inbox/.done").isEmpty());
  }
}
