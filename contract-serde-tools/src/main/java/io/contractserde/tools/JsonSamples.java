package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Random JSON documents of a JSON Schema, reproducible from the {@link Random} given: types (one of
 * several), {@code enum} / {@code const}, {@code oneOf} / {@code anyOf} branches, required and
 * optional properties, {@code minimum} / {@code maximum}, {@code minLength} / {@code maxLength},
 * {@code pattern} (through {@link RegexSamples}), common {@code format}s, {@code minItems} /
 * {@code maxItems} and local {@code $ref}s. A document the generator could not fit is caught when the
 * serializer validates it.
 */
final class JsonSamples {
  private static final int MAX_DEPTH = 6;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Random random;
  private final RegexSamples regex;
  private JsonNode root;

  JsonSamples(Random random) {
    this.random = random;
    this.regex = new RegexSamples(random);
  }

  JsonNode next(JsonNode schema) {
    this.root = schema;
    return value(schema, 0);
  }

  private JsonNode value(JsonNode schema, int depth) {
    if (schema == null || schema.isBoolean()) {
      return NODES.textNode(text(0, 8));
    }
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      JsonNode target = ref.startsWith("#") ? root.at(ref.substring(1)) : null;
      return target == null || target.isMissingNode() || depth > MAX_DEPTH ? NODES.nullNode() : value(target, depth + 1);
    }
    if (schema.has("const")) {
      return schema.get("const");
    }
    if (schema.has("enum") && schema.get("enum").size() > 0) {
      JsonNode values = schema.get("enum");
      return values.get(random.nextInt(values.size()));
    }
    for (String combinator : new String[] {"oneOf", "anyOf"}) {
      if (schema.has(combinator) && schema.get(combinator).size() > 0) {
        JsonNode branches = schema.get(combinator);
        return value(branches.get(random.nextInt(branches.size())), depth + 1);
      }
    }
    if (schema.has("allOf") && schema.get("allOf").size() > 0) {
      ObjectNode merged = NODES.objectNode();
      for (JsonNode part : schema.get("allOf")) {
        JsonNode v = value(part, depth + 1);
        if (v instanceof ObjectNode o) {
          merged.setAll(o);
        }
      }
      return merged;
    }
    String type = type(schema, depth);
    return switch (type) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, depth);
      case "string" -> string(schema);
      case "integer" -> NODES.numberNode(integer(schema));
      case "number" -> NODES.numberNode(number(schema));
      case "boolean" -> NODES.booleanNode(random.nextBoolean());
      default -> NODES.nullNode();
    };
  }

  private String type(JsonNode schema, int depth) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
    }
    if (type.isArray()) {
      List<String> types = new ArrayList<>();
      type.forEach(t -> types.add(t.asText()));
      if (depth >= MAX_DEPTH && types.contains("null")) {
        return "null";
      }
      return types.isEmpty() ? "null" : types.get(random.nextInt(types.size()));
    }
    return type.asText();
  }

  private JsonNode object(JsonNode schema, int depth) {
    ObjectNode out = NODES.objectNode();
    Set<String> required = new HashSet<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    JsonNode properties = schema.path("properties");
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      if (required.contains(p.getKey()) || (depth < MAX_DEPTH && random.nextBoolean())) {
        out.set(p.getKey(), value(p.getValue(), depth + 1));
      }
    }
    return out;
  }

  private JsonNode array(JsonNode schema, int depth) {
    ArrayNode out = NODES.arrayNode();
    int min = schema.path("minItems").asInt(0);
    int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : min + 3;
    int n = depth >= MAX_DEPTH ? min : min + random.nextInt(Math.max(1, max - min + 1));
    for (int i = 0; i < n; i++) {
      out.add(value(schema.get("items"), depth + 1));
    }
    return out;
  }

  private JsonNode string(JsonNode schema) {
    String format = schema.path("format").asText("");
    switch (format) {
      case "date-time":
        return NODES.textNode(String.format("20%02d-%02d-%02dT%02d:%02d:%02dZ", random.nextInt(100),
            1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60), random.nextInt(60)));
      case "date":
        return NODES.textNode(String.format("20%02d-%02d-%02d", random.nextInt(100), 1 + random.nextInt(12),
            1 + random.nextInt(28)));
      case "email":
        return NODES.textNode(text(1, 8).replace(" ", "x") + "@example.com");
      case "uuid":
        return NODES.textNode(new UUID(random.nextLong(), random.nextLong()).toString());
      case "uri":
        return NODES.textNode("https://example.com/" + text(0, 8).replace(" ", "-"));
      default:
        break;
    }
    if (schema.has("pattern")) {
      String s = regex.next(schema.get("pattern").asText());
      if (s != null) {
        return NODES.textNode(s);
      }
    }
    int min = schema.path("minLength").asInt(0);
    int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : min + 12;
    return NODES.textNode(text(min, Math.max(min, max)));
  }

  private long integer(JsonNode schema) {
    double min = bound(schema, "minimum", "exclusiveMinimum", -1000, 1);
    double max = bound(schema, "maximum", "exclusiveMaximum", 1000, -1);
    long lo = (long) Math.ceil(min);
    long hi = Math.max(lo, (long) Math.floor(Math.min(max, lo + 100_000)));
    return lo + (long) (random.nextDouble() * (hi - lo + 1));
  }

  private double number(JsonNode schema) {
    double min = bound(schema, "minimum", "exclusiveMinimum", -1000, 0.01);
    double max = bound(schema, "maximum", "exclusiveMaximum", Math.max(min, 0) + 1000, -0.01);
    double v = min + random.nextDouble() * Math.max(0, max - min);
    return Math.round(v * 100) / 100.0 < min ? min : Math.min(max, Math.round(v * 100) / 100.0);
  }

  /** An inclusive bound from {@code key}, or the exclusive one moved by {@code step}, else {@code fallback}. */
  private static double bound(JsonNode schema, String key, String exclusiveKey, double fallback, double step) {
    JsonNode exclusive = schema.get(exclusiveKey);
    if (exclusive != null && exclusive.isNumber()) {
      return exclusive.asDouble() + step;
    }
    JsonNode inclusive = schema.get(key);
    if (inclusive != null && inclusive.isNumber()) {
      boolean draft4Exclusive = exclusive != null && exclusive.asBoolean(false);
      return inclusive.asDouble() + (draft4Exclusive ? step : 0);
    }
    return step > 0 ? Math.min(fallback, fallbackOther(schema, fallback)) : fallback;
  }

  private static double fallbackOther(JsonNode schema, double fallback) {
    JsonNode max = schema.get("maximum");
    return max != null && max.isNumber() ? Math.min(fallback, max.asDouble() - 1000) : fallback;
  }

  private String text(int min, int max) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-";
    int length = min + random.nextInt(Math.max(1, Math.min(max, min + 16) - min + 1));
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
