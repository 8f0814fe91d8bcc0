package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  @TempDir Path data;

  @Test
  void aSealedSecretOpensOnlyForItsDoctorAndWithTheKeyOfTheDataDirectory() throws Exception {
    byte[] secret = Totp.newSecret();
    SecretBox box = SecretBox.in(data);
    String sealed = box.seal(7, secret);
    assertFalse(sealed.contains(Totp.base32(secret)));
    assertFalse(sealed.toLowerCase().contains(HexFormat.of().formatHex(secret)));
    assertNotEquals(sealed, box.seal(7, secret), "a fresh nonce each time");

    assertArrayEquals(secret, SecretBox.in(data).open(7, sealed), "the same key after a restart");
    assertThrows(IllegalStateException.class, () -> box.open(8, sealed), "copied to another row");
    assertThrows(
        IllegalStateException.class,
        () -> SecretBox.in(data.resolve("elsewhere")).open(7, sealed),
        "another data directory's key");

    Path key = data.resolve(SecretBox.KEY_FILE);
    assertEquals(32, Files.size(key));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }
}
