package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile or careless expressions in a contract end as rule failures within the configured time,
 * and the serde keeps serving ordinary records afterwards.
 */
class JsonataBoundsTest {
  private final String scope = "jsonata-bounds-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "($f := function($x) { $f($x + 1) }; $f(0))",
      "$eval('($f := function($x) { $f($x + 1) }; $f(0))')",
      "$count([1..100000000]) > 0",
      "$length($pad(name, 1000000000)) > 0",
      "$count([1..1000000].($string($) & $string($))) > 0",
      "($s := function($x, $n) { $n = 0 ? $x : $s($x & $x, $n - 1) }; $length($s(name, 40)) > 0)"})
  void aRunawayExpressionIsARuleFailureAndTheSerdeGoesOn(String expr) {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register(Accounts.SUBJECT, Accounts.v1());
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "9")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("runaway", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", expr)))));
    Map<String, Object> bounded = Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=9",
        "rule.executors._JSONATA_.param.jsonata.timeout.ms", "500", "rule.executors._JSONATA_.param.jsonata.max.depth", "100");
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(bounded, false);
    long start = System.nanoTime();
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> serializer.serialize(TOPIC, Accounts.v1Record(1)));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(millis < 5_000, expr + " took " + millis + " ms");
    assertTrue(e.getMessage().contains("runaway"), e.getMessage());
    AvroContractSerializer<Object> ordinary = new AvroContractSerializer<>(
        Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=1"), false);
    assertTrue(ordinary.serialize(TOPIC, Accounts.v1Record(2)).length > 5, "the serde keeps working");
    assertThrows(RuleFailedException.class, () -> serializer.serialize(TOPIC, Accounts.v1Record(3)), "and stays bounded");
  }
}
