package org.lungscan.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lungscan.testing.Api;
import org.lungscan.testing.Api.Reply;
import org.lungscan.testing.PageSession;
import org.lungscan.testing.SystemServer;

/** The accounts part of the API contract, on the real WAR with real MariaDB. */
class AccountsApiIT {

  private static Api api;
  private static Api.Doctor doctor;

  @BeforeAll
  static void server() {
    api = Api.onSystemServer();
    doctor = api.newDoctor("Dr. Meredith Grey");
  }

  static Stream<Arguments> invalidSignUps() {
    String email = "valid." + UUID.randomUUID() + "@hospital.test";
    String password = "A perfectly fine passphrase";
    return Stream.of(
        Arguments.of("name missing", null, email, password, "name"),
        Arguments.of("name blank", "   ", email, password, "name"),
        Arguments.of("name too long", "x".repeat(101), email, password, "name"),
        Arguments.of("email missing", "Dr. A", null, password, "email"),
        Arguments.of("email without @", "Dr. A", "not-an-email", password, "email"),
        Arguments.of("email without domain", "Dr. A", "someone@", password, "email"),
        Arguments.of("password missing", "Dr. A", email, null, "password"),
        Arguments.of("password of 11 characters", "Dr. A", email, "Abcdefgh123", "password"),
        Arguments.of(
            "password of 129 characters", "Dr. A", email, "Ab1!".repeat(32) + "x", "password"),
        Arguments.of("common password", "Dr. A", email, "password1234", "password"),
        Arguments.of("common password in capitals", "Dr. A", email, "PASSWORDPASSWORD", "password"),
        Arguments.of("common word with digits", "Dr. A", email, "sunshine20252025", "password"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidSignUps")
  void signUpRefusesEachBrokenRuleNamingTheField(
      String why, String name, String email, String password, String field) {
    var body = Json.createObjectBuilder();
    if (name != null) body.add("name", name);
    if (email != null) body.add("email", email);
    if (password != null) body.add("password", password);
    Reply reply = api.post("/api/auth/signup", Api.json(body), null);
    assertEquals(400, reply.status(), reply::toString);
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
    JsonObject problem = reply.json();
    assertEquals(400, problem.getInt("status"));
    assertTrue(
        problem.getJsonArray("errors").stream()
            .map(JsonObject.class::cast)
            .anyMatch(e -> e.getString("field").equals(field)),
        reply::toString);
  }

  @Test
  void signUpAnswersTheNewAccountWithoutItsPassword() {
    String email = "New.Doctor." + UUID.randomUUID().toString().substring(0, 8) + "@Hospital.test";
    Reply reply =
        api.post(
            "/api/auth/signup",
            Api.json(
                Json.createObjectBuilder()
                    .add("name", "Dr. New")
                    .add("email", email)
                    .add("password", "Another fine passphrase")),
            null);
    assertEquals(201, reply.status(), reply::toString);
    JsonObject account = reply.json();
    assertTrue(account.getJsonNumber("id").longValue() > 0);
    assertEquals("Dr. New", account.getString("name"));
    assertEquals(email.toLowerCase(), account.getString("email"));
    assertEquals("doctor", account.getString("role"));
    assertTrue(account.getString("created_at").endsWith("Z"));
    assertTrue(
        !reply.body().contains("passphrase") && !reply.body().contains("$2"),
        "no password or hash");
  }

  @Test
  void thePasswordMayBeAsLongAs128CharactersAndAllOfItCounts() {
    String email = "long." + UUID.randomUUID().toString().substring(0, 8) + "@hospital.test";
    String password =
        "a sentence long enough to pass bcrypt's seventy-two byte limit by far, "
            .repeat(2)
            .substring(0, 128);
    Reply signup =
        api.post(
            "/api/auth/signup",
            Api.json(
                Json.createObjectBuilder()
                    .add("name", "Dr. Long")
                    .add("email", email)
                    .add("password", password)),
            null);
    assertEquals(201, signup.status(), signup::toString);
    assertEquals(200, login(email, password).status());
    assertEquals(401, login(email, password.substring(0, 100) + "z".repeat(28)).status());
  }

  @Test
  void theSameEmailInAnotherCaseIsAlreadyRegistered() {
    Reply reply =
        api.post(
            "/api/auth/signup",
            Api.json(
                Json.createObjectBuilder()
                    .add("name", "Impostor")
                    .add("email", doctor.email().toUpperCase())
                    .add("password", "Impostor passphrase 1")),
            null);
    assertEquals(409, reply.status(), reply::toString);
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
  }

  @Test
  void loginGivesABearerTokenForTwoHours() {
    Reply reply =
        api.post(
            "/api/auth/login",
            Api.json(
                Json.createObjectBuilder()
                    .add("email", doctor.email().toUpperCase())
                    .add("password", doctor.password())),
            null);
    assertEquals(200, reply.status(), reply::toString);
    JsonObject login = reply.json();
    assertEquals("Bearer", login.getString("token_type"));
    Duration lifetime =
        Duration.between(Instant.now(), Instant.parse(login.getString("expires_at")));
    assertTrue(
        lifetime.compareTo(Duration.ofMinutes(118)) > 0
            && lifetime.compareTo(Duration.ofMinutes(121)) < 0);
    assertEquals(doctor.id(), login.getJsonObject("user").getJsonNumber("id").longValue());
    assertEquals("doctor", login.getJsonObject("user").getString("role"));

    JsonObject claims = claimsOf(login.getString("token"));
    assertEquals("lungscan", claims.getString("iss"));
    assertEquals(Long.toString(doctor.id()), claims.getString("sub"));
    assertEquals(doctor.email(), claims.getString("upn"));
    assertEquals("[\"doctor\"]", claims.getJsonArray("groups").toString());
    assertNotNull(claims.get("iat"));
    assertNotNull(claims.get("exp"));
    assertNotNull(claims.get("jti"));
  }

  @Test
  void unknownEmailAndWrongPasswordGetTheSameAnswerInAboutTheSameTime() {
    List<Long> unknown = new ArrayList<>();
    List<Long> wrong = new ArrayList<>();
    Reply unknownReply = null;
    Reply wrongReply = null;
    Api.Doctor victim = api.newDoctor("Dr. Timing");
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      unknownReply =
          login("nobody." + UUID.randomUUID() + "@hospital.test", "Whatever passphrase 1");
      unknown.add(System.nanoTime() - start);
      start = System.nanoTime();
      wrongReply = login(victim.email(), "Wrong passphrase number " + i);
      wrong.add(System.nanoTime() - start);
    }
    assertEquals(401, unknownReply.status());
    assertEquals(401, wrongReply.status());
    assertEquals(unknownReply.body(), wrongReply.body());
    assertEquals("Bearer", unknownReply.header("WWW-Authenticate"));
    double ratio = (double) median(unknown) / median(wrong);
    assertTrue(ratio > 0.5 && ratio < 2.0, "unknown/wrong time ratio " + ratio);
  }

  @Test
  void meAnswersWhoTheTokenBelongsTo() {
    Reply reply = api.get("/api/auth/me", doctor.token());
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(doctor.email(), reply.json().getString("email"));
    assertEquals(doctor.name(), reply.json().getString("name"));
    assertEquals("doctor", reply.json().getString("role"));
  }

  @Test
  void theConfiguredAdministratorExistsWithTheAdminRole() {
    Reply login = login(SystemServer.ADMIN_EMAIL, SystemServer.ADMIN_PASSWORD);
    assertEquals(200, login.status(), login::toString);
    assertEquals("admin", login.json().getJsonObject("user").getString("role"));
    assertEquals(
        "[\"doctor\",\"admin\"]",
        claimsOf(login.json().getString("token")).getJsonArray("groups").toString());
  }

  static Stream<Arguments> unusableTokens() throws Exception {
    String valid = api.newDoctor("Dr. Token").token();
    String[] parts = valid.split("\\.");
    RSAPrivateKey serverKey =
        SigningKey.fromPem(
                Files.readString(
                    SystemServer.dataDirectory().resolve(SigningKey.KEY_FILE),
                    StandardCharsets.US_ASCII))
            .privateKey();
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPrivateKey otherKey = (RSAPrivateKey) generator.generateKeyPair().getPrivate();
    JsonObject claims = claimsOf(valid);
    String payloadChanged =
        parts[0]
            + "."
            + base64(claims.toString().replace("\"doctor\"]", "\"doctor\",\"admin\"]"))
            + "."
            + parts[2];
    char last = parts[2].charAt(10);
    String signatureChanged =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 10)
            + (last == 'A' ? 'B' : 'A')
            + parts[2].substring(11);
    String algNone = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    return Stream.of(
        Arguments.of("no header", null),
        Arguments.of("garbage", "not-a-token"),
        Arguments.of("three garbage parts", "abc.def.ghi"),
        Arguments.of("expired", sign(serverKey, claims, Instant.now().minusSeconds(60))),
        Arguments.of("signature changed", signatureChanged),
        Arguments.of("payload changed", payloadChanged),
        Arguments.of("alg none", algNone),
        Arguments.of(
            "signed by another key", sign(otherKey, claims, Instant.now().plusSeconds(3600))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableTokens")
  void everyUnusableTokenGets401(String why, String token) {
    Reply reply = api.get("/api/auth/me", token);
    assertEquals(401, reply.status(), reply::toString);
    assertEquals("Bearer", reply.header("WWW-Authenticate"));
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
    assertEquals(401, reply.json().getInt("status"));
  }

  @Test
  void aTokenSignedWithTheServersKeyButStillValidIsAccepted() throws Exception {
    RSAPrivateKey serverKey =
        SigningKey.fromPem(
                Files.readString(
                    SystemServer.dataDirectory().resolve(SigningKey.KEY_FILE),
                    StandardCharsets.US_ASCII))
            .privateKey();
    String token = sign(serverKey, claimsOf(doctor.token()), Instant.now().plusSeconds(600));
    assertEquals(
        200,
        api.get("/api/auth/me", token).status(),
        "the forging helper itself makes good tokens");
  }

  @Test
  void aTokenForAnotherAudienceIsRefusedThoughSignedWithTheServersKey() throws Exception {
    RSAPrivateKey serverKey =
        SigningKey.fromPem(
                Files.readString(
                    SystemServer.dataDirectory().resolve(SigningKey.KEY_FILE),
                    StandardCharsets.US_ASCII))
            .privateKey();
    JsonObject claims = claimsOf(doctor.token());
    assertEquals(TokenIssuer.AUDIENCE, claims.getString("aud"));
    String elsewhere =
        sign(serverKey, claims, Instant.now().plusSeconds(600), "another-hospital-system");
    Reply reply = api.get("/api/auth/me", elsewhere);
    assertEquals(401, reply.status(), reply::toString);
    assertEquals("Bearer", reply.header("WWW-Authenticate"));
  }

  @Test
  void anotherAuthorizationSchemeGets401() {
    Reply reply =
        api.send(api.request("/api/auth/me", null).header("Authorization", "Basic YTpi").GET());
    assertEquals(401, reply.status());
  }

  @Test
  void errorsAndPagesCarryTheSecurityHeadersAndNoServerBanner() {
    for (Reply reply :
        List.of(
            api.get("/api/auth/me", null),
            api.get("/login.xhtml", null),
            api.get("/no-such-page", null),
            api.get("/api/no-such-endpoint", doctor.token()))) {
      assertEquals("nosniff", reply.header("X-Content-Type-Options"), reply::toString);
      assertEquals("DENY", reply.header("X-Frame-Options"));
      assertEquals("no-referrer", reply.header("Referrer-Policy"));
      assertTrue(reply.header("Content-Security-Policy").contains("frame-ancestors 'none'"));
      String policy = reply.header("Content-Security-Policy");
      assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
      assertTrue(
          reply.header("Server") == null || !reply.header("Server").matches(".*\\d.*"),
          reply.header("Server"));
      assertTrue(reply.header("X-Powered-By") == null, reply.header("X-Powered-By"));
      assertTrue(
          !reply
              .body()
              .matches("(?s).*(\\.java:\\d+\\)|Caused by:|SQLException|SQLSTATE|Payara).*"),
          reply::body);
    }
  }

  @Test
  void aPageRunsOnlyScriptsWithItsOwnNonceAndNothingInline() {
    for (String path : List.of("/login.xhtml", "/signup.xhtml")) {
      var page = PageSession.anonymous(SystemServer.get()).get(path);
      List<String> policies = page.headers().allValues("Content-Security-Policy");
      assertEquals(1, policies.size(), "one policy, not two that both apply: " + policies);
      String policy = policies.get(0);
      assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
      assertTrue(policy.contains("frame-ancestors 'none'"), policy);
      Matcher nonce = Pattern.compile("script-src 'self' 'nonce-([^']+)'").matcher(policy);
      assertTrue(nonce.find(), policy);
      Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(page.body());
      int count = 0;
      while (scripts.find()) {
        count++;
        assertTrue(
            scripts.group().contains("nonce=\"" + nonce.group(1) + "\""),
            "a script without the page's nonce: " + scripts.group());
      }
      assertTrue(count > 0, "the page has scripts");
      assertFalse(
          page.body().matches("(?s).*<[^>]+\\son[a-z]+=\".*"), "no inline event handler attribute");
    }
  }

  @Test
  void aMalformedBodyIsABadRequestNotAServerError() {
    Reply reply = api.post("/api/auth/signup", "{not json", null);
    assertEquals(400, reply.status(), reply::toString);
    assertEquals("application/problem+json", reply.header("Content-Type").split(";")[0]);
  }

  private static Reply login(String email, String password) {
    return api.post(
        "/api/auth/login",
        Api.json(Json.createObjectBuilder().add("email", email).add("password", password)),
        null);
  }

  static JsonObject claimsOf(String token) {
    String payload =
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return Json.createReader(new java.io.StringReader(payload)).readObject();
  }

  private static String base64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String sign(RSAPrivateKey key, JsonObject claims, Instant expiresAt)
      throws Exception {
    return sign(key, claims, expiresAt, claims.getString("aud"));
  }

  private static String sign(
      RSAPrivateKey key, JsonObject claims, Instant expiresAt, String audience) throws Exception {
    JWTClaimsSet set =
        new JWTClaimsSet.Builder()
            .issuer(claims.getString("iss"))
            .audience(audience)
            .claim("ver", claims.getInt("ver"))
            .subject(claims.getString("sub"))
            .claim("upn", claims.getString("upn"))
            .claim("groups", List.of("doctor"))
            .issueTime(Date.from(expiresAt.minusSeconds(7200)))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString())
            .build();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), set);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  private static long median(List<Long> values) {
    return values.stream().sorted().toList().get(values.size() / 2);
  }
}
