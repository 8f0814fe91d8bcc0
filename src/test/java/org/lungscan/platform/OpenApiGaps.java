package org.lungscan.platform;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an OpenAPI document leaves a generated client to guess: a success answer (other than 204)
 * without a schema, a list of objects nobody described, and an id that is not an integer. Walks
 * every operation's parameters, bodies and answers, and every component.
 */
final class OpenApiGaps {

  /** Ids that are text on purpose, with why. */
  private static final Set<String> TEXT_IDS =
      Set.of(
          // the id of the resource as the request named it, which need not be a number
          "AuditEntry.resource_id");

  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

  private final JsonObject schemas;
  private final List<String> gaps = new ArrayList<>();

  private OpenApiGaps(JsonObject document) {
    JsonObject components = document.getJsonObject("components");
    this.schemas =
        components != null && components.containsKey("schemas")
            ? components.getJsonObject("schemas")
            : JsonValue.EMPTY_JSON_OBJECT;
  }

  /** Every gap, one line each naming where it is. */
  static List<String> of(JsonObject document) {
    OpenApiGaps found = new OpenApiGaps(document);
    document
        .getJsonObject("paths")
        .forEach(
            (path, item) ->
                item.asJsonObject().entrySet().stream()
                    .filter(e -> METHODS.contains(e.getKey()))
                    .forEach(
                        e ->
                            found.operation(
                                e.getKey().toUpperCase() + " " + path,
                                e.getValue().asJsonObject())));
    found.schemas.forEach((name, schema) -> found.schema(name, schema.asJsonObject()));
    return found.gaps;
  }

  private void operation(String where, JsonObject operation) {
    String id = where + " (" + operation.getString("operationId", "?") + ")";
    for (JsonValue parameter :
        operation.getOrDefault("parameters", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
      JsonObject p = parameter.asJsonObject();
      String name = p.getString("name");
      if (isId(name) && !"integer".equals(type(p.getJsonObject("schema")))) {
        gaps.add(id + " parameter " + name + ": an id that is not an integer");
      }
    }
    JsonObject body = operation.getJsonObject("requestBody");
    if (body != null && body.containsKey("content")) {
      body.getJsonObject("content")
          .forEach(
              (media, value) ->
                  schema(id + " body " + media, value.asJsonObject().getJsonObject("schema")));
    }
    operation
        .getJsonObject("responses")
        .forEach((status, response) -> answer(id + " " + status, status, response.asJsonObject()));
  }

  private void answer(String where, String status, JsonObject response) {
    boolean success = status.startsWith("2") && !status.equals("204");
    JsonObject content = response.getJsonObject("content");
    if (content == null || content.isEmpty()) {
      if (success) {
        gaps.add(where + ": a success answer without content");
      }
      return;
    }
    content.forEach(
        (media, value) -> {
          JsonObject schema = value.asJsonObject().getJsonObject("schema");
          if (success && (schema == null || schema.isEmpty())) {
            gaps.add(where + " " + media + ": no schema");
          } else if (success && bareObject(schema)) {
            gaps.add(where + " " + media + ": an object without properties");
          }
          schema(where + " " + media, schema);
        });
  }

  /** Walks a schema and the schemas inside it, up to the components, which are walked apart. */
  private void schema(String where, JsonObject schema) {
    if (schema == null || schema.containsKey("$ref")) {
      return;
    }
    JsonObject items = schema.getJsonObject("items");
    if ("array".equals(schema.getString("type", null)) && (items == null || bareObject(items))) {
      gaps.add(where + ": a list of objects without properties");
    }
    schema(where + "[]", items);
    JsonObject properties = schema.getJsonObject("properties");
    if (properties != null) {
      properties.forEach(
          (name, property) -> {
            String at = where + "." + name;
            if (isId(name)
                && !TEXT_IDS.contains(at)
                && !"integer".equals(type(property.asJsonObject()))) {
              gaps.add(at + ": an id that is not an integer");
            }
            schema(at, property.asJsonObject());
          });
    }
    if (schema.get("additionalProperties") instanceof JsonObject values) {
      schema(where + "{}", values);
    }
  }

  /** An object schema that says nothing of what it holds. */
  private boolean bareObject(JsonObject schema) {
    return !schema.containsKey("$ref")
        && !schema.containsKey("properties")
        && !schema.containsKey("additionalProperties")
        && !schema.containsKey("allOf")
        && !schema.containsKey("oneOf")
        && !schema.containsKey("anyOf")
        && "object".equals(schema.getString("type", "object"));
  }

  /** The schema's type, following a reference to a component. */
  private String type(JsonObject schema) {
    if (schema == null) {
      return null;
    }
    if (schema.containsKey("$ref")) {
      JsonObject component = schemas.getJsonObject(componentName(schema));
      return component == null ? null : component.getString("type", null);
    }
    return schema.getString("type", null);
  }

  private static String componentName(JsonObject reference) {
    String ref = reference.getString("$ref");
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  /** {@code id}, {@code scan_id}, or a path's {@code scanId}. */
  private static boolean isId(String name) {
    return name.equals("id") || name.endsWith("_id") || name.endsWith("Id");
  }
}
