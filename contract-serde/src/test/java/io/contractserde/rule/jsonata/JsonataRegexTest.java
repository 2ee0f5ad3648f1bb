package io.contractserde.rule.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;
import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.contract.RuleSet;
import io.contractserde.rule.PreparedRules;
import io.contractserde.rule.RecordContext;
import io.contractserde.rule.RuleEngine;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.ModelSchema;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * JSONata's regular expressions ($match, $contains, $replace, $split with regex literals) run
 * bounded: a catastrophic pattern on a crafted value fails the rule within jsonata.timeout.ms,
 * naming the rule and never the value; ordinary ones give what the dashjoin built-ins give.
 */
class JsonataRegexTest {
  private static final String HOSTILE = "a".repeat(50) + "!";

  private static RuleEngine engine() {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://jsonata-regex-test");
    props.put("rule.executors._JSONATA_.param.jsonata.timeout.ms", "300");
    return new RuleEngine(new ContractSerdeConfig(props));
  }

  private static Object run(RuleEngine engine, Rule rule, Object message) {
    ModelSchema schema = new ModelSchema(new RegisteredSchema("s", 1, 1, null, "JSON", "{}", null, null,
        RuleSet.ofDomainRules(List.of(rule))));
    PreparedRules rules = engine.prepare("s", schema, RulePhase.DOMAIN, RuleMode.READ);
    return engine.execute(rules, new RecordContext("t", "s", false, null, message), message, schema, schema);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$contains(name, /^(.*a){10}$/)",
      "$contains(name, /(a+)+\\1$/)",
      "$count($match(name, /(.*a){10}!/)) > 0",
      "$replace(name, /(.*a){10}!/, 'x') = name",
      "$replace(name, /(.*a){10}!/, 'x', 1) = name",
      "$replace(name, /(.*a){10}!/, function($m) { 'x' }) = name",
      "$count($split(name, /(.*a){10}!/)) > 0"})
  void aCatastrophicRegexOnACraftedValueFailsTheRuleWithinItsBound(String expr) {
    RuleEngine engine = engine();
    Rule rule = Rule.of("no_redos", RuleKind.CONDITION, RuleMode.READ, "JSONATA", expr);
    long start = System.nanoTime();
    RuleFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(RuleFailedException.class, () -> run(engine, rule, Map.of("name", "a".repeat(50) + "SECRET"))));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis < 3_000, expr + " took " + millis + " ms");
    assertTrue(e.getMessage().contains("rule 'no_redos'") && e.getMessage().contains("exceeded its bound of 300 ms"),
        e.getMessage());
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void aRegexInAnEvaluatedStringIsBoundedToo() {
    RuleEngine engine = engine();
    Rule rule = Rule.of("no_redos", RuleKind.CONDITION, RuleMode.READ, "JSONATA", "$eval('$contains(name, /^(.*a){10}$/)')");
    long start = System.nanoTime();
    RuleFailedException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(RuleFailedException.class, () -> run(engine, rule, Map.of("name", "a".repeat(50) + "SECRET"))));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000);
    // $eval reports its own error without the cause: the rule still fails, and names itself.
    assertTrue(e.getMessage().contains("rule 'no_redos'"), e.getMessage());
  }

  @Test
  void lookAheadAndBackReferencesWork() {
    RuleEngine engine = engine();
    Rule iban = Rule.of("iban", RuleKind.CONDITION, RuleMode.READ, "JSONATA",
        "$contains(iban, /^(?=[A-Z0-9]{15,34}$)[A-Z]{2}[0-9]{2}[A-Z0-9]+$/)");
    run(engine, iban, Map.of("iban", "DE89370400440532013000"));
    assertThrows(RuleFailedException.class, () -> run(engine, iban, Map.of("iban", "DE89")));
    Rule twice = Rule.of("twice", RuleKind.CONDITION, RuleMode.READ, "JSONATA", "$contains(name, /\\b(\\w+) \\1\\b/)");
    run(engine, twice, Map.of("name", "it is is so"));
    assertThrows(RuleFailedException.class, () -> run(engine, twice, Map.of("name", "it is so")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "$match(s, /a(b+)/)",
      "$match(s, /a(b+)/, 1)",
      "$match(s, /(x)?z/)",
      "$contains(s, /b{2}/)",
      "$contains(s, 'bb')",
      "$replace(s, /b+/, '[$0]')",
      "$replace(s, /(a)(b+)/, '$2$1$')",
      "$replace(s, /(a)(b+)/, '$3-$1')",
      "$replace(s, /b/, 'X', 2)",
      "$replace(s, 'ab', 'X', 1)",
      "$replace(s, 'b', 'X')",
      "$replace(s, /a(b+)/, function($m) { $uppercase($m.groups[1]) })",
      "$split(s, /b+/)",
      "$split(s, /b+/, 2)",
      "$split(s, 'a')",
      "$split(s, '')"})
  void resultsAreTheDashjoinBuiltinsResults(String expr) {
    Map<String, Object> input = Map.of("s", "abbcabbbd ab");
    Object expected = Jsonata.jsonata(expr).evaluate(input);
    Object actual = run(engine(), Rule.of("t", RuleKind.TRANSFORM, RuleMode.READ, "JSONATA", "{'r': " + expr + "}"),
        input);
    assertEquals(String.valueOf(expected), String.valueOf(((Map<?, ?>) actual).get("r")), expr);
  }
}
