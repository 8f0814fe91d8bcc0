package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lungscan.testing.NodeTools;
import org.lungscan.testing.RunningServer;
import org.lungscan.testing.SystemServer;

/**
 * {@code /openapi} as hospital integrators use it: Redocly's linter (recommended rules) finds no
 * error in it, every operation has a unique id and a summary, says what its success answers hold
 * and documents its errors as problems, and the server it names is the one the request reached. The
 * copy the generated client is built from ({@code src/test/openapi/lungscan.json}) is the live
 * document, so neither can drift.
 */
class OpenApiIT {

  static final Path CHECKED_IN = Path.of("src", "test", "openapi", "lungscan.json");
  private static final Path LIVE = Path.of("target", "openapi", "lungscan.json");

  private final RunningServer server = SystemServer.get();

  @Test
  void redoclyFindsNoErrorInTheDocument() throws Exception {
    Path yaml = Path.of("target", "openapi", "lungscan.yaml").toAbsolutePath();
    Files.createDirectories(yaml.getParent());
    Files.writeString(yaml, get("/openapi", "*/*"));
    NodeTools.Result lint =
        NodeTools.run(
            List.of(
                "npx",
                "--no-install",
                "redocly",
                "lint",
                "--extends=recommended",
                "--format=stylish",
                yaml.toString()),
            300);
    System.out.println("redocly lint /openapi:\n" + lint.output());
    // Redocly exits 1 when it finds an error; warnings are printed above and pass
    assertEquals(0, lint.exitCode(), "Redocly found errors:\n" + lint.output());
    assertTrue(lint.output().contains("validated"), lint.output());
  }

  @Test
  void everyOperationHasAUniqueIdASummaryAndProblemsForItsErrors() throws Exception {
    JsonObject document = document();
    Set<String> ids = new HashSet<>();
    List<String> faults = new ArrayList<>();
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject()
                    .forEach(
                        (method, value) -> {
                          if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                            return;
                          }
                          JsonObject operation = value.asJsonObject();
                          String where = method.toUpperCase() + " " + path;
                          String id = operation.getString("operationId", null);
                          if (id == null || !ids.add(id)) {
                            faults.add(where + ": operationId missing or repeated: " + id);
                          }
                          if (operation.getString("summary", "").isBlank()) {
                            faults.add(where + ": no summary");
                          }
                          if (!operation.containsKey("tags")) {
                            faults.add(where + ": no tag");
                          }
                          JsonObject responses = operation.getJsonObject("responses");
                          if (responses.containsKey("default")) {
                            faults.add(where + ": an undocumented default response");
                          }
                          responses.forEach(
                              (status, response) -> {
                                if (status.startsWith("4") || status.startsWith("5")) {
                                  String ref = problemRef(response.asJsonObject());
                                  if (!"#/components/schemas/Problem".equals(ref)
                                      && !where.endsWith("/admin/readiness")) {
                                    faults.add(where + " " + status + ": not a Problem: " + ref);
                                  }
                                }
                              });
                        }));
    assertEquals(List.of(), faults);
    assertTrue(ids.size() >= 19, "every operation is there: " + ids);
  }

  /**
   * A client generated from the document knows what every success answer holds: each has a schema,
   * each list says what its items are, and every id is an integer (see {@link OpenApiGaps}).
   */
  @Test
  void everySuccessAnswerHasASchemaEveryListItsItemsAndEveryIdIsAnInteger() throws Exception {
    List<String> gaps = OpenApiGaps.of(document());
    assertEquals(List.of(), gaps, gaps.size() + " gaps:\n" + String.join("\n", gaps));
  }

  @Test
  void theDocumentNamesTheServerTheRequestReachedAndTheBearerScheme() throws Exception {
    JsonObject document = document();
    assertEquals(
        server.uri("").toString(),
        document.getJsonArray("servers").getJsonObject(0).getString("url"));
    assertFalse(
        document.getJsonArray("servers").getJsonObject(0).getString("url").endsWith("/"),
        "no trailing slash");
    JsonObject bearer =
        document
            .getJsonObject("components")
            .getJsonObject("securitySchemes")
            .getJsonObject("bearer");
    assertEquals("http", bearer.getString("type"));
    assertEquals("bearer", bearer.getString("scheme"));
    JsonObject problem =
        document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
    assertTrue(
        problem
            .getJsonObject("properties")
            .keySet()
            .containsAll(List.of("type", "title", "status", "detail", "errors")),
        problem.toString());
    assertEquals(
        Json.createArrayBuilder().add(JsonValue.EMPTY_JSON_OBJECT).build(),
        document
            .getJsonObject("paths")
            .getJsonObject("/api/auth/login")
            .getJsonObject("post")
            .getJsonArray("security"),
        "logging in needs no token");
    assertFalse(document.containsKey("endpoints"), "nothing OpenAPI does not know");
  }

  /**
   * The checked-in copy the client is generated from is the live document (servers aside). When the
   * API changes, copy target/openapi/lungscan.json over it.
   */
  @Test
  void theGeneratedClientsDocumentIsTheLiveOne() throws Exception {
    JsonObject live = withoutServers(get("/openapi", "application/json"));
    Files.createDirectories(LIVE.getParent());
    Files.writeString(LIVE, pretty(live));
    // JSON equality: the same members and values, in whatever order Payara writes them
    assertTrue(
        live.equals(withoutServers(Files.readString(CHECKED_IN))),
        "the API changed: copy " + LIVE + " to " + CHECKED_IN + " and rebuild the client");
  }

  private static JsonObject withoutServers(String json) {
    JsonObject document = Json.createReader(new StringReader(json)).readObject();
    return Json.createObjectBuilder(document).remove("servers").build();
  }

  private static String pretty(JsonObject json) {
    java.io.StringWriter out = new java.io.StringWriter();
    Json.createWriterFactory(
            java.util.Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true))
        .createWriter(out)
        .write(json);
    return out.toString().strip() + "\n";
  }

  private static String problemRef(JsonObject response) {
    JsonObject content = response.getJsonObject("content");
    if (content == null || !content.containsKey("application/problem+json")) {
      return null;
    }
    return content
        .getJsonObject("application/problem+json")
        .getJsonObject("schema")
        .getString("$ref", null);
  }

  private JsonObject document() throws Exception {
    return Json.createReader(new StringReader(get("/openapi", "application/json"))).readObject();
  }

  private String get(String path, String accept) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.uri(path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
