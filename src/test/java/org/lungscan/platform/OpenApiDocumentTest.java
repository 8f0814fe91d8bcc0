package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  @Test
  void javaNamesBecomeTheApisSnakeCaseNamesAsJsonBWritesThem() {
    assertEquals("created_at", OpenApiDocument.jsonName("createdAt"));
    assertEquals("sha256", OpenApiDocument.jsonName("sha256"));
    assertEquals("agrees_with_prediction", OpenApiDocument.jsonName("agreesWithPrediction"));
    assertEquals("created_at", OpenApiDocument.jsonName("created_at"));
    assertEquals("id", OpenApiDocument.jsonName("id"));
  }

  @Test
  void payarasListOfEndpointsLeavesTheDocumentInEitherForm() {
    String yaml =
        "openapi: 3.0.0\npaths:\n  /api/x:\n    get: {}\nendpoints:\n  /:\n  - /api/x\n"
            + "  - /api/y\ncomponents:\n  schemas: {}\n";
    assertEquals(
        "openapi: 3.0.0\npaths:\n  /api/x:\n    get: {}\ncomponents:\n  schemas: {}\n",
        OpenApiServer.withoutEndpoints(yaml));
    assertEquals(
        "{\"openapi\":\"3.0.0\",\"paths\":{}}",
        OpenApiServer.withoutEndpoints(
            "{\"openapi\":\"3.0.0\",\"paths\":{},\"endpoints\":{\"/\":[\"/api/x\"]}}"));
  }
}
