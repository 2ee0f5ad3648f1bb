package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import io.contractserde.rule.RuleFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CEL's {@code matches} runs on java.util.regex, as the incumbent's default engine does: look-ahead
 * and back-references work, the match is of the whole string, and a catastrophic pattern on a
 * crafted value fails the rule within {@code cel.regex.timeout.ms}, naming the rule and never the
 * value, in a CEL and a CEL_FIELD rule, in the body and in the guard.
 */
class CelRegexTest {
  private static final String CRAFTED = "a".repeat(50) + "SECRET";
  private final String scope = "cel-regex-" + System.nanoTime();
  private final ObjectMapper mapper = new ObjectMapper();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private JsonContractSerializer<Object> serializer(Rule rule) {
    MockContractRegistry.scope(scope).register("checks-value", SchemaDefinition.of("JSON", """
        {"type":"object","properties":{"v":{"type":"string"}}}""").withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
    return new JsonContractSerializer<>(props("mock://" + scope, "rule.executors._CEL_.param.cel.regex.timeout.ms", "300",
        "rule.executors._CEL_FIELD_.param.cel.regex.timeout.ms", "300"), false);
  }

  private Object value(String v) {
    return mapper.createObjectNode().put("v", v);
  }

  @ParameterizedTest(name = "{0} on ''{1}'' is {2}")
  @CsvSource(delimiter = '|', value = {
      "message.v.matches('^(?=[A-Z0-9]{15,34}$)[A-Z]{2}[0-9]{2}[A-Z0-9]+$')  | DE89370400440532013000 | true",
      "message.v.matches('^(?=[A-Z0-9]{15,34}$)[A-Z]{2}[0-9]{2}[A-Z0-9]+$')  | DE89                   | false",
      "matches(message.v, r'(\\w+) \\1')                                      | is is                  | true",
      "matches(message.v, r'(\\w+) \\1')                                      | is it                  | false",
      "message.v.matches('b')                                                  | abc                    | false",
      "message.v.matches('a.c')                                                | abc                    | true",
      "message.v.matches('(?i)ABC')                                            | abc                    | true"})
  void matchesIsAWholeStringMatchInJavaRegexSyntax(String expr, String v, boolean holds) {
    JsonContractSerializer<Object> serializer = serializer(Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, "CEL", expr));
    if (holds) {
      assertTrue(serializer.serialize("checks", value(v)).length > 5);
    } else {
      assertThrows(RuleFailedException.class, () -> serializer.serialize("checks", value(v)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "CEL|message.v.matches('^(.*a){10}$')",
      "CEL|matches(message.v, '(a+)+\\\\1$')",
      "CEL|message.v.matches('^(.*a){10}$'); true",
      "CEL_FIELD|value.matches('^(.*a){10}$')",
      "CEL_FIELD|name == 'v' && value.matches('^(.*a){10}$'); true"})
  void aCatastrophicPatternOnACraftedValueFailsTheRuleWithinItsBound(String typeAndExpr) {
    String[] parts = typeAndExpr.split("\\|", 2);
    JsonContractSerializer<Object> serializer = serializer(
        Rule.of("no_redos", RuleKind.CONDITION, RuleMode.WRITE, parts[0], parts[1]));
    long start = System.nanoTime();
    RuleFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(RuleFailedException.class, () -> serializer.serialize("checks", value(CRAFTED))));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis < 3_000, typeAndExpr + " took " + millis + " ms");
    assertTrue(e.getMessage().contains("rule 'no_redos'") && e.getMessage().contains("exceeded its bound of 300 ms"),
        e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void nestedQuantifiersThatJavaRunsInLinearTimeJustAnswer() {
    JsonContractSerializer<Object> serializer = serializer(
        Rule.of("r", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "!message.v.matches('(a+)+$')"));
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertTrue(serializer.serialize("checks", value("a".repeat(50) + "!")).length > 5));
  }

  @Test
  void anInvalidPatternFailsTheRuleSayingWhy() {
    JsonContractSerializer<Object> serializer = serializer(
        Rule.of("bad", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.v.matches('(a')"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> serializer.serialize("checks", value("a")));
    assertTrue(e.getMessage().contains("Invalid regular expression '(a'"), e.getMessage());
  }

  @Test
  void theBoundIsAPositiveNumber() {
    assertThrows(org.apache.kafka.common.config.ConfigException.class,
        () -> new CelExecutor().configure(Map.of("cel.regex.timeout.ms", "soon")));
  }
}
