package org.sinfonia.core.sftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sinfonia.core.error.ApiError;

class SshPublicKeyTest {

  // ssh-keygen -t ed25519 -C test; ssh-keygen -l prints the fingerprint below
  static final String LINE =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHax3ScvHaqhP3hJ/lbYnDLAD9eHD325m8D4J0vu9XMj test";

  @Test
  void parsesAndFingerprintsAsOpenSshDoes() {
    SshPublicKey key = SshPublicKey.parse("  " + LINE + "\n");
    assertEquals("ssh-ed25519", key.type());
    assertEquals("test", key.comment());
    assertEquals(LINE, key.line());
    assertEquals(64, key.id().length());
    assertEquals("SHA256:JJJz7bXLVpFO9YHxpEtQ4Bg/HTnAXTlitsyb3mnY1xc", key.fingerprint());
  }

  @Test
  void refusesWhatIsNotAKey() {
    for (String bad :
        new String[] {
          "",
          "ssh-ed25519",
          "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
          "ssh-ed25519 !!!notbase64",
          "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIHax3ScvHaqhP3hJ/lbYnDLAD9eHD325m8D4J0vu9XMj type-mismatch",
          LINE + "\u0007bell"
        }) {
      ApiError e = assertThrows(ApiError.class, () -> SshPublicKey.parse(bad), bad);
      assertEquals("INVALID_SSH_KEY", e.code());
    }
  }
}
