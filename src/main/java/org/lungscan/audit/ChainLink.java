package org.lungscan.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * One event's fields as the hash chain sees them, exactly as the database keeps them (the time in
 * UTC to the microsecond), whether they come from a new event or from a row read back.
 *
 * <p>The hash is SHA-256 over a canonical encoding: a version tag, the previous event's hash, then
 * every field in a fixed order, each as its UTF-8 byte length, a colon and the bytes, or {@code ~}
 * for none. No value can be mistaken for another, so no two different events encode alike.
 */
record ChainLink(
    long id,
    LocalDateTime occurredAtUtc,
    Long actorId,
    String actorEmail,
    String action,
    String resourceType,
    String resourceId,
    String outcome,
    String clientAddress,
    Long patientId,
    String detail) {

  /** The previous hash of the first event of the chain. */
  static final String GENESIS = "0".repeat(64);

  private static final String VERSION = "lungscan-audit-chain-1";
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

  /** This event's hash, chained to the hash of the event before it. */
  String hash(String previousHash) {
    MessageDigest sha256 = sha256();
    for (Object field :
        new Object[] {
          VERSION,
          previousHash,
          id,
          MICROS.format(occurredAtUtc),
          actorId,
          actorEmail,
          action,
          resourceType,
          resourceId,
          outcome,
          clientAddress,
          patientId,
          detail
        }) {
      encode(field, sha256);
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  private static void encode(Object field, MessageDigest sha256) {
    if (field == null) {
      sha256.update((byte) '~');
      return;
    }
    byte[] bytes = field.toString().getBytes(StandardCharsets.UTF_8);
    sha256.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
    sha256.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException everyJavaHasIt) {
      throw new IllegalStateException(everyJavaHasIt);
    }
  }
}
