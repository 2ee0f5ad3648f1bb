package io.contractserde.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ENCRYPT on JSON Schema documents: tagged string properties, nested and in arrays, become Base64
 * ciphertext on the wire and plaintext again for a reader with the key; the caller's document is
 * not modified.
 */
class JsonEncryptionTest {
  private static final String SCHEMA = """
      {"type":"object","properties":{
        "id":{"type":"string"},
        "email":{"type":"string","confluent:tags":["PII"]},
        "phones":{"type":"array","items":{"type":"string"},"confluent:tags":["PII"]},
        "customer":{"type":"object","properties":{"name":{"type":"string","confluent:tags":["PII"]},
                                                  "city":{"type":"string"}}}}}""";
  private final String scope = "json-enc-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
  }

  /** Registers the people contract with an ENCRYPT rule on PII ({@code ERROR,NONE}); the props of a serde with the key. */
  private Map<String, Object> registerEncryptedPeople() {
    MockContractRegistry.scope(scope).register("people-value", SchemaDefinition.of("JSON", SCHEMA)
        .withRuleSet(RuleSet.ofDomainRules(List.of(Pii.rule("ENCRYPT", "ERROR,NONE")))));
    return SerdeProps.props("mock://" + scope, "use.latest.version", true,
        "rule.executors._default_.param.secret", Pii.SECRET);
  }

  @Test
  void taggedStringsOfADocumentAreEncryptedOnTheWireAndReadBackWithTheKey() throws Exception {
    Map<String, Object> props = registerEncryptedPeople();
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree("""
        {"id":"p-1","email":"ada@example.com","phones":["0113 496 0001","0113 496 0002"],
         "customer":{"name":"Ada Lovelace","city":"London"}}""");
    ObjectNode before = doc.deepCopy();
    byte[] bytes;
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props, false)) {
      bytes = serializer.serialize("people", doc);
    }
    assertEquals(before, doc, "the caller's document is not modified");
    String wire = new String(bytes, StandardCharsets.UTF_8);
    for (String plaintext : List.of("ada@example.com", "0113 496", "Ada Lovelace")) {
      assertFalse(wire.contains(plaintext), plaintext + " on the wire: " + wire);
    }
    assertTrue(wire.contains("London") && wire.contains("p-1"), wire);
    try (JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(props, false)) {
      assertEquals(before, deserializer.deserialize("people", bytes));
    }
    Map<String, Object> keyless = SerdeProps.props("mock://" + scope);
    try (JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(keyless, false)) {
      JsonNode read = deserializer.deserialize("people", bytes);
      assertNotEquals("ada@example.com", read.path("email").asText());
      assertEquals(12 + 15 + 16, Base64.getDecoder().decode(read.path("email").asText()).length);
    }
  }

  @Test
  void aCiphertextThatFailsInANestedObjectLeavesTheWholeDocumentAsWritten() throws Exception {
    // email and phones are decrypted before customer.name fails: the document read is set only at the end.
    Map<String, Object> props = registerEncryptedPeople();
    ObjectMapper mapper = new ObjectMapper();
    byte[] bytes;
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props, false)) {
      bytes = serializer.serialize("people", mapper.readTree("""
          {"id":"p-2","email":"bob@example.com","phones":["0113 496 0003"],
           "customer":{"name":"Bob Tamper","city":"Leeds"}}"""));
    }
    ObjectNode written = (ObjectNode) mapper.readTree(java.util.Arrays.copyOfRange(bytes, 5, bytes.length));
    byte[] name = Base64.getDecoder().decode(written.path("customer").path("name").asText());
    name[name.length / 2] ^= 1; // the GCM tag no longer matches
    ObjectNode tampered = written.deepCopy();
    ((ObjectNode) tampered.path("customer")).put("name", Base64.getEncoder().encodeToString(name));
    byte[] body = mapper.writeValueAsBytes(tampered);
    byte[] tamperedBytes = new byte[5 + body.length];
    System.arraycopy(bytes, 0, tamperedBytes, 0, 5);
    System.arraycopy(body, 0, tamperedBytes, 5, body.length);
    try (JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(props, false)) {
      assertEquals(tampered, deserializer.deserialize("people", tamperedBytes), "every field as written, none decrypted");
    }
  }
}
