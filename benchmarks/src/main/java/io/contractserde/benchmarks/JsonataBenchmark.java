package io.contractserde.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JSONata rules compiled and in the interpreter ({@code engine}), beside raw Avro and raw Jackson
 * in the same run: a CONDITION with several comparisons and {@code in} on write; the incumbent's
 * rename spelling {@code $.'ssn'} on read; a computed migration (split {@code name} into
 * {@code first} and {@code last} on UPGRADE, join them on DOWNGRADE) over one hop, and over two
 * (then {@code active} becomes {@code status}); the JSON read with a one-hop migration, validated
 * against the reader's JSON Schema (the default) and not.
 *
 * <p>Run with 1 and 4 threads:
 * {@code java -jar benchmarks/target/benchmarks.jar JsonataBenchmark -t 1} (and {@code -t 4}).
 * {@code interpreted} sets {@code jsonata.compiled=false} and {@code migration.fast.path=false}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class JsonataBenchmark {
  static final String CONDITION = "id >= 0 and balance < 1000000000 and $length(name) > 0"
      + " and active in [true, false] and national_id != ''";
  static final String RENAME = "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.'ssn'}])";
  static final String SPLIT = "$merge([$sift($, function($v, $k) {$k != 'name'}),"
      + " {'first': $substringBefore(name, ' '), 'last': $substringAfter(name, ' ')}])";
  static final String JOIN = "$merge([$sift($, function($v, $k) {$k != 'first' and $k != 'last'}),"
      + " {'name': first & ' ' & last}])";
  static final String TO_STATUS = "$merge([$sift($, function($v, $k) {$k != 'active'}),"
      + " {'status': active ? 'ACTIVE' : 'INACTIVE'}])";
  static final String TO_ACTIVE = "$merge([$sift($, function($v, $k) {$k != 'status'}), {'active': status = 'ACTIVE'}])";

  /** The serdes and records, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Serdes {
    @Param({"small", "large"})
    public String shape;

    @Param({"compiled", "interpreted"})
    public String engine;

    final String scope = "bench-jsonata-" + System.nanoTime();
    GenericRecord v1Record;
    GenericRecord v2Record;
    GenericDatumWriter<GenericRecord> rawWriter;
    GenericDatumReader<GenericRecord> rawReader;
    byte[] rawPayload;
    AvroContractSerializer<Object> checked;
    AvroContractDeserializer<Object> renameReader;
    AvroContractDeserializer<Object> splitReader;
    AvroContractDeserializer<Object> statusReader;
    byte[] v1Bytes;
    byte[] splitV1Bytes;
    ObjectMapper mapper = new ObjectMapper();
    byte[] jsonRaw;
    byte[] jsonV1Bytes;
    JsonContractDeserializer<Object> jsonReader;
    JsonContractDeserializer<Object> jsonUnvalidatedReader;
    /** The topics, made once: a string concatenated per call would be measured with the serde. */
    String conditionTopic;
    String renameTopic;
    String splitTopic;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Shapes.register(scope);
      conditionTopic = shape + "-condition";
      renameTopic = shape + "-rename";
      splitTopic = shape + "-split";
      MockContractRegistry registry = MockContractRegistry.scope(scope);
      String v2 = Shapes.schema(shape, 2);
      registry.register(shape + "-condition-value", SchemaDefinition.of("AVRO", v2).withMetadata(major(2))
          .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("plausible", RuleKind.CONDITION, RuleMode.WRITE,
              "JSONATA", CONDITION)))));
      String v1 = Shapes.schema(shape, 1);
      registry.register(shape + "-rename-value", SchemaDefinition.of("AVRO", v1).withMetadata(major(1)));
      registry.register(shape + "-rename-value", SchemaDefinition.of("AVRO", v2).withMetadata(major(2))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(migration("up", RuleMode.UPGRADE, RENAME)))));
      String split = v2.replace("{\"name\":\"name\",\"type\":\"string\"}",
          "{\"name\":\"first\",\"type\":\"string\"},{\"name\":\"last\",\"type\":\"string\"}");
      String status = split.replace("{\"name\":\"active\",\"type\":\"boolean\"}", "{\"name\":\"status\",\"type\":\"string\"}");
      registry.register(shape + "-split-value", SchemaDefinition.of("AVRO", v2).withMetadata(major(1)));
      registry.register(shape + "-split-value", SchemaDefinition.of("AVRO", split).withMetadata(major(2))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(migration("split", RuleMode.UPGRADE, SPLIT),
              migration("join", RuleMode.DOWNGRADE, JOIN)))));
      registry.register(shape + "-split-value", SchemaDefinition.of("AVRO", status).withMetadata(major(3))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(migration("status", RuleMode.UPGRADE, TO_STATUS),
              migration("active", RuleMode.DOWNGRADE, TO_ACTIVE)))));
      Schema writer = new Schema.Parser().parse(v2);
      v2Record = Shapes.record(writer, 7);
      v2Record.put("name", "Ada Lovelace");
      v1Record = Shapes.record(new Schema.Parser().parse(v1), 7);
      rawWriter = new GenericDatumWriter<>(writer);
      rawReader = new GenericDatumReader<>(writer);
      checked = new AvroContractSerializer<>(props("major_version=2"), false);
      renameReader = new AvroContractDeserializer<>(props("major_version=2"), false);
      splitReader = new AvroContractDeserializer<>(props("major_version=2"), false);
      statusReader = new AvroContractDeserializer<>(props("major_version=3"), false);
      v1Bytes = new AvroContractSerializer<>(props("major_version=1"), false).serialize(shape + "-rename", v1Record);
      splitV1Bytes = new AvroContractSerializer<>(props("major_version=1"), false).serialize(shape + "-split", v2Record);
      byte[] framed = checked.serialize(shape + "-condition", v2Record);
      rawPayload = Arrays.copyOfRange(framed, 5, framed.length);

      registry.register("orders-value", SchemaDefinition.of("JSON", JsonBenchmark.V1).withMetadata(major(1)));
      registry.register("orders-value", SchemaDefinition.of("JSON", JsonBenchmark.V2).withMetadata(major(2))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(migration("up", RuleMode.UPGRADE,
              "$merge([$sift($, function($v, $k) {$k != 'account_id'}), {'customer_id': account_id}])")))));
      ObjectNode v1Document = JsonBenchmark.document(mapper, "account_id");
      jsonV1Bytes = new JsonContractSerializer<>(props("major_version=1"), false).serialize("orders", v1Document);
      jsonRaw = mapper.writeValueAsBytes(JsonBenchmark.document(mapper, "customer_id"));
      jsonReader = new JsonContractDeserializer<>(props("major_version=2"), false);
      Map<String, Object> unvalidated = props("major_version=2");
      unvalidated.put("json.fail.invalid.schema", "false");
      jsonUnvalidatedReader = new JsonContractDeserializer<>(unvalidated, false);
      Verify.jsonata(this);
    }

    private static Metadata major(int version) {
      return Metadata.ofProperties(Map.of("major_version", String.valueOf(version)));
    }

    private static Rule migration(String name, RuleMode mode, String expr) {
      return Rule.of(name, RuleKind.TRANSFORM, mode, "JSONATA", expr);
    }

    private Map<String, Object> props(String metadata) {
      Map<String, Object> props = new HashMap<>();
      props.put("schema.registry.url", "mock://" + scope);
      props.put("use.latest.with.metadata", metadata);
      boolean compiled = engine.equals("compiled");
      props.put("jsonata.compiled", String.valueOf(compiled));
      props.put("migration.fast.path", String.valueOf(compiled));
      return props;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      MockContractRegistry.dropScope(scope);
    }
  }

  @Benchmark
  public byte[] rawEncode(Serdes s, AvroBenchmark.RawCodec c) throws IOException {
    return AvroBenchmark.encode(s.rawWriter, s.v2Record, c);
  }

  @Benchmark
  public byte[] serializeWithCondition(Serdes s) {
    return s.checked.serialize(s.conditionTopic, s.v2Record);
  }

  @Benchmark
  public GenericRecord rawDecode(Serdes s, AvroBenchmark.RawCodec c) throws IOException {
    c.decoder = DecoderFactory.get().binaryDecoder(s.rawPayload, c.decoder);
    return s.rawReader.read(null, c.decoder);
  }

  @Benchmark
  public Object deserializeQuotedRename(Serdes s) {
    return s.renameReader.deserialize(s.renameTopic, s.v1Bytes);
  }

  @Benchmark
  public Object deserializeComputedOneHop(Serdes s) {
    return s.splitReader.deserialize(s.splitTopic, s.splitV1Bytes);
  }

  @Benchmark
  public Object deserializeComputedTwoHops(Serdes s) {
    return s.statusReader.deserialize(s.splitTopic, s.splitV1Bytes);
  }

  @Benchmark
  public JsonNode rawJacksonRead(Serdes s) throws IOException {
    return s.mapper.readTree(s.jsonRaw);
  }

  @Benchmark
  public Object deserializeJsonOneHop(Serdes s) {
    return s.jsonReader.deserialize("orders", s.jsonV1Bytes);
  }

  /** The same read without JSON Schema validation ({@code json.fail.invalid.schema=false}, the incumbent's default). */
  @Benchmark
  public Object deserializeJsonOneHopUnvalidated(Serdes s) {
    return s.jsonUnvalidatedReader.deserialize("orders", s.jsonV1Bytes);
  }
}
