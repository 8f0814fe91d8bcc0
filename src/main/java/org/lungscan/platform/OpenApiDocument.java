package org.lungscan.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * What the annotations on the doors cannot say in {@code /openapi}: the problem schema every error
 * refers to ({@code #/components/schemas/Problem}), the bearer scheme, the API's JSON names
 * (snake_case, as {@link JsonConfiguration} writes them, where the schemas are generated from the
 * records' Java names) and a server whose address {@link OpenApiServer} fills in from each request.
 * It also tidies what Payara's reading of the annotations leaves behind: every attribute of a
 * {@code @Schema} written out with its default ({@code minLength: 0}, {@code maxProperties: 0},
 * which would forbid any property), examples kept as JSON text, a {@code $ref} beside a type.
 */
public class OpenApiDocument implements OASFilter {

  /** Stands for this server's address until a request for the document replaces it. */
  public static final String SERVER = "https://lungscan.server.invalid";

  public static final String PROBLEM = "Problem";

  /**
   * Marks an answer's content as a list of its schema: Payara drops everything beside a {@code ref}
   * in a {@code @Schema} (a type, an extension) and copies an {@code implementation} as it stands
   * at that moment, so a door names the schema by {@code ref} and gives its {@code @Content} this
   * extension, with the value {@code "true"}.
   */
  public static final String LIST = "x-lungscan-list";

  public static final String BEARER = "bearer";

  @Override
  public void filterOpenAPI(OpenAPI api) {
    new Tidy().document(api);
    api.setServers(
        List.of(
            OASFactory.createServer()
                .url(SERVER)
                .description("This LungScan server, as the request for this document reached it")));
    if (api.getComponents() == null) {
      api.setComponents(OASFactory.createComponents());
    }
    Components components = api.getComponents();
    components.addSchema(PROBLEM, problem());
    components.addSecurityScheme(
        BEARER,
        OASFactory.createSecurityScheme()
            .type(SecurityScheme.Type.HTTP)
            .scheme("bearer")
            .bearerFormat("JWT")
            .description("The token of POST /api/auth/login, as Authorization: Bearer <token>"));
    if (components.getSchemas() != null) {
      components.getSchemas().values().forEach(OpenApiDocument::useJsonNames);
    }
    if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
      api.getPaths().getPathItems().values().stream()
          .flatMap(item -> item.getOperations().values().stream())
          .forEach(
              operation -> {
                if (operation.getRequestBody() != null
                    && operation.getRequestBody().getContent() != null) {
                  operation.getRequestBody().getContent().getMediaTypes().values().stream()
                      .map(media -> media.getSchema())
                      .forEach(OpenApiDocument::useJsonNames);
                }
                if (operation.getResponses() != null
                    && operation.getResponses().getAPIResponses() != null) {
                  operation.getResponses().getAPIResponses().values().stream()
                      .filter(response -> response.getContent() != null)
                      .flatMap(response -> response.getContent().getMediaTypes().values().stream())
                      .map(media -> media.getSchema())
                      .forEach(OpenApiDocument::useJsonNames);
                }
              });
    }
    if (api.getTags() != null) {
      // one tag per name (each door of a feature names it), with its description if any says one
      Map<String, Tag> tags = new java.util.TreeMap<>();
      for (Tag tag : api.getTags()) {
        tags.merge(
            tag.getName(), tag, (kept, other) -> kept.getDescription() != null ? kept : other);
      }
      api.setTags(new ArrayList<>(tags.values()));
    }
  }

  /** RFC 9457's problem, as {@link Problem} writes it. */
  private static Schema problem() {
    Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description(
            "An RFC 9457 problem: every error of the API. A 400 lists the fields at fault in"
                + " errors.")
        .addProperty(
            "type",
            OASFactory.createSchema()
                .type(Schema.SchemaType.STRING)
                .description(
                    "A URI naming the kind of problem; about:blank when the status says it")
                .example("about:blank"))
        .addProperty("title", text.description("The status's phrase").example("Bad Request"))
        .addProperty(
            "status",
            OASFactory.createSchema()
                .type(Schema.SchemaType.INTEGER)
                .format("int32")
                .description("The HTTP status")
                .example(400))
        .addProperty(
            "detail",
            OASFactory.createSchema()
                .type(Schema.SchemaType.STRING)
                .description("What went wrong, for a person to read")
                .example("The request is not valid."))
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .type(Schema.SchemaType.ARRAY)
                .nullable(true)
                .description("The fields at fault (400 only)")
                .items(
                    OASFactory.createSchema()
                        .type(Schema.SchemaType.OBJECT)
                        .addProperty(
                            "field",
                            OASFactory.createSchema().type(Schema.SchemaType.STRING).example("age"))
                        .addProperty(
                            "message",
                            OASFactory.createSchema()
                                .type(Schema.SchemaType.STRING)
                                .example("must be between 0 and 130"))
                        .required(List.of("field", "message"))))
        .required(List.of("type", "title", "status", "detail"));
  }

  /** Renames a schema's properties, and those of the schemas inside it, to their JSON names. */
  private static void useJsonNames(Schema schema) {
    if (schema == null) {
      return;
    }
    Map<String, Schema> properties = schema.getProperties();
    if (properties != null && !properties.isEmpty()) {
      Map<String, Schema> renamed = new LinkedHashMap<>();
      properties.forEach(
          (name, property) -> renamed.put(jsonName(name), timestamp(name, property)));
      schema.setProperties(renamed);
      renamed.values().forEach(OpenApiDocument::useJsonNames);
    }
    if (schema.getRequired() != null) {
      schema.setRequired(schema.getRequired().stream().map(OpenApiDocument::jsonName).toList());
    }
    useJsonNames(schema.getItems());
    if (schema.getAdditionalPropertiesSchema() != null) {
      useJsonNames(schema.getAdditionalPropertiesSchema());
    }
    for (List<Schema> composed :
        java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
      if (composed != null) {
        composed.forEach(OpenApiDocument::useJsonNames);
      }
    }
  }

  /**
   * An {@code Instant}, which Payara describes as an object without properties: the API's
   * timestamps are the fields named {@code ...At}, written as ISO-8601 text.
   */
  private static Schema timestamp(String javaName, Schema property) {
    if (javaName.endsWith("At")
        && property.getType() == Schema.SchemaType.OBJECT
        && (property.getProperties() == null || property.getProperties().isEmpty())) {
      property.setType(Schema.SchemaType.STRING);
      property.setFormat("date-time");
    }
    return property;
  }

  /** JSON-B's LOWER_CASE_WITH_UNDERSCORES: {@code createdAt} becomes {@code created_at}. */
  static String jsonName(String javaName) {
    StringBuilder name = new StringBuilder();
    for (char c : javaName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        if (!name.isEmpty() && name.charAt(name.length() - 1) != '_') {
          name.append('_');
        }
        name.append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }
}
