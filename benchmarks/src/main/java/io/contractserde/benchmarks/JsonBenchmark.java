package io.contractserde.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** JSON Schema: the serde (with validation) against raw Jackson {@code writeValueAsBytes} / {@code readTree}. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class JsonBenchmark {
  static final String V1 = """
      {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
       "properties": {"order_id": {"type": "string"}, "account_id": {"type": "string"},
         "product_id": {"type": "string"}, "product_name": {"type": "string"},
         "quantity": {"type": "integer", "minimum": 1}, "total": {"type": "number", "minimum": 0}},
       "required": ["order_id", "account_id", "product_id", "product_name", "quantity", "total"],
       "additionalProperties": false}""";
  static final String V2 = V1.replace("account_id", "customer_id");

  /** Serdes and documents, shared by all benchmark threads. */
  @State(Scope.Benchmark)
  public static class Serdes {
    final String scope = "bench-json-" + System.nanoTime();
    /** Raw Jackson with the serde's number handling (fractions as exact decimals), so both read the same nodes. */
    final ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
        .build();
    ObjectNode v1Document;
    ObjectNode v2Document;
    byte[] rawPayload;
    JsonContractSerializer<Object> serializer;
    JsonContractDeserializer<Object> v2Reader;
    byte[] v1Bytes;
    byte[] v2Bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      MockContractRegistry registry = MockContractRegistry.scope(scope);
      registry.register("orders-value", SchemaDefinition.of("JSON", V1)
          .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
      registry.register("orders-value", SchemaDefinition.of("JSON", V2)
          .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(
              Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
                  "$merge([$sift($, function($v, $k) {$k != 'account_id'}), {'customer_id': account_id}])"),
              Rule.of("down", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
                  "$merge([$sift($, function($v, $k) {$k != 'customer_id'}), {'account_id': customer_id}])")))));
      v1Document = document("account_id");
      v2Document = document("customer_id");
      serializer = new JsonContractSerializer<>(props("major_version=2"), false);
      v2Reader = new JsonContractDeserializer<>(props("major_version=2"), false);
      v1Bytes = new JsonContractSerializer<>(props("major_version=1"), false).serialize("orders", v1Document);
      v2Bytes = serializer.serialize("orders", v2Document);
      rawPayload = mapper.writeValueAsBytes(v2Document);
      Verify.json(this);
    }

    private ObjectNode document(String accountField) {
      return JsonBenchmark.document(mapper, accountField);
    }

    private Map<String, Object> props(String metadata) {
      Map<String, Object> props = new HashMap<>();
      props.put("schema.registry.url", "mock://" + scope);
      props.put("use.latest.with.metadata", metadata);
      return props;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      MockContractRegistry.dropScope(scope);
    }
  }

  @Benchmark
  public byte[] rawJacksonWrite(Serdes s) throws IOException {
    return s.mapper.writeValueAsBytes(s.v2Document);
  }

  @Benchmark
  public byte[] serializeValidated(Serdes s) {
    return s.serializer.serialize("orders", s.v2Document);
  }

  @Benchmark
  public JsonNode rawJacksonRead(Serdes s) throws IOException {
    return s.mapper.readTree(s.rawPayload);
  }

  @Benchmark
  public Object deserializeValidated(Serdes s) {
    return s.v2Reader.deserialize("orders", s.v2Bytes);
  }

  @Benchmark
  public Object deserializeUpgradeOneHop(Serdes s) {
    return s.v2Reader.deserialize("orders", s.v1Bytes);
  }

  /** An order document whose account field is called {@code accountField}. */
  static ObjectNode document(ObjectMapper mapper, String accountField) {
    ObjectNode n = mapper.createObjectNode();
    n.put("order_id", "O-1001");
    n.put(accountField, "A-77");
    n.put("product_id", "P-9");
    n.put("product_name", "Widget");
    n.put("quantity", 3);
    n.put("total", new BigDecimal("37.5"));
    return n;
  }
}
