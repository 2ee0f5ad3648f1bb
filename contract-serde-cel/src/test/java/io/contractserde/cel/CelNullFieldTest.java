package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CEL_FIELD visits nulls as the incumbent does: a null of a union with a null branch (Avro
 * {@code ["null","string"]}, JSON Schema {@code ["null","string"]}), in a field, an array or a map,
 * is seen with {@code value} null and {@code typeName} NULL; a transform's result becomes a value of
 * the field's schema whichever branch it takes, so the common "fill in a missing field" rule works
 * and a condition can reject a null.
 */
class CelNullFieldTest {
  private static final String FILL_IN =
      "name == 'fullName' ; dyn(value) == null ? message.name + ' ' + message.lastName : dyn(value)";
  private static final Schema PERSON = new Schema.Parser().parse("""
      {"type":"record","name":"Person","namespace":"example.nulls","fields":[
        {"name":"name","type":"string"},
        {"name":"lastName","type":"string"},
        {"name":"fullName","type":["null","string"],"default":null},
        {"name":"aliases","type":{"type":"array","items":["null","string"]}},
        {"name":"labels","type":{"type":"map","values":["null","string"]}}]}""");
  private static final String JSON_PERSON = """
      {"type":"object","properties":{
        "name":{"type":"string"},
        "lastName":{"type":"string"},
        "fullName":{"type":["null","string"]},
        "aliases":{"type":"array","items":{"type":["null","string"]}},
        "nick":{"type":"string"}}}""";

  private final String scope = "cel-nulls-" + System.nanoTime();
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);
  private final ObjectMapper mapper = new ObjectMapper();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void registerAvro(Rule rule) {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON.toString())
        .withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
  }

  private static GenericRecord person(String fullName) {
    GenericRecord p = new GenericData.Record(PERSON);
    p.put("name", "Ann");
    p.put("lastName", "Lee");
    p.put("fullName", fullName);
    p.put("aliases", Arrays.asList(null, "annie"));
    Map<String, Object> labels = new HashMap<>();
    labels.put("team", null);
    p.put("labels", labels);
    return p;
  }

  private GenericRecord roundTrip(GenericRecord record) {
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props("mock://" + scope), false);
        AvroContractDeserializer<GenericRecord> deserializer =
            new AvroContractDeserializer<>(props("mock://" + scope), false)) {
      return deserializer.deserialize("people", serializer.serialize("people", record));
    }
  }

  private static String str(Object value) {
    return value == null ? null : value.toString();
  }

  @Test
  void aFillInRuleFillsANullFieldOfAUnionAndLeavesAValueAlone() {
    registerAvro(Rule.of("fill_full_name", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", FILL_IN));
    GenericRecord original = person(null);
    assertEquals("Ann Lee", str(roundTrip(original).get("fullName")));
    assertNull(original.get("fullName"), "the caller's record is not modified");
    assertEquals("A. Lee", str(roundTrip(person("A. Lee")).get("fullName")));
  }

  @Test
  void aFieldConditionCanRejectANullNamingTheField() {
    registerAvro(Rule.of("full_name_given", RuleKind.CONDITION, RuleMode.WRITE, "CEL_FIELD",
        "name == 'fullName' ; value != null"));
    assertEquals("A. Lee", str(roundTrip(person("A. Lee")).get("fullName")));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> roundTrip(person(null)));
    assertTrue(e.getMessage().contains("(field 'example.nulls.Person.fullName')"), e.getMessage());
  }

  @Test
  void nullsInArraysAndMapsAreVisitedTypedNull() {
    registerAvro(Rule.of("type_of_nulls", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "name == 'aliases' || name == 'labels' ; dyn(value) == null ? typeName : dyn(value)"));
    GenericRecord read = roundTrip(person("x"));
    assertEquals(List.of("NULL", "annie"), ((List<?>) read.get("aliases")).stream().map(Object::toString).toList());
    assertEquals("NULL", str(((Map<?, ?>) read.get("labels")).values().iterator().next()));
  }

  @Test
  void aTransformMayTurnAValueOfANullableFieldIntoNullButNotOfAStringField() {
    registerAvro(Rule.of("forget", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "name == 'fullName' ; null"));
    assertNull(roundTrip(person("A. Lee")).get("fullName"));
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON.toString())
        .withRuleSet(RuleSet.ofDomainRules(List.of(
            Rule.of("forget_name", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "name == 'name' ; null")))));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> roundTrip(person("A. Lee")));
    assertTrue(e.getMessage().contains("example.nulls.Person.name") && e.getMessage().contains("does not fit"),
        e.getMessage());
  }

  private JsonNode roundTripJson(Rule rule, String json) throws Exception {
    registry.register("people-value", SchemaDefinition.of("JSON", JSON_PERSON)
        .withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props("mock://" + scope), false);
        JsonContractDeserializer<Object> deserializer = new JsonContractDeserializer<>(props("mock://" + scope), false)) {
      return (JsonNode) deserializer.deserialize("people", serializer.serialize("people", mapper.readTree(json)));
    }
  }

  @Test
  void inJsonANullOrAbsentNullablePropertyIsFilledIn() throws Exception {
    Rule fill = Rule.of("fill_full_name", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", FILL_IN);
    assertEquals("Ann Lee", roundTripJson(fill, """
        {"name":"Ann","lastName":"Lee","fullName":null}""").get("fullName").asText());
    assertEquals("Ann Lee", roundTripJson(fill, """
        {"name":"Ann","lastName":"Lee"}""").get("fullName").asText());
    assertEquals("A. Lee", roundTripJson(fill, """
        {"name":"Ann","lastName":"Lee","fullName":"A. Lee"}""").get("fullName").asText());
  }

  @Test
  void inJsonNullsOfArraysAreVisitedAndANonNullablePropertyIsNot() throws Exception {
    Rule typed = Rule.of("type_of_nulls", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "dyn(value) == null ? typeName : dyn(value)");
    JsonNode read = roundTripJson(typed, """
        {"name":"Ann","lastName":"Lee","aliases":[null,"annie"]}""");
    assertEquals("[\"NULL\",\"annie\"]", read.get("aliases").toString());
    assertEquals("NULL", read.get("fullName").asText(), "an absent nullable property");
    assertFalse(read.has("nick"), "an absent property that cannot be null is not visited");
  }

  @Test
  void inJsonATransformMayMakeAPropertyNull() throws Exception {
    Rule forget = Rule.of("forget", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "name == 'fullName' ; null");
    JsonNode read = roundTripJson(forget, """
        {"name":"Ann","lastName":"Lee","fullName":"A. Lee"}""");
    assertTrue(read.has("fullName") && read.get("fullName").isNull(), read.toString());
  }
}
