package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A compiled path remembers where its field was in the record layout it met last: one expression
 * shared by two contracts whose schemas hold the field at different positions, and whose records
 * alternate, from one thread and from four, must read the right field every time.
 */
class AvroCompiledPathTest {
  private static final String CONDITION = "name = 'ok' and nested.code = 7";
  private static final String NAME_FIRST = """
      {"type":"record","name":"A","namespace":"t","fields":[
        {"name":"name","type":"string"},{"name":"other","type":"string"},
        {"name":"nested","type":{"type":"record","name":"N","fields":[{"name":"code","type":"int"},{"name":"x","type":"int"}]}}]}""";
  private static final String NAME_LAST = """
      {"type":"record","name":"B","namespace":"t","fields":[
        {"name":"other","type":"string"},{"name":"name","type":"string"},
        {"name":"nested","type":{"type":"record","name":"M","fields":[{"name":"x","type":"int"},{"name":"code","type":"int"}]}}]}""";

  private final String scope = "avro-path-" + System.nanoTime();
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private static GenericRecord record(Schema schema, String name, String other, int code, int x) {
    GenericRecord nested = new GenericData.Record(schema.getField("nested").schema());
    nested.put("code", code);
    nested.put("x", x);
    GenericRecord r = new GenericData.Record(schema);
    r.put("name", name);
    r.put("other", other);
    r.put("nested", nested);
    return r;
  }

  private AvroContractSerializer<Object> serializer() {
    Rule rule = Rule.of("checked", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", CONDITION);
    registry.register("first-value", SchemaDefinition.of("AVRO", NAME_FIRST).withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
    registry.register("last-value", SchemaDefinition.of("AVRO", NAME_LAST).withRuleSet(RuleSet.ofDomainRules(List.of(rule))));
    return new AvroContractSerializer<>(Accounts.props("mock://" + scope, "use.latest.version", true), false);
  }

  /** Writes alternately to both topics: passing records, and records whose other fields would pass. */
  private static void alternate(AvroContractSerializer<Object> serializer, int rounds) {
    Schema first = new Schema.Parser().parse(NAME_FIRST);
    Schema last = new Schema.Parser().parse(NAME_LAST);
    for (int i = 0; i < rounds; i++) {
      assertNotNull(serializer.serialize("first", record(first, "ok", "no", 7, 1)));
      assertNotNull(serializer.serialize("last", record(last, "ok", "no", 7, 1)));
      // 'ok' and 7 sit where the other layout keeps name and nested.code: a stale position would pass these.
      assertEquals("checked", assertThrows(RuleFailedException.class,
          () -> serializer.serialize("first", record(first, "no", "ok", 1, 7))).ruleName());
      assertEquals("checked", assertThrows(RuleFailedException.class,
          () -> serializer.serialize("last", record(last, "no", "ok", 1, 7))).ruleName());
    }
  }

  @Test
  void recordsOfTwoLayoutsInTurnEachReadTheirOwnField() {
    try (AvroContractSerializer<Object> serializer = serializer()) {
      alternate(serializer, 50);
    }
  }

  @Test
  void fourThreadsOnTwoLayoutsEachReadTheirOwnField() throws Exception {
    try (AvroContractSerializer<Object> serializer = serializer()) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          done.add(pool.submit(() -> alternate(serializer, 300)));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
