package io.contractserde.rule.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The JSONATA executor through the engine: results, coercions, bounds and sharing between threads. */
class JsonataExecutorTest {

  private static RuleEngine engine(Object... pairs) {
    Map<String, Object> props = new HashMap<>();
    props.put(ContractSerdeConfig.SCHEMA_REGISTRY_URL, "mock://jsonata-test");
    for (int i = 0; i < pairs.length; i += 2) {
      props.put((String) pairs[i], pairs[i + 1]);
    }
    return new RuleEngine(new ContractSerdeConfig(props));
  }

  private static Object run(RuleEngine engine, Rule rule, Object message) {
    ModelSchema schema = new ModelSchema(new RegisteredSchema("s", 1, 1, null, "JSON", "{}", null, null,
        RuleSet.ofDomainRules(List.of(rule))));
    PreparedRules rules = engine.prepare("s", schema, RulePhase.DOMAIN, RuleMode.WRITE);
    return engine.execute(rules, new RecordContext("t", "s", false, null, message), message, schema, schema);
  }

  private static Rule condition(String expr) {
    return Rule.of("c", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", expr);
  }

  @Test
  void conditionResultsAreCoercedAsTheIncumbentDoes() {
    Map<String, Object> m = Map.of("age", 5, "name", "x");
    RuleEngine engine = engine();
    for (String passes : List.of("age >= 0", "missing_field", "age", "'yes'", "'true'", "[1]", "{'a': 1}")) {
      run(engine, condition(passes), m);
    }
    for (String fails : List.of("age < 0", "0", "'false'", "$boolean(0)")) {
      assertThrows(RuleFailedException.class, () -> run(engine, condition(fails), m), fails);
    }
  }

  @Test
  void aBlankExpressionFailsTheRuleEvenAfterOthersRan() {
    RuleEngine engine = engine();
    run(engine, condition("age >= 0"), Map.of("age", 1));
    for (String blank : List.of("", "  ")) {
      RuleFailedException e = assertThrows(RuleFailedException.class, () -> run(engine, condition(blank), Map.of()));
      assertTrue(e.getMessage().contains("The rule has no expression"), e.getMessage());
    }
  }

  @Test
  void aTransformReturnsTheExpressionsResult() {
    Object out = run(engine(), Rule.of("t", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA",
        "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': ssn}])"), Map.of("ssn", "1", "n", 2));
    assertEquals(Map.of("national_id", "1", "n", 2), out);
  }

  @Test
  void endlessRecursionEndsAsARuleFailureWithinTheBound() {
    RuleEngine engine = engine("rule.executors._JSONATA_.param.jsonata.timeout.ms", "300",
        "rule.executors._JSONATA_.param.jsonata.max.depth", "50");
    long start = System.nanoTime();
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine, condition("($f := function($x) { $f($x + 1) }; $f(0))"), Map.of()));
    assertTrue(e.getMessage().contains("Could not evaluate expression"), e.getMessage());
    RuleFailedException slow = assertThrows(RuleFailedException.class,
        () -> run(engine, condition("$count([1..5000000].($string($)))"), Map.of()));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 10_000);
    assertTrue(slow.getMessage().contains("Could not evaluate expression"), slow.getMessage());
    run(engine, condition("true"), Map.of());
  }

  @Test
  void aCompiledExpressionWhoseLambdaRunsTooLongFailsWithinTheBound() {
    // The compiled form starts its clock at the first lambda call: a loop of calls must still end.
    String expr = "$sum($map(xs, function($v) { $v * 2 })) >= 0";
    assertTrue(new JsonataExecutor().compilation(expr).compiled(), expr);
    RuleEngine engine = engine("rule.executors._JSONATA_.param.jsonata.timeout.ms", "1");
    List<Integer> xs = new ArrayList<>();
    for (int i = 0; i < 3_000_000; i++) {
      xs.add(i);
    }
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> run(engine, condition(expr), Map.of("xs", xs)));
    assertTrue(e.getMessage().contains("jsonata.timeout.ms"), e.getMessage());
    run(engine, condition(expr), Map.of("xs", List.of(1, 2, 3)));
  }

  @Test
  void padIsBoundedButOtherwiseTheLibrarys() {
    assertEquals("ab---", JsonataExecutor.boundedPad("ab", 5, "-"));
    assertEquals("   ab", JsonataExecutor.boundedPad("ab", -5, null));
    assertThrows(io.contractserde.rule.RuleException.class, () -> JsonataExecutor.boundedPad("ab", 2_000_000, null));
    Object out = run(engine(), Rule.of("p", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", "{'s': $pad(s, 4, '*')}"),
        Map.of("s", "x"));
    assertEquals(Map.of("s", "x***"), out);
  }

  @Test
  void badParametersAreConfigErrors() {
    assertThrows(ConfigException.class, () -> engine("rule.executors._JSONATA_.param.jsonata.timeout.ms", "soon"));
    assertThrows(ConfigException.class, () -> engine("rule.executors._JSONATA_.param.jsonata.max.depth", "-1"));
  }

  @Test
  void oneCompiledExpressionSharedByEightThreadsSeesEachThreadsOwnInput() throws Exception {
    RuleEngine engine = engine();
    Rule rule = Rule.of("t", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", "{'id': $$.id, 'twice': $$.n * 2}");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        int wrong = 0;
        for (int i = 0; i < 5_000; i++) {
          int n = thread * 100_000 + i;
          Map<?, ?> out = (Map<?, ?>) run(engine, rule, Map.of("id", "r" + n, "n", n));
          if (!("r" + n).equals(out.get("id")) || ((Number) out.get("twice")).intValue() != 2 * n) {
            wrong++;
          }
        }
        return wrong;
      }));
    }
    int wrong = 0;
    for (Future<Integer> f : results) {
      wrong += f.get();
    }
    pool.shutdown();
    assertEquals(0, wrong);
  }

  @Test
  void sixteenThreadsShareCompiledRulesWithBindingsLambdasAndConditionsExactly() throws Exception {
    RuleEngine engine = engine();
    String transform = "($n := $$.n; $tags := $map([1, 2, 3], function($i) { $n * $i });"
        + " {'id': $uppercase(id), 'tags': $tags, 'sum': $reduce($tags, function($a, $b) { $a + $b }),"
        + " 'kind': $n % 2 = 0 ? 'even' : 'odd'})";
    String check = "n >= 0 and id in [$string('r' & $string(n))] and $length(id) > 1";
    assertTrue(new JsonataExecutor().compilation(transform).compiled());
    assertTrue(new JsonataExecutor().compilation(check).compiled());
    Rule rule = Rule.of("t", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", transform);
    Rule condition = condition(check);
    io.contractserde.testing.Concurrently.forEachRecord(16, 5_000, i -> {
      long n = i;
      Map<?, ?> out = (Map<?, ?>) run(engine, rule, Map.of("id", "r" + n, "n", n));
      assertEquals("R" + n, out.get("id"));
      assertEquals(List.of(n, 2 * n, 3 * n), ((List<?>) out.get("tags")).stream().map(x -> ((Number) x).longValue()).toList());
      assertEquals(6 * n, ((Number) out.get("sum")).longValue());
      assertEquals(n % 2 == 0 ? "even" : "odd", out.get("kind"));
      run(engine, condition, Map.of("id", "r" + n, "n", n));
      assertThrows(RuleFailedException.class, () -> run(engine, condition, Map.of("id", "r" + (n + 1), "n", n)));
    });
  }

  @Test
  void theInterpreterCanBeForcedAndGivesTheSameAnswers() {
    String expr = "{'twice': n * 2, 'name': $uppercase(name)}";
    Rule rule = Rule.of("t", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", expr);
    Map<String, Object> in = Map.of("n", 21, "name", "ada");
    Object compiled = run(engine(), rule, in);
    Object interpreted = run(engine("jsonata.compiled", "false"), rule, in);
    assertEquals(Map.of("twice", 42, "name", "ADA"), compiled);
    assertEquals(compiled, interpreted);
    JsonataExecutor forced = new JsonataExecutor();
    forced.configure(Map.of(JsonataExecutor.COMPILED, "false"));
    assertEquals(new JsonataExecutor.Compilation(false, "jsonata.compiled=false"), forced.compilation(expr));
    assertEquals(new JsonataExecutor.Compilation(true, null), new JsonataExecutor().compilation(expr));
  }
}
