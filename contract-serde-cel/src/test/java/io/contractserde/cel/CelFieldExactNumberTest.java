package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A CEL_FIELD transform that hands back the value it was given leaves the field exactly as it was.
 * CEL has no decimal type, so an exact JSON number is shown to the rule as a double; when the rule
 * returns that very number, the document keeps its exact decimal ({@code 12345678901234567.123456789},
 * {@code 1E+3}), never the double's rounding of it, in an unguarded rule that visits every field.
 */
class CelFieldExactNumberTest {
  private static final String SCHEMA = """
      {"type":"object","properties":{
        "amount":{"type":"number"},
        "fee":{"type":"number"},
        "note":{"type":["null","string"]}}}""";
  private static final String DOCUMENT = """
      {"amount":12345678901234567.123456789,"fee":1E+3,"note":"n"}""";

  private final String scope = "cel-exact-" + System.nanoTime();
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @ParameterizedTest
  @ValueSource(strings = {"value", "dyn(value) == null ? 'missing' : value", "typeName == 'STRING' ? value : value"})
  void aFieldTransformThatReturnsTheValueItWasGivenKeepsAnExactDecimalExact(String expr) throws Exception {
    MockContractRegistry.scope(scope).register("amounts-value", SchemaDefinition.of("JSON", SCHEMA)
        .withRuleSet(RuleSet.ofDomainRules(List.of(
            Rule.of("keep", RuleKind.TRANSFORM, RuleMode.WRITEREAD, CelFieldExecutor.TYPE, expr)))));
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props("mock://" + scope), false);
        JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(props("mock://" + scope), false)) {
      byte[] bytes = serializer.serialize("amounts", mapper.readTree(DOCUMENT));
      assertEquals(DOCUMENT, new String(Arrays.copyOfRange(bytes, 5, bytes.length), StandardCharsets.UTF_8));
      assertEquals(DOCUMENT, deserializer.deserialize("amounts", bytes).toString());
    }
  }
}
