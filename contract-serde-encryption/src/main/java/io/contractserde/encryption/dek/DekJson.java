package io.contractserde.encryption.dek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** The incumbent's KEK and DEK JSON (unknown properties ignored, nulls left out). */
final class DekJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private DekJson() {}

  static ObjectNode kek(Kek kek, boolean withState) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("name", kek.name()).put("kmsType", kek.kmsType()).put("kmsKeyId", kek.kmsKeyId());
    if (!kek.kmsProps().isEmpty()) {
      ObjectNode props = node.putObject("kmsProps");
      kek.kmsProps().forEach(props::put);
    }
    if (kek.doc() != null) {
      node.put("doc", kek.doc());
    }
    node.put("shared", kek.shared());
    if (withState) {
      node.put("ts", kek.ts());
    }
    node.put("deleted", kek.deleted());
    return node;
  }

  static Kek kek(JsonNode node) {
    Map<String, String> props = new LinkedHashMap<>();
    node.path("kmsProps").fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));
    return new Kek(node.path("name").asText(), text(node, "kmsType"), text(node, "kmsKeyId"), props,
        text(node, "doc"), node.path("shared").asBoolean(false), node.path("ts").asLong(0),
        node.path("deleted").asBoolean(false));
  }

  /** A DEK as sent to create it ({@code withState}: as stored, with version and ts). */
  static ObjectNode dek(Dek dek, boolean withState) {
    ObjectNode node = MAPPER.createObjectNode();
    if (withState) {
      node.put("kekName", dek.kekName());
    }
    node.put("subject", dek.subject());
    if (dek.version() > 0) {
      node.put("version", dek.version());
    }
    node.put("algorithm", dek.algorithm());
    if (dek.encryptedKeyMaterial() != null) {
      node.put("encryptedKeyMaterial", dek.encryptedKeyMaterial());
    }
    if (withState) {
      node.put("ts", dek.ts());
    }
    node.put("deleted", dek.deleted());
    return node;
  }

  static Dek dek(JsonNode node, String kekName) {
    return new Dek(node.hasNonNull("kekName") ? node.get("kekName").asText() : kekName, text(node, "subject"),
        node.path("version").asInt(1), node.hasNonNull("algorithm") ? node.get("algorithm").asText() : "AES256_GCM",
        text(node, "encryptedKeyMaterial"), KeyMaterial.ofBase64(text(node, "keyMaterial")),
        node.path("ts").asLong(0), node.path("deleted").asBoolean(false));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
