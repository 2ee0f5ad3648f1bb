package io.contractserde.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sample generators make records the real serializers accept, cover unions, enums and logical
 * types, honour JSON Schema bounds and patterns, and give the same records for the same seed.
 */
class SampleGeneratorsTest {
  private static final String SCOPE = "sample-generators-test";

  static final String AVRO = """
      {"type": "record", "name": "Order", "namespace": "t", "fields": [
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
        {"name": "price", "type": {"type": "fixed", "name": "Price", "size": 8, "logicalType": "decimal", "precision": 12, "scale": 2}},
        {"name": "day", "type": {"type": "int", "logicalType": "date"}},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
        {"name": "note", "type": ["null", "string", "int"], "default": null},
        {"name": "lines", "type": {"type": "array", "items": {"type": "record", "name": "Line", "fields": [
          {"name": "sku", "type": "string"}, {"name": "qty", "type": "int"}, {"name": "next", "type": ["null", "Line"], "default": null}]}}},
        {"name": "attrs", "type": {"type": "map", "values": "double"}},
        {"name": "flag", "type": "boolean"}
      ]}""";

  static final String JSON = """
      {"type": "object", "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2,4}(x|y)?$"},
        "name": {"type": "string", "minLength": 2, "maxLength": 5},
        "qty": {"type": "integer", "minimum": 3, "maximum": 7},
        "price": {"type": "number", "exclusiveMinimum": 0, "maximum": 10},
        "kind": {"enum": ["a", "b"]},
        "tags": {"type": "array", "items": {"type": "string", "format": "email"}, "minItems": 1, "maxItems": 2},
        "when": {"type": "string", "format": "date-time"},
        "parent": {"$ref": "#/definitions/ref"}
      }, "required": ["code", "name", "qty", "price", "kind", "tags"], "additionalProperties": false,
      "definitions": {"ref": {"type": ["object", "null"], "properties": {"id": {"type": "integer"}}, "required": ["id"]}}}""";

  @AfterEach
  void dropScope() {
    MockContractRegistry.dropScope(SCOPE);
  }

  @Test
  void generatedAvroRecordsAreAcceptedByTheSerializerAndCoverEveryBranch() {
    MockContractRegistry.scope(SCOPE).register("orders-value", SchemaDefinition.of("AVRO", AVRO));
    Schema schema = new Schema.Parser().parse(AVRO);
    AvroSamples samples = new AvroSamples(new Random(3));
    Set<String> statuses = new HashSet<>();
    Set<String> noteTypes = new HashSet<>();
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(Map.of(
        ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE, ContractSerdeConfig.USE_LATEST_VERSION, true), false)) {
      for (int i = 0; i < 200; i++) {
        GenericRecord record = (GenericRecord) samples.next(schema);
        assertNotNull(serializer.serialize("orders", record));
        statuses.add(String.valueOf(record.get("status")));
        Object note = record.get("note");
        noteTypes.add(note == null ? "null" : note.getClass().getSimpleName());
      }
    }
    assertEquals(Set.of("NEW", "PAID", "SHIPPED"), statuses);
    assertEquals(Set.of("null", "String", "Integer"), noteTypes);
  }

  @Test
  void generatedJsonDocumentsMeetTheSchemasBoundsAndPatterns() {
    MockContractRegistry.scope(SCOPE).register("codes-value", SchemaDefinition.of("JSON", JSON));
    JsonSamples samples = new JsonSamples(new Random(5));
    JsonNode schema = read(JSON);
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(Map.of(
        ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + SCOPE, ContractSerdeConfig.USE_LATEST_VERSION, true), false)) {
      for (int i = 0; i < 200; i++) {
        JsonNode doc = samples.next(schema);
        assertNotNull(serializer.serialize("codes", doc), doc.toString());
        assertTrue(Pattern.compile("^[A-Z]{3}-[0-9]{2,4}(x|y)?$").matcher(doc.get("code").asText()).find(), doc.toString());
        int qty = doc.get("qty").asInt();
        assertTrue(qty >= 3 && qty <= 7, doc.toString());
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameSamples() {
    Schema schema = new Schema.Parser().parse(AVRO);
    List<Object> a = List.of(new AvroSamples(new Random(9)).next(schema), new AvroSamples(new Random(9)).next(schema));
    assertEquals(a.get(0), a.get(1));
    assertEquals(new JsonSamples(new Random(9)).next(read(JSON)), new JsonSamples(new Random(9)).next(read(JSON)));
  }

  @Test
  void theRegexGeneratorGivesUpOnWhatItCannotMatch() {
    RegexSamples regex = new RegexSamples(new Random(1));
    assertNull(regex.next("^(?=.*[A-Z]).{8,}$"), "look-ahead");
    assertNull(regex.next("^[^a-z]+$"), "negated class");
    String s = regex.next("^\\d{3}-\\d{2}-\\d{4}$");
    assertTrue(s.matches("\\d{3}-\\d{2}-\\d{4}"), s);
  }

  private static JsonNode read(String json) {
    try {
      return ContractJson.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
