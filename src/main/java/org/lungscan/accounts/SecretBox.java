package org.lungscan.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.lungscan.platform.Settings;

/**
 * Seals two-factor secrets with AES-256-GCM under a key kept in the data directory (made once, like
 * the token signing key), so that a dump of the database alone does not reveal them. The doctor's
 * id is bound in as associated data: a sealed secret copied to another row does not open.
 */
final class SecretBox {

  static final String KEY_FILE = "keys/two-factor-key.bin";
  private static final int NONCE_BYTES = 12;

  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key, "AES");
  }

  static SecretBox load() {
    return in(Settings.dataDirectory());
  }

  static SecretBox in(Path dataDirectory) {
    return new SecretBox(keptIn(dataDirectory.resolve(KEY_FILE)));
  }

  String seal(long doctorId, byte[] secret) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      new SecureRandom().nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(
          Long.toString(doctorId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(secret);
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot seal a two-factor secret", e);
    }
  }

  byte[] open(long doctorId, String sealed) {
    try {
      byte[] bytes = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, NONCE_BYTES));
      cipher.updateAAD(
          Long.toString(doctorId).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "a two-factor secret does not open with the key in the data directory", e);
    }
  }

  private static byte[] keptIn(Path file) {
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(file.getParent());
        Path temporary =
            Files.createTempFile(
                file.getParent(),
                "key",
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.write(temporary, key);
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
          Files.deleteIfExists(temporary);
        }
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the two-factor key in " + file.getParent(), e);
    }
  }
}
