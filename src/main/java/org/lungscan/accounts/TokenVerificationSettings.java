package org.lungscan.accounts;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Tells the server's MicroProfile JWT verification which key and issuer to accept: the public half
 * of {@link SigningKey}, whichever way the hospital supplied or let the application make it.
 */
public class TokenVerificationSettings implements ConfigSource {

  static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
  static final String ISSUER = "mp.jwt.verify.issuer";
  static final String AUDIENCES = "mp.jwt.verify.audiences";
  private static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";

  private volatile String publicKeyPem;

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(PUBLIC_KEY, ISSUER, ALGORITHM, AUDIENCES);
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        PUBLIC_KEY,
        publicKey(),
        ISSUER,
        TokenIssuer.ISSUER,
        ALGORITHM,
        "RS256",
        AUDIENCES,
        TokenIssuer.AUDIENCE);
  }

  @Override
  public String getValue(String name) {
    return switch (name) {
      case PUBLIC_KEY -> publicKey();
      case ISSUER -> TokenIssuer.ISSUER;
      case ALGORITHM -> "RS256";
      case AUDIENCES -> TokenIssuer.AUDIENCE;
      default -> null;
    };
  }

  private String publicKey() {
    if (publicKeyPem == null) {
      publicKeyPem = SigningKey.load().publicKeyPem();
    }
    return publicKeyPem;
  }

  @Override
  public String getName() {
    return "LungScan token verification";
  }

  @Override
  public int getOrdinal() {
    return 150;
  }
}
