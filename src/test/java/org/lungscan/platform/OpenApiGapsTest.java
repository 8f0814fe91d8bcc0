package org.lungscan.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenApiGapsTest {

  @Test
  void aDescribedDocumentHasNoGap() {
    JsonObject document =
        json(
            """
            {"paths": {"/api/things/{thingId}": {"get": {"operationId": "listThings",
              "parameters": [{"name": "thingId", "in": "path",
                              "schema": {"type": "integer", "format": "int64"}}],
              "responses": {
                "200": {"content": {
                  "application/json": {"schema": {"type": "array",
                                                  "items": {"$ref": "#/components/schemas/Thing"}}},
                  "text/csv": {"schema": {"type": "string"}}}},
                "204": {"description": "nothing"},
                "404": {"content": {"application/problem+json": {}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "properties": {
               "id": {"type": "integer"}, "owner_id": {"type": "integer"},
               "owner": {"$ref": "#/components/schemas/Owner"}}},
               "Owner": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}
            """);
    assertEquals(List.of(), OpenApiGaps.of(document));
  }

  @Test
  void everyKindOfGapIsListedWithWhereItIs() {
    JsonObject document =
        json(
            """
            {"paths": {"/api/things/{thingId}": {"post": {"operationId": "makeThing",
              "parameters": [{"name": "thingId", "in": "path", "schema": {"type": "number"}}],
              "requestBody": {"content": {"application/json": {"schema": {"type": "object",
                "properties": {"scan_id": {"type": "string"}}}}}},
              "responses": {
                "200": {"description": "no content"},
                "201": {"content": {"application/pdf": {},
                                    "application/json": {"schema": {"type": "object"}}}},
                "202": {"content": {"application/json": {"schema": {"type": "array",
                                                                    "items": {"type": "object"}}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "properties": {
               "id": {"type": "number"}, "owner": {"$ref": "#/components/schemas/Owner"}}},
               "Owner": {"type": "object", "properties": {"id": {"type": "integer"}}}}}}
            """);
    assertEquals(
        List.of(
            "POST /api/things/{thingId} (makeThing) parameter thingId: an id that is not an integer",
            "POST /api/things/{thingId} (makeThing) body application/json.scan_id: an id that is not"
                + " an integer",
            "POST /api/things/{thingId} (makeThing) 200: a success answer without content",
            "POST /api/things/{thingId} (makeThing) 201 application/pdf: no schema",
            "POST /api/things/{thingId} (makeThing) 201 application/json: an object without"
                + " properties",
            "POST /api/things/{thingId} (makeThing) 202 application/json: a list of objects without"
                + " properties",
            "Thing.id: an id that is not an integer"),
        OpenApiGaps.of(document));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
