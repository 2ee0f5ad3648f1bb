package io.contractserde.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Backward compatibility of JSON Schemas for the common cases: can a reader with the new schema
 * accept every document valid under the old one? Checks, recursively through {@code properties}
 * and {@code items}: a property newly required, a type narrowed, {@code additionalProperties}
 * closed (or a property removed from a closed object), enum values removed. Local {@code $ref}s
 * are followed; other constructs are not judged.
 */
final class JsonSchemaCompatibility {
  private JsonSchemaCompatibility() {}

  /** Problems as "pointer: message". */
  static List<String> backward(JsonNode reader, JsonNode writer) {
    List<String> problems = new ArrayList<>();
    compare(reader, writer, reader, writer, "", problems, 0);
    return problems;
  }

  private static JsonNode deref(JsonNode node, JsonNode root) {
    for (int i = 0; i < 20 && node != null && node.has("$ref") && node.get("$ref").asText().startsWith("#"); i++) {
      node = root.at(node.get("$ref").asText().substring(1));
      if (node.isMissingNode()) {
        return null;
      }
    }
    return node;
  }

  private static void compare(JsonNode reader, JsonNode writer, JsonNode readerRoot, JsonNode writerRoot,
      String at, List<String> problems, int depth) {
    reader = deref(reader, readerRoot);
    writer = deref(writer, writerRoot);
    if (reader == null || writer == null || !reader.isObject() || !writer.isObject() || depth > 32) {
      return;
    }
    Set<String> readerTypes = types(reader);
    Set<String> writerTypes = types(writer);
    if (!readerTypes.isEmpty()) {
      Set<String> missing = new TreeSet<>(writerTypes.isEmpty() ? Set.of("any") : writerTypes);
      missing.removeAll(readerTypes);
      if (readerTypes.contains("number")) {
        missing.remove("integer");
      }
      if (!missing.isEmpty()) {
        problems.add(pointer(at) + ": the type was " + (writerTypes.isEmpty() ? "unrestricted" : writerTypes)
            + " and is now " + readerTypes + ", so old documents with " + missing + " values are refused");
      }
    }
    if (reader.has("enum")) {
      Set<JsonNode> allowed = new HashSet<>();
      reader.get("enum").forEach(allowed::add);
      if (!writer.has("enum")) {
        problems.add(pointer(at) + ": an enum was added, so old documents with other values are refused");
      } else {
        for (JsonNode v : writer.get("enum")) {
          if (!allowed.contains(v)) {
            problems.add(pointer(at) + ": the enum value " + v + " was removed");
          }
        }
      }
    }
    JsonNode readerProps = reader.path("properties");
    JsonNode writerProps = writer.path("properties");
    Set<String> writerRequired = strings(writer.path("required"));
    for (String name : strings(reader.path("required"))) {
      if (!writerRequired.contains(name)) {
        problems.add(pointer(at + "/required") + ": '" + name + "' is now required, but old documents may lack it"
            + (writerProps.has(name) ? "" : " (it did not exist)"));
      }
    }
    boolean readerClosed = reader.path("additionalProperties").isBoolean() && !reader.path("additionalProperties").asBoolean();
    boolean writerClosed = writer.path("additionalProperties").isBoolean() && !writer.path("additionalProperties").asBoolean();
    if (readerClosed && !writerClosed) {
      problems.add(pointer(at) + ": additionalProperties is now false, so old documents with other properties are refused");
    }
    if (readerClosed) {
      for (Iterator<String> it = writerProps.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!readerProps.has(name)) {
          problems.add(pointer(at + "/properties") + ": '" + name + "' was removed while additionalProperties is false,"
              + " so old documents that carry it are refused");
        }
      }
    }
    for (Iterator<String> it = readerProps.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (writerProps.has(name)) {
        compare(readerProps.get(name), writerProps.get(name), readerRoot, writerRoot,
            at + "/properties/" + name, problems, depth + 1);
      }
    }
    if (reader.has("items") && writer.has("items")) {
      compare(reader.get("items"), writer.get("items"), readerRoot, writerRoot, at + "/items", problems, depth + 1);
    }
  }

  private static Set<String> types(JsonNode schema) {
    Set<String> out = new TreeSet<>();
    JsonNode type = schema.get("type");
    if (type == null) {
      return out;
    }
    if (type.isArray()) {
      type.forEach(t -> out.add(t.asText()));
    } else {
      out.add(type.asText());
    }
    return out;
  }

  private static Set<String> strings(JsonNode array) {
    Set<String> out = new HashSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String pointer(String at) {
    return at.isEmpty() ? "/" : at;
  }
}
