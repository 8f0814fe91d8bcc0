package org.lungscan.testing;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** A client of the JSON API, as a hospital's script would be. */
public final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final RunningServer server;

  public Api(RunningServer server) {
    this.server = server;
  }

  public static Api onSystemServer() {
    return new Api(SystemServer.get());
  }

  public Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  public Reply delete(String path, String token) {
    return send(request(path, token).DELETE());
  }

  public Reply post(String path, String json, String token) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply put(String path, String json, String token) {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          HTTP.send(
              request.timeout(Duration.ofSeconds(60)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Uploads bytes as a lung scan of the patient, the way a browser form or script would. */
  public Reply upload(
      long patientId, String fileName, String declaredType, byte[] bytes, String token) {
    Multipart body =
        new Multipart()
            .text("patient_id", Long.toString(patientId))
            .file("image", fileName, declaredType, bytes);
    return send(
        request("/api/lung-scans", token)
            .header("Content-Type", body.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())));
  }

  /** Creates a patient of the doctor's and returns its id. */
  public long newPatient(Doctor doctor, String name) {
    Reply created =
        post(
            "/api/patients",
            json(
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("age", 61)
                    .add("gender", "FEMALE")),
            doctor.token());
    if (created.status() != 201) {
      throw new IllegalStateException("patient not created: " + created);
    }
    return created.json().getJsonNumber("id").longValue();
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  public URI uri(String path) {
    return server.uri(path);
  }

  /** Signs up a new doctor with a unique email and logs them in. */
  public Doctor newDoctor(String name) {
    String email =
        name.toLowerCase().replaceAll("[^a-z]", "")
            + "."
            + UUID.randomUUID().toString().substring(0, 8)
            + "@hospital.test";
    String password = "Correct horse battery " + UUID.randomUUID().toString().substring(0, 6);
    Reply signup =
        post(
            "/api/auth/signup",
            json(
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("email", email)
                    .add("password", password)),
            null);
    if (signup.status() != 201) {
      throw new IllegalStateException("signup failed: " + signup);
    }
    Reply login =
        post(
            "/api/auth/login",
            json(Json.createObjectBuilder().add("email", email).add("password", password)),
            null);
    if (login.status() != 200) {
      throw new IllegalStateException("login failed: " + login);
    }
    return new Doctor(
        signup.json().getJsonNumber("id").longValue(),
        name,
        email,
        password,
        login.json().getString("token"));
  }

  public static String json(JsonObjectBuilder builder) {
    return builder.build().toString();
  }

  /** A signed-up doctor and their token. */
  public record Doctor(long id, String name, String email, String password, String token) {}

  /** An answer from the API. */
  public static final class Reply {
    private final HttpResponse<byte[]> response;

    Reply(HttpResponse<byte[]> response) {
      this.response = response;
    }

    public int status() {
      return response.statusCode();
    }

    public String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }

    public byte[] bytes() {
      return response.body();
    }

    public String body() {
      return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public JsonObject json() {
      return (JsonObject) value();
    }

    public JsonArray array() {
      return (JsonArray) value();
    }

    private JsonValue value() {
      try (var reader = Json.createReader(new StringReader(body()))) {
        return reader.readValue();
      }
    }

    @Override
    public String toString() {
      return status() + " " + body();
    }
  }
}
