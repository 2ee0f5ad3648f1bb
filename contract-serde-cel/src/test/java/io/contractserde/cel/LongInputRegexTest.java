package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time bound on rule regular expressions never fails a long input that an ordinary pattern
 * matches quickly: a 200,000-character value passes CEL {@code matches} and JSONata's
 * {@code $contains}, {@code $match}, {@code $split} and {@code $replace} under the default bounds,
 * well within them.
 */
class LongInputRegexTest {
  private static final String LONG = "ab-c".repeat(50_000) + "d";
  private final String scope = "long-regex-" + System.nanoTime();
  private final ObjectMapper mapper = new ObjectMapper();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CEL|message.v.matches('^[a-d-]+$')",
      "CEL|message.v.matches('.*d$')",
      "CEL_FIELD|name == 'v' ; value.matches('^[a-z-]*d$')",
      "JSONATA|$contains(v, /^[a-d-]+$/)",
      "JSONATA|$count($split(v, /-/)) = 50001",
      "JSONATA|$match(v, /d$/).match = 'd'",
      "JSONATA|$length($replace(v, /-/, '')) = 150001"})
  void aLongValueMatchedByAnOrdinaryPatternPassesWithinTheDefaultBound(String typeAndExpr) {
    String[] parts = typeAndExpr.split("\\|", 2);
    MockContractRegistry.scope(scope).register("long-value", SchemaDefinition.of("JSON",
            "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"string\"}}}")
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, parts[0], parts[1])))));
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props("mock://" + scope), false)) {
      byte[] bytes = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> serializer.serialize("long", mapper.createObjectNode().put("v", LONG)));
      assertTrue(bytes.length > LONG.length());
    }
  }
}
