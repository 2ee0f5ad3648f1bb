package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.rule.jsonata.JsonataExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 16 threads share one serializer per version and one deserializer per version over 1,000,000
 * records: a compiled JSONata CONDITION on write, two-hop migrations in both directions, one hop a
 * rename run as schema resolution and one a computed migration run as compiled JSONata. Every record must come back with its own values; every invalid one
 * must be rejected; nothing may deadlock.
 */
class AvroSoakTest {
  private static final int THREADS = 16;
  private static final int TOTAL = 1_000_000;
  private final String scope = "avro-soak-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"},"
      + "{\"name\":\"celsius\",\"type\":\"double\"},{\"name\":\"site\",\"type\":\"string\"}]}";
  static final String V2 = V1.replace("\"site\"", "\"location\"");
  static final String V3 = V2.replace("\"celsius\"", "\"kelvin\"");

  @Test
  void sixteenThreadsAMillionRecords() throws Exception {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    Rule plausible = Rule.of("plausible", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "id >= 0");
    registry.register("readings-value", definition(V1, 1, null, plausible));
    registry.register("readings-value", definition(V2, 2, List.of(
        rename("site_up", RuleMode.UPGRADE, "site", "location"),
        rename("site_down", RuleMode.DOWNGRADE, "location", "site")), plausible));
    registry.register("readings-value", definition(V3, 3, List.of(
        Rule.of("to_kelvin", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
            "{'id': id, 'kelvin': celsius + 273.15, 'location': location}"),
        Rule.of("to_celsius", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
            "{'id': id, 'celsius': kelvin - 273.15, 'location': location}")), plausible));
    for (String expr : List.of("id >= 0", "{'id': id, 'kelvin': celsius + 273.15, 'location': location}",
        "{'id': id, 'celsius': kelvin - 273.15, 'location': location}")) {
      assertTrue(new JsonataExecutor().compilation(expr).compiled(), expr);
    }
    String url = "mock://" + scope;
    Schema[] schemas = {new Schema.Parser().parse(V1), new Schema.Parser().parse(V2), new Schema.Parser().parse(V3)};
    List<AvroContractSerializer<Object>> writers = new ArrayList<>();
    List<AvroContractDeserializer<GenericRecord>> readers = new ArrayList<>();
    for (int v = 1; v <= 3; v++) {
      writers.add(new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "v=" + v), false));
      readers.add(new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "v=" + v), false));
    }
    AtomicLong checked = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    Concurrently.forEachRecord(THREADS, TOTAL / THREADS, id -> {
      int writer = (int) (id % 3);
      int reader = (int) ((id / 3) % 3);
      boolean invalid = id % 97 == 5;
      byte[] bytes;
      try {
        bytes = writers.get(writer).serialize("readings", reading(schemas[writer], writer, invalid ? -id : id));
      } catch (RuleFailedException e) {
        if (!invalid) {
          throw new AssertionError("record " + id + " rejected wrongly", e);
        }
        rejected.incrementAndGet();
        return;
      }
      if (invalid) {
        throw new AssertionError("invalid record " + id + " accepted");
      }
      GenericRecord read = readers.get(reader).deserialize("readings", bytes);
      check(read, reader, id);
      checked.incrementAndGet();
    });
    assertEquals(TOTAL, checked.get() + rejected.get());
    assertEquals(TOTAL / 97 + (TOTAL % 97 > 5 ? 1 : 0), rejected.get());
  }

  private static SchemaDefinition definition(String schema, int version, List<Rule> migrations, Rule condition) {
    return SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(version))))
        .withRuleSet(new RuleSet(migrations, List.of(condition), null, null));
  }

  private static Rule rename(String name, RuleMode mode, String from, String to) {
    return Rule.of(name, RuleKind.TRANSFORM, mode, "JSONATA",
        "$merge([$sift($, function($v, $k) {$k != '" + from + "'}), {'" + to + "': $." + from + "}])");
  }

  private static double celsius(long id) {
    return (id % 400) / 4.0;
  }

  private static GenericRecord reading(Schema schema, int version, long id) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("id", id);
    if (version == 2) {
      r.put("kelvin", celsius(Math.abs(id)) + 273.15);
    } else {
      r.put("celsius", celsius(Math.abs(id)));
    }
    r.put(version == 0 ? "site" : "location", "site-" + Math.abs(id));
    return r;
  }

  private static void check(GenericRecord r, int reader, long id) {
    if ((long) r.get("id") != id) {
      throw new AssertionError("record " + id + " came back as " + r);
    }
    String site = r.get(reader == 0 ? "site" : "location").toString();
    double temperature = (double) r.get(reader == 2 ? "kelvin" : "celsius");
    double expected = celsius(id) + (reader == 2 ? 273.15 : 0);
    if (!site.equals("site-" + id) || Math.abs(temperature - expected) > 1e-9) {
      throw new AssertionError("record " + id + " read as v" + (reader + 1) + " came back as " + r);
    }
  }
}
