package org.lungscan.accounts;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues the RS256 tokens that the JSON API accepts. */
@ApplicationScoped
public class TokenIssuer {

  public static final String ISSUER = "lungscan";

  /** The audience every token names and the API checks: this application's API. */
  public static final String AUDIENCE = "lungscan-api";

  /** The claim carrying the account's session version when the token was issued. */
  public static final String VERSION = "ver";

  @Inject
  @ConfigProperty(name = "lungscan.token.lifetime-minutes")
  long lifetimeMinutes;

  private SigningKey key;
  private RSASSASigner signer;

  @PostConstruct
  void loadKey() {
    key = SigningKey.load();
    signer = new RSASSASigner(key.privateKey());
  }

  /** A signed token naming the doctor and their groups, and the moment it stops being accepted. */
  public IssuedToken issueFor(Doctor doctor) {
    Instant now = Instant.now();
    Instant expiresAt = now.plus(Duration.ofMinutes(lifetimeMinutes));
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .claim(VERSION, doctor.getSessionVersion())
            .subject(doctor.getId().toString())
            .claim("upn", doctor.getEmail())
            .claim("groups", groupsOf(doctor))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .build();
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.id()).build();
    SignedJWT jwt = new SignedJWT(header, claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new IssuedToken(jwt.serialize(), expiresAt);
  }

  public static List<String> groupsOf(Doctor doctor) {
    return doctor.isAdmin() ? List.of("doctor", "admin") : List.of("doctor");
  }

  /** A token and when it expires. */
  public record IssuedToken(String token, Instant expiresAt) {}
}
