package org.lungscan.platform;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Undoes what Payara's reading of OpenAPI annotations adds that the annotations never said, and
 * describes once the paging parameters every list reads as text and hands to {@link PageRequest}.
 */
final class Tidy {

  private Map<String, Schema> components = Map.of();

  void document(OpenAPI api) {
    withoutEndpoints(api);
    if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
      components = api.getComponents().getSchemas();
      components.values().forEach(this::schema);
    }
    if (api.getPaths() == null || api.getPaths().getPathItems() == null) {
      return;
    }
    api.getPaths().getPathItems().values().stream()
        .flatMap(item -> item.getOperations().values().stream())
        .forEach(this::operation);
  }

  private void operation(Operation operation) {
    if (Boolean.FALSE.equals(operation.getDeprecated())) {
      operation.setDeprecated(null);
    }
    if (operation.getParameters() != null) {
      operation.getParameters().forEach(p -> schema(p.getSchema()));
      operation.getParameters().forEach(Tidy::paging);
    }
    if (operation.getRequestBody() != null) {
      Content body = operation.getRequestBody().getContent();
      if (body != null && body.getMediaTypes() != null && body.getMediaTypes().size() > 1) {
        // a door's catch-all for any other body, which only refuses it
        body.removeMediaType("*/*");
      }
      content(body);
    }
    if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
      operation
          .getResponses()
          .getAPIResponses()
          .values()
          .forEach(
              response -> {
                content(response.getContent());
                if (response.getHeaders() != null) {
                  response.getHeaders().values().forEach(h -> schema(h.getSchema()));
                }
              });
    }
  }

  /**
   * A list's {@code page} and {@code size}, which every door reads as text and hands to {@link
   * PageRequest}: described once here, as the numbers PageRequest takes.
   */
  private static void paging(Parameter parameter) {
    if (parameter.getIn() != Parameter.In.QUERY
        || parameter.getSchema() == null
        || parameter.getSchema().getType() != Schema.SchemaType.STRING) {
      return;
    }
    Schema number =
        org.eclipse.microprofile.openapi.OASFactory.createSchema()
            .type(Schema.SchemaType.INTEGER)
            .format("int32");
    if (parameter.getName().equals("page")) {
      parameter.setSchema(
          number.minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(PageRequest.MAX_PAGE)));
      describe(parameter, "The page, from 0");
    } else if (parameter.getName().equals("size")) {
      parameter.setSchema(
          number
              .minimum(BigDecimal.ONE)
              .maximum(BigDecimal.valueOf(PageRequest.MAX_SIZE))
              .defaultValue(PageRequest.DEFAULT_SIZE));
      describe(parameter, "How many a page");
    }
  }

  private static void describe(Parameter parameter, String description) {
    if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
      parameter.setDescription(description);
    }
  }

  private void content(Content content) {
    if (content == null || content.getMediaTypes() == null) {
      return;
    }
    for (MediaType media : content.getMediaTypes().values()) {
      if (media.getExtensions() != null
          && media.getExtensions().containsKey(OpenApiDocument.LIST)) {
        media.removeExtension(OpenApiDocument.LIST);
        media.setSchema(
            org.eclipse.microprofile.openapi.OASFactory.createSchema()
                .type(Schema.SchemaType.ARRAY)
                .items(media.getSchema()));
      }
      schema(media.getSchema());
      if (media.getExamples() != null) {
        for (Example example : media.getExamples().values()) {
          example.setValue(json(example.getValue()));
        }
      }
      media.setExample(json(media.getExample()));
    }
  }

  void schema(Schema schema) {
    if (schema == null) {
      return;
    }
    if (schema.getRef() != null) {
      String ref = schema.getRef();
      clear(schema);
      schema.setRef(ref);
      return;
    }
    clearIf(Boolean.FALSE, schema.getExclusiveMaximum(), schema::setExclusiveMaximum);
    clearIf(Boolean.FALSE, schema.getExclusiveMinimum(), schema::setExclusiveMinimum);
    clearIf(Boolean.FALSE, schema.getUniqueItems(), schema::setUniqueItems);
    clearIf(Boolean.FALSE, schema.getNullable(), schema::setNullable);
    clearIf(Boolean.FALSE, schema.getReadOnly(), schema::setReadOnly);
    clearIf(Boolean.FALSE, schema.getWriteOnly(), schema::setWriteOnly);
    clearIf(Boolean.FALSE, schema.getDeprecated(), schema::setDeprecated);
    clearIf(0, schema.getMinLength(), schema::setMinLength);
    clearIf(0, schema.getMaxLength(), schema::setMaxLength);
    clearIf(0, schema.getMinProperties(), schema::setMinProperties);
    clearIf(0, schema.getMaxProperties(), schema::setMaxProperties);
    clearIf(0, schema.getMinItems(), schema::setMinItems);
    clearIf(0, schema.getMaxItems(), schema::setMaxItems);
    if (schema.getType() != null
        && schema.getType() != Schema.SchemaType.OBJECT
        && !none(schema.getProperties())) {
      // an implementation's properties copied onto a string or an array
      if (schema.getType() == Schema.SchemaType.ARRAY && schema.getItems() == null) {
        schema.setItems(itemOf(schema.getProperties()));
      }
      schema.setProperties(null);
    }
    if (schema.getType() == Schema.SchemaType.OBJECT
        && none(schema.getProperties())
        && (schema.getMinimum() != null || schema.getMaximum() != null)) {
      // a number read from a java.lang.Object field (as a patient's age, number or text)
      schema.setType(Schema.SchemaType.INTEGER);
    }
    typeByFormat(schema);
    if (schema.getExample() instanceof String text
        && (schema.getType() == Schema.SchemaType.INTEGER
            || schema.getType() == Schema.SchemaType.NUMBER)) {
      try {
        BigDecimal number = new BigDecimal(text);
        schema.setExample(
            schema.getType() == Schema.SchemaType.INTEGER ? number.longValueExact() : number);
      } catch (NumberFormatException | ArithmeticException notANumber) {
        schema.setExample(null);
      }
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(this::schema);
    }
    schema(schema.getItems());
    schema(schema.getAdditionalPropertiesSchema());
    for (List<Schema> composed :
        java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
      if (composed != null) {
        composed.forEach(this::schema);
      }
    }
  }

  /**
   * Payara types a property by its Java type whatever its {@code @Schema} says ({@code long} is a
   * number, {@code LocalDate} an object); the annotation's format is kept, and says what it is. Of
   * Java's whole numbers Payara calls only {@code int} an integer, without a format.
   */
  private static void typeByFormat(Schema schema) {
    String format = schema.getFormat();
    Schema values = schema.getAdditionalPropertiesSchema();
    if (values != null && format != null && none(schema.getProperties())) {
      // a map's format is its values' (nested maps too), which no annotation reaches
      schema.setFormat(null);
      values.setFormat(format);
      typeByFormat(values);
      return;
    }
    if (schema.getType() == Schema.SchemaType.INTEGER && format == null) {
      schema.setFormat("int32");
    }
    if (schema.getType() == Schema.SchemaType.NUMBER
        && ("int64".equals(format) || "int32".equals(format))) {
      schema.setType(Schema.SchemaType.INTEGER);
    }
    if (schema.getType() == Schema.SchemaType.OBJECT
        && none(schema.getProperties())
        && ("date".equals(format) || "date-time".equals(format))) {
      schema.setType(Schema.SchemaType.STRING);
    }
  }

  private static boolean none(Map<?, ?> map) {
    return map == null || map.isEmpty();
  }

  /** The component with exactly these properties, or an object of them. */
  private Schema itemOf(Map<String, Schema> properties) {
    return components.entrySet().stream()
        .filter(
            c ->
                c.getValue().getProperties() != null
                    && c.getValue().getProperties().keySet().equals(properties.keySet()))
        .findFirst()
        .map(
            c ->
                org.eclipse.microprofile.openapi.OASFactory.createSchema()
                    .ref("#/components/schemas/" + c.getKey()))
        .orElseGet(
            () ->
                org.eclipse.microprofile.openapi.OASFactory.createSchema()
                    .type(Schema.SchemaType.OBJECT)
                    .properties(new LinkedHashMap<>(properties)));
  }

  /**
   * Payara adds a list of its endpoints beside the paths, which OpenAPI does not allow (its
   * implementation's own property, so reached by its own setter).
   */
  private static void withoutEndpoints(OpenAPI api) {
    try {
      api.getClass().getMethod("setEndpoints", Map.class).invoke(api, new java.util.TreeMap<>());
    } catch (ReflectiveOperationException notPayara) {
      // another implementation: nothing to remove
    }
  }

  private static void clear(Schema schema) {
    schema.setType(null);
    schema.setProperties(null);
    schema.setItems(null);
    schema.setDescription(null);
    schema.setExclusiveMaximum(null);
    schema.setExclusiveMinimum(null);
    schema.setUniqueItems(null);
    schema.setNullable(null);
    schema.setReadOnly(null);
    schema.setWriteOnly(null);
    schema.setDeprecated(null);
    schema.setMinLength(null);
    schema.setMaxProperties(null);
    schema.setMinProperties(null);
    schema.setMinItems(null);
    schema.setMaxItems(null);
    schema.setExample(null);
    schema.setRef(null);
  }

  private static <T> void clearIf(T unsaid, T value, Consumer<T> setter) {
    if (Objects.equals(unsaid, value)) {
      setter.accept(null);
    }
  }

  /** An example given as JSON text in an annotation, as the JSON it is. */
  private static Object json(Object value) {
    if (value instanceof String text
        && (text.strip().startsWith("{") || text.strip().startsWith("["))) {
      try {
        return plain(Json.createReader(new StringReader(text)).readValue());
      } catch (jakarta.json.JsonException notJson) {
        return value;
      }
    }
    return value;
  }

  private static Object plain(JsonValue value) {
    return switch (value.getValueType()) {
      case OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        value.asJsonObject().forEach((k, v) -> map.put(k, plain(v)));
        yield map;
      }
      case ARRAY -> value.asJsonArray().stream().map(Tidy::plain).toList();
      case STRING -> ((JsonString) value).getString();
      case NUMBER ->
          ((JsonNumber) value).isIntegral()
              ? (Object) ((JsonNumber) value).longValue()
              : ((JsonNumber) value).bigDecimalValue();
      case TRUE -> Boolean.TRUE;
      case FALSE -> Boolean.FALSE;
      case NULL -> null;
    };
  }
}
