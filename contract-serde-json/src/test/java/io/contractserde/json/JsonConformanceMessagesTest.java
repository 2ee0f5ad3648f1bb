package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JSON Schema violation never shows a value of the document: each violation names the pointer,
 * the keyword and what the schema wants, for every keyword that can fail on a value (pattern,
 * length, format, enum, const, bounds, items). The validator's messages hold no instance values
 * today; this pins it, so a validator upgrade that starts quoting them fails here.
 */
class JsonConformanceMessagesTest {
  private static final String PERSON = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Person","type":"object",
       "properties":{
         "ssn":{"type":"string","pattern":"^[0-9]{9}$","maxLength":9,"confluent:tags":["PII"]},
         "email":{"type":"string","format":"email"},
         "status":{"enum":["ACTIVE","CLOSED"]},
         "code":{"const":"X1"},
         "age":{"type":"integer","minimum":0},
         "pin":{"type":"string","minLength":30},
         "items":{"type":"array","maxItems":1,"items":{"type":"string"}}},
       "additionalProperties":false}""";

  private final String scope = "json-messages-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @BeforeEach
  void register() {
    MockContractRegistry.scope(scope).register("people-value", SchemaDefinition.of("JSON", PERSON));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void noViolationShowsTheValueThatBrokeIt() {
    ObjectNode person = JsonNodeFactory.instance.objectNode()
        .put("ssn", "secret-ssn-123-45-6789")
        .put("email", "secret.mail@@example")
        .put("status", "SECRETSTATUS")
        .put("code", "SECRETCODE")
        .put("age", -424242)
        .put("pin", "SECRETPIN");
    person.putArray("items").add("SECRETITEM1").add("SECRETITEM2");
    JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props(url, "use.latest.version", true), false);
    SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> serializer.serialize("people", person));
    for (String secret : List.of("secret-ssn", "secret.mail", "SECRETSTATUS", "SECRETCODE", "424242", "SECRETPIN",
        "SECRETITEM")) {
      assertFalse(e.getMessage().contains(secret), secret + " in " + e.getMessage());
    }
    assertEquals(List.of("/ssn", "/ssn", "/email", "/status", "/code", "/age", "/pin", "/items"),
        e.violations().stream().map(SchemaViolationException.Violation::pointer).toList(), e.getMessage());
  }
}
