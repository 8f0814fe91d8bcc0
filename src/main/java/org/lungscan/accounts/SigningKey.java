package org.lungscan.accounts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.lungscan.platform.Settings;

/**
 * The RSA key that signs the API's tokens. From configuration when the hospital supplies one (PEM,
 * PKCS#8), otherwise generated once and kept in the data directory, so that restarts and every
 * instance sharing that directory sign and accept the same tokens.
 */
public record SigningKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

  static final String KEY_FILE = "keys/token-signing-key.pem";

  /** The configured key, or the one kept in (or newly made for) the data directory. */
  public static SigningKey load() {
    Optional<String> pem = Settings.get("lungscan.jwt.private-key");
    if (pem.isEmpty()) {
      pem =
          Settings.get("lungscan.jwt.private-key.location")
              .map(location -> read(Path.of(location)));
    }
    return fromPem(pem.orElseGet(() -> keptIn(Settings.dataDirectory())));
  }

  public static SigningKey fromPem(String pem) {
    try {
      String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      var factory = KeyFactory.getInstance("RSA");
      var privateKey =
          (RSAPrivateCrtKey)
              factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
      var publicKey =
          (RSAPublicKey)
              factory.generatePublic(
                  new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
      return new SigningKey(privateKey, publicKey);
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException(
          "The token signing key is not an RSA private key in PKCS#8 PEM form", e);
    }
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  /** A short identifier of the key, for the tokens' {@code kid} header. */
  public String id() {
    BigInteger modulus = publicKey.getModulus();
    return Integer.toHexString(modulus.hashCode());
  }

  private static String keptIn(Path dataDirectory) {
    Path file = dataDirectory.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      createOnce(file);
    }
    return read(file);
  }

  /**
   * Writes a new key beside the final name and moves it in; if another instance won, keeps theirs.
   */
  private static void createOnce(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path temporary =
          Files.createTempFile(
              file.getParent(),
              "key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temporary, pem("PRIVATE KEY", newKeyPair()));
      try {
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException anotherInstanceWasFirst) {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the token signing key in " + file.getParent(), e);
    }
  }

  private static byte[] newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair().getPrivate().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token signing key " + file, e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
