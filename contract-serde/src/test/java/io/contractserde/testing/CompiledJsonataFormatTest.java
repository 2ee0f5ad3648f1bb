package io.contractserde.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.contractserde.rule.jsonata.JsonataExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cases every format must pass with compiled JSONata rules, through the real serializer and
 * deserializer: a CONDITION on write, a computed migration and the incumbent's quoted rename on
 * read, each giving what the interpreter gives ({@code jsonata.compiled=false},
 * {@code migration.fast.path=false}). Each format module subclasses it with its schemas and records.
 */
public abstract class CompiledJsonataFormatTest {
  private final String scope = "compiled-jsonata-" + getClass().getSimpleName() + "-" + System.nanoTime();

  /** The format's schema type: AVRO, JSON. */
  protected abstract String format();

  /** A record schema named {@code Person} with these fields, each {@code "string"} or {@code "long"}. */
  protected abstract String schema(Map<String, String> fields);

  /** A record of {@code schema} with these values. */
  protected abstract Object record(String schema, Map<String, Object> values);

  /** A field of a record read back, as a String or a Long (null when absent). */
  protected abstract Object field(Object record, String name);

  protected abstract Serializer<Object> serializer(Map<String, Object> props);

  protected abstract Deserializer<Object> deserializer(Map<String, Object> props);

  @AfterEach
  void dropScope() {
    MockContractRegistry.dropScope(scope);
  }

  private static Map<String, String> fields(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private String v1() {
    return schema(fields("id", "long", "name", "string", "ssn", "string"));
  }

  private String v2() {
    return schema(fields("id", "long", "first", "string", "last", "string", "national_id", "string"));
  }

  private void register() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("people-value", SchemaDefinition.of(format(), v1())
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("plausible", RuleKind.CONDITION, RuleMode.WRITE,
            "JSONATA", CONDITION)))));
    registry.register("people-value", SchemaDefinition.of(format(), v2())
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(RuleSet.ofMigrationRules(List.of(
            Rule.of("split", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", SPLIT),
            Rule.of("join", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA", JOIN)))));
    for (String expr : List.of(CONDITION, SPLIT, JOIN)) {
      assertTrue(new JsonataExecutor().compilation(expr).compiled(), expr);
    }
  }

  private static final String CONDITION = "id >= 0 and $length(name) > 0 and $substring(ssn, 3, 1) in ['-', ' ']";
  private static final String SPLIT = "$merge([$sift($, function($v, $k) {$k != 'name' and $k != 'ssn'}),"
      + " {'first': $substringBefore(name, ' '), 'last': $substringAfter(name, ' '), 'national_id': $.'ssn'}])";
  private static final String JOIN = "$merge([$sift($, function($v, $k) {$k != 'first' and $k != 'last'"
      + " and $k != 'national_id'}), {'name': first & ' ' & last, 'ssn': $.`national_id`}])";

  private Map<String, Object> props(String version, boolean compiled) {
    return SerdeProps.props("mock://" + scope, "use.latest.with.metadata", "major_version=" + version,
        "jsonata.compiled", String.valueOf(compiled), "migration.fast.path", String.valueOf(compiled));
  }

  @Test
  void aCompiledConditionOnWriteAcceptsAndRejectsAsTheInterpreterDoes() {
    register();
    for (boolean compiled : new boolean[] {true, false}) {
      Serializer<Object> writer = serializer(props("1", compiled));
      writer.serialize("people", record(v1(), Map.of("id", 7L, "name", "Ada Lovelace", "ssn", "123-45-6789")));
      assertThrows(RuleFailedException.class, () -> writer.serialize("people",
          record(v1(), Map.of("id", 7L, "name", "Ada Lovelace", "ssn", "123456789"))));
      assertThrows(RuleFailedException.class, () -> writer.serialize("people",
          record(v1(), Map.of("id", -7L, "name", "Ada Lovelace", "ssn", "123-45-6789"))));
    }
  }

  @Test
  void aCompiledMigrationReadsUpAndDownAsTheInterpreterDoes() {
    register();
    byte[] v1Bytes = serializer(props("1", true)).serialize("people",
        record(v1(), Map.of("id", 7L, "name", "Ada Lovelace", "ssn", "123-45-6789")));
    byte[] v2Bytes = serializer(props("2", true)).serialize("people",
        record(v2(), Map.of("id", 8L, "first", "Grace", "last", "Hopper", "national_id", "987-65-4321")));
    for (boolean compiled : new boolean[] {true, false}) {
      Object up = deserializer(props("2", compiled)).deserialize("people", v1Bytes);
      assertEquals("Ada", field(up, "first"));
      assertEquals("Lovelace", field(up, "last"));
      assertEquals("123-45-6789", field(up, "national_id"));
      assertEquals(7L, field(up, "id"));
      Object down = deserializer(props("1", compiled)).deserialize("people", v2Bytes);
      assertEquals("Grace Hopper", field(down, "name"));
      assertEquals("987-65-4321", field(down, "ssn"));
      assertEquals(8L, field(down, "id"));
    }
  }
}
