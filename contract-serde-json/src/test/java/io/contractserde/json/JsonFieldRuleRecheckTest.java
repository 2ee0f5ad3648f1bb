package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSON Schema checks more than a field's type (lengths, patterns, formats, bounds), which field-level
 * rules do not see: a document a field-level rule changed is validated again, and one whose new value
 * breaks its field's {@code maxLength} is rejected.
 */
class JsonFieldRuleRecheckTest {
  private static final String PERSON = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Person","type":"object",
       "properties":{
         "name":{"type":"string","maxLength":16,"confluent:tags":["PII"]},
         "age":{"type":"integer"}}}""";

  private final String scope = "json-recheck-" + System.nanoTime();
  private final String url = "mock://" + scope;

  /** A field-level rule ({@code LENGTHEN}): every selected string gets ten characters more. */
  public static final class LengthenExecutor extends FieldRuleExecutor {
    @Override
    public String type() {
      return "LENGTHEN";
    }

    @Override
    protected FieldTransform newTransform(RuleContext ctx) {
      return (field, value) -> value instanceof String s ? s + "-123456789" : value;
    }
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private JsonContractSerializer<Object> serializer() {
    MockContractRegistry.scope(scope).register("people-value", SchemaDefinition.of("JSON", PERSON).withRuleSet(
        RuleSet.ofDomainRules(List.of(Rule.of("lengthen_pii", RuleKind.TRANSFORM, RuleMode.WRITE, "LENGTHEN", null)
            .withTags("PII")))));
    Map<String, Object> props = props(url, "use.latest.version", true, "rule.executors", "lengthen",
        "rule.executors.lengthen.class", LengthenExecutor.class.getName());
    return new JsonContractSerializer<>(props, false);
  }

  @Test
  void aFieldRuleWhoseResultBreaksTheFieldsMaxLengthIsRejected() {
    ObjectNode person = JsonNodeFactory.instance.objectNode().put("name", "Alice-Margaret").put("age", 42);
    try (JsonContractSerializer<Object> serializer = serializer()) {
      SchemaViolationException e = assertThrows(SchemaViolationException.class,
          () -> serializer.serialize("people", person));
      assertEquals(List.of("/name"), e.violations().stream().map(SchemaViolationException.Violation::pointer).toList(),
          e.getMessage());
    }
    assertEquals("Alice-Margaret", person.path("name").asText(), "the caller's document");
  }

  @Test
  void aFieldRuleWhoseResultFitsIsWritten() {
    JsonNode person = JsonNodeFactory.instance.objectNode().put("name", "Al").put("age", 42);
    try (JsonContractSerializer<Object> serializer = serializer()) {
      byte[] written = serializer.serialize("people", person);
      try (JsonContractDeserializer<JsonNode> reader = new JsonContractDeserializer<>(props(url,
          "rule.executors", "lengthen", "rule.executors.lengthen.class", LengthenExecutor.class.getName()), false)) {
        assertEquals("Al-123456789", reader.deserialize("people", written).path("name").asText());
      }
    }
  }
}
