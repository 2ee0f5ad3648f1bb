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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The time bound on rule regular expressions never fails a long input that an ordinary pattern
 * matches quickly: a 200,000-character value passes CEL {@code matches} and JSONata's
 * {@code $contains}, {@code $match}, {@code $split} and {@code $replace} under the default bounds,
 * well within them. So does a pattern the engine recurses on once per character
 * ({@code ^(\w|-)+$}), which overflows an ordinary thread's stack on a few thousand characters: the
 * match is run again on a deeper stack.
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
    assertPasses(typeAndExpr, props("mock://" + scope));
  }

  // The first deep run in a JVM runs the engine interpreted, near a second on a busy 2-core machine;
  // the bounds here leave room for that (a warm run takes a tenth of it).
  @ParameterizedTest
  @ValueSource(strings = {
      "CEL|message.v.matches('^(\\\\w|-)+$')",
      "CEL_FIELD|name == 'v' ; value.matches('^(\\\\w|-)+$')",
      "JSONATA|$contains(v, /^(\\w|-)+$/)",
      "JSONATA|$match(v, /^(\\w|-)+$/).index = 0 and $length($match(v, /^(\\w|-)+$/).match) = 200001",
      "JSONATA|$replace(v, /^(\\w|-)+$/, 'ok') = 'ok'",
      "JSONATA|$replace(v, /^(\\w|-)+$/, 'ok', 1) = 'ok'",
      "JSONATA|$replace(v, /^(\\w|-)+$/, function($m) { $string($length($m.match)) }) = '200001'",
      "JSONATA|$count($split(v, /^(\\w|-)+$/)) = 2"})
  void aLongValueMatchedByAPatternThatRecursesOncePerCharacterPassesInsteadOfOverflowingTheStack(String typeAndExpr) {
    assertPasses(typeAndExpr, props("mock://" + scope,
        "rule.executors._CEL_.param.cel.regex.timeout.ms", "10000",
        "rule.executors._CEL_FIELD_.param.cel.regex.timeout.ms", "10000",
        "rule.executors._JSONATA_.param.jsonata.timeout.ms", "10000"));
  }

  private void assertPasses(String typeAndExpr, Map<String, Object> props) {
    String[] parts = typeAndExpr.split("\\|", 2);
    MockContractRegistry.scope(scope).register("long-value", SchemaDefinition.of("JSON",
            "{\"type\":\"object\",\"properties\":{\"v\":{\"type\":\"string\"}}}")
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, parts[0], parts[1])))));
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props, false)) {
      byte[] bytes = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> serializer.serialize("long", mapper.createObjectNode().put("v", LONG)));
      assertTrue(bytes.length > LONG.length());
    }
  }
}
