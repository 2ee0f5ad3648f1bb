package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.metrics.SerdeMetric;
import io.contractserde.testing.TestRegistryServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The serdes' metrics in a Kafka {@link Metrics} registry, handed over as a producer or consumer
 * does (KIP-877 plugin metrics, after {@code configure}): the counts of a known run, per rule and
 * per migration, registry requests, cache hits and stale answers during an outage; a second
 * {@code configure} keeps counting; a key and a value serde of one class live side by side.
 */
class AvroMetricsTest {
  private TestRegistryServer server;
  private Metrics metrics;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
    Accounts.register(server.store());
    metrics = new Metrics();
  }

  @AfterEach
  void stop() {
    metrics.close();
    server.close();
  }

  private PluginMetricsImpl plugin(String config, String className) {
    return new PluginMetricsImpl(metrics, Map.of("config", config, "class", className));
  }

  private double value(String config, String name, String... tags) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("config", config);
    for (int i = 0; i < tags.length; i += 2) {
      wanted.put(tags[i], tags[i + 1]);
    }
    for (Map.Entry<MetricName, ? extends org.apache.kafka.common.Metric> e : metrics.metrics().entrySet()) {
      if (e.getKey().name().equals(name) && e.getKey().group().equals("plugins")
          && e.getKey().tags().entrySet().containsAll(wanted.entrySet())) {
        return ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    throw new AssertionError("no metric " + name + " " + wanted + " in " + metrics.metrics().keySet());
  }

  private Map<String, Object> props(String major, Object... more) {
    Object[] all = new Object[more.length + 2];
    all[0] = "use.latest.with.metadata";
    all[1] = "major_version=" + major;
    System.arraycopy(more, 0, all, 2, more.length);
    return Accounts.props(server.url(), all);
  }

  @Test
  void aKnownRunIsCountedExactlyByOutcomeRuleAndMigration() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props("1"), false);
    serializer.withPluginMetrics(plugin("value.serializer", "AvroContractSerializer"));
    List<byte[]> written = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(serializer.serialize(TOPIC, Accounts.v1Record(i)));
    }
    for (int i = 0; i < 3; i++) {
      GenericRecord bad = Accounts.v1Record(i);
      bad.put("ssn", "12");
      assertThrows(SerializationException.class, () -> serializer.serialize(TOPIC, bad));
    }
    for (int i = 0; i < 2; i++) {
      GenericRecord wrongType = Accounts.v1Record(i);
      wrongType.put("balance", "a lot");
      assertThrows(SerializationException.class, () -> serializer.serialize(TOPIC, wrongType));
    }
    int serializerRequests = server.requestCount();

    AvroContractDeserializer<GenericRecord> fast = new AvroContractDeserializer<>(props("2"), false);
    fast.withPluginMetrics(plugin("value.deserializer", "AvroContractDeserializer"));
    AvroContractDeserializer<GenericRecord> interpreted = new AvroContractDeserializer<>(
        props("2", "migration.fast.path", false), false);
    // Another consumer's deserializer: the same tags but for config, as Kafka would give a second client.
    interpreted.withPluginMetrics(plugin("value.deserializer.2", "AvroContractDeserializer"));
    for (byte[] bytes : written) {
      fast.deserialize(TOPIC, bytes);
    }
    for (byte[] bytes : written.subList(0, 2)) {
      interpreted.deserialize(TOPIC, bytes);
    }

    assertEquals(5, value("value.serializer", "records-written-total"));
    assertEquals(3, value("value.serializer", "records-rejected-by-rule-total"));
    assertEquals(2, value("value.serializer", "records-rejected-by-conformance-total"));
    assertEquals(0, value("value.serializer", "records-dead-lettered-total"));
    assertEquals(3, value("value.serializer", "rule-failures-total", "subject", "accounts-value",
        "rule", "ssn_has_9_digits"));
    assertEquals(serializerRequests, value("value.serializer", "registry-requests-total"));
    assertTrue(serializerRequests > 0);
    assertEquals(0, value("value.serializer", "registry-errors-total"));

    assertEquals(5, value("value.deserializer", "records-read-total"));
    assertEquals(5, value("value.deserializer", "records-migrated-total"));
    assertEquals(5, value("value.deserializer", "migrations-total", "subject", "accounts-value",
        "from-version", "1", "to-version", "2", "engine", "resolution"));
    assertEquals(2, value("value.deserializer.2", "migrations-total", "subject", "accounts-value",
        "from-version", "1", "to-version", "2", "engine", "interpreted"));
    assertEquals(2, value("value.deserializer.2", "records-read-total"));
    assertTrue(value("value.deserializer", "registry-request-latency-max") > 0);
  }

  @Test
  void aComputedMigrationCountsAsCompiledUnlessTheInterpreterIsForced() {
    String scope = "metrics-engine-" + System.nanoTime();
    io.contractserde.registry.MockContractRegistry registry = io.contractserde.registry.MockContractRegistry.scope(scope);
    try {
      String v1 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
      String v2 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"first\",\"type\":\"string\"},"
          + "{\"name\":\"last\",\"type\":\"string\"}]}";
      registry.register("people-value", io.contractserde.contract.SchemaDefinition.of("AVRO", v1)
          .withMetadata(io.contractserde.contract.Metadata.ofProperties(Map.of("major_version", "1"))));
      registry.register("people-value", io.contractserde.contract.SchemaDefinition.of("AVRO", v2)
          .withMetadata(io.contractserde.contract.Metadata.ofProperties(Map.of("major_version", "2")))
          .withRuleSet(new io.contractserde.contract.RuleSet(List.of(
              io.contractserde.contract.Rule.of("split", io.contractserde.contract.RuleKind.TRANSFORM,
                  io.contractserde.contract.RuleMode.UPGRADE, "JSONATA",
                  "{'first': $substringBefore(name, ' '), 'last': $substringAfter(name, ' ')}")), List.of(), null, null)));
      Map<String, Object> v1Props = Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=1");
      org.apache.avro.generic.GenericData.Record ada =
          new org.apache.avro.generic.GenericData.Record(new org.apache.avro.Schema.Parser().parse(v1));
      ada.put("name", "Ada Lovelace");
      byte[] written = new AvroContractSerializer<>(v1Props, false).serialize("people", ada);

      AvroContractDeserializer<GenericRecord> compiled = new AvroContractDeserializer<>(
          Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=2"), false);
      compiled.withPluginMetrics(plugin("value.deserializer", "AvroContractDeserializer"));
      AvroContractDeserializer<GenericRecord> interpreted = new AvroContractDeserializer<>(
          Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=2", "jsonata.compiled", false), false);
      interpreted.withPluginMetrics(plugin("value.deserializer.2", "AvroContractDeserializer"));

      assertEquals("Lovelace", compiled.deserialize("people", written).get("last").toString());
      assertEquals("Lovelace", interpreted.deserialize("people", written).get("last").toString());
      assertEquals(1, value("value.deserializer", "migrations-total", "subject", "people-value",
          "from-version", "1", "to-version", "2", "engine", "compiled"));
      assertEquals(1, value("value.deserializer.2", "migrations-total", "subject", "people-value",
          "from-version", "1", "to-version", "2", "engine", "interpreted"));
    } finally {
      io.contractserde.registry.MockContractRegistry.dropScope(scope);
    }
  }

  /**
   * A record re-read from a DLQ names the rule that sent it there: that READ rule is skipped, and
   * the migration runs through the rule engine (so a rule it names could be skipped too) instead of
   * as schema resolution, still compiled, with the interpreter's answer.
   */
  @Test
  void aRecordReReadFromADlqSkipsTheNamedRuleAndMigratesCompiled() {
    String scope = "metrics-dlq-" + System.nanoTime();
    io.contractserde.registry.MockContractRegistry registry = io.contractserde.registry.MockContractRegistry.scope(scope);
    try {
      String v1 = "{\"type\":\"record\",\"name\":\"Person\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"},"
          + "{\"name\":\"ssn\",\"type\":\"string\"}]}";
      String v2 = v1.replace("\"ssn\"", "\"national_id\"");
      String v3 = v2.replace("{\"name\":\"name\",\"type\":\"string\"}",
          "{\"name\":\"first\",\"type\":\"string\"},{\"name\":\"last\",\"type\":\"string\"}");
      io.contractserde.contract.Rule rejectAll = io.contractserde.contract.Rule.of("reject_all",
          io.contractserde.contract.RuleKind.CONDITION, io.contractserde.contract.RuleMode.READ, "JSONATA", "false");
      registry.register("people-value", io.contractserde.contract.SchemaDefinition.of("AVRO", v1)
          .withMetadata(io.contractserde.contract.Metadata.ofProperties(Map.of("major_version", "1"))));
      registry.register("people-value", io.contractserde.contract.SchemaDefinition.of("AVRO", v2)
          .withMetadata(io.contractserde.contract.Metadata.ofProperties(Map.of("major_version", "2")))
          .withRuleSet(new io.contractserde.contract.RuleSet(List.of(io.contractserde.contract.Rule.of("rename",
              io.contractserde.contract.RuleKind.TRANSFORM, io.contractserde.contract.RuleMode.UPGRADE, "JSONATA",
              "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.'ssn'}])")), List.of(rejectAll),
              null, null)));
      registry.register("people-value", io.contractserde.contract.SchemaDefinition.of("AVRO", v3)
          .withMetadata(io.contractserde.contract.Metadata.ofProperties(Map.of("major_version", "3")))
          .withRuleSet(new io.contractserde.contract.RuleSet(List.of(io.contractserde.contract.Rule.of("split",
              io.contractserde.contract.RuleKind.TRANSFORM, io.contractserde.contract.RuleMode.UPGRADE, "JSONATA",
              "$merge([$sift($, function($v, $k) {$k != 'name'}), {'first': $substringBefore(name, ' '),"
                  + " 'last': $substringAfter(name, ' ')}])")), List.of(rejectAll), null, null)));
      org.apache.avro.generic.GenericData.Record ada =
          new org.apache.avro.generic.GenericData.Record(new org.apache.avro.Schema.Parser().parse(v1));
      ada.put("name", "Ada Lovelace");
      ada.put("ssn", "123-45-6789");
      byte[] written = new AvroContractSerializer<>(
          Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=1"), false).serialize("people", ada);
      org.apache.kafka.common.header.internals.RecordHeaders fromDlq = new org.apache.kafka.common.header.internals.RecordHeaders();
      fromDlq.add(io.contractserde.rule.RuleEngine.RULE_NAME_HEADER,
          "reject_all".getBytes(java.nio.charset.StandardCharsets.UTF_8));

      for (String major : List.of("2", "3")) {
        AvroContractDeserializer<GenericRecord> compiled = new AvroContractDeserializer<>(
            Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=" + major), false);
        String config = "value.deserializer.v" + major;
        compiled.withPluginMetrics(plugin(config, "AvroContractDeserializer"));
        AvroContractDeserializer<GenericRecord> interpreted = new AvroContractDeserializer<>(
            Accounts.props("mock://" + scope, "use.latest.with.metadata", "major_version=" + major,
                "jsonata.compiled", false, "migration.fast.path", false), false);

        SerializationException rejected = assertThrows(SerializationException.class,
            () -> compiled.deserialize("people", new org.apache.kafka.common.header.internals.RecordHeaders(), written));
        assertTrue(rejected.getMessage().contains("reject_all"), rejected.getMessage());
        GenericRecord reread = compiled.deserialize("people", fromDlq, written);
        assertEquals(interpreted.deserialize("people", fromDlq, written), reread);
        assertEquals("123-45-6789", reread.get("national_id").toString());
        if (major.equals("3")) {
          assertEquals("Lovelace", reread.get("last").toString());
        }
        // The rename alone runs as resolution, except on the DLQ re-read, which goes through the rules, compiled.
        boolean renameOnly = major.equals("2");
        if (renameOnly) {
          assertEquals(1, value(config, "migrations-total", "subject", "people-value",
              "from-version", "1", "to-version", major, "engine", "resolution"));
        }
        assertEquals(renameOnly ? 1 : 2, value(config, "migrations-total", "subject", "people-value",
            "from-version", "1", "to-version", major, "engine", "compiled"));
      }
    } finally {
      io.contractserde.registry.MockContractRegistry.dropScope(scope);
    }
  }

  @Test
  void everyMetricOfTheCatalogIsRegisteredOnTheSideItBelongsTo() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props("1"), false);
    serializer.withPluginMetrics(plugin("value.serializer", "AvroContractSerializer"));
    AvroContractSerializer<Object> keys = new AvroContractSerializer<>(props("1"), true);
    keys.withPluginMetrics(plugin("key.serializer", "AvroContractSerializer"));
    for (SerdeMetric metric : SerdeMetric.values()) {
      if (metric.tags().isEmpty() && metric.side() != SerdeMetric.Side.DESERIALIZER
          && metric.metricName().endsWith("-total")) {
        assertEquals(0, value("value.serializer", metric.metricName()), metric.metricName());
        assertEquals(0, value("key.serializer", metric.metricName()), metric.metricName());
      }
    }
    assertThrows(AssertionError.class, () -> value("value.serializer", "records-read-total"));
  }

  @Test
  void countsSurviveASecondConfigureAndCloseTwiceIsHarmless() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props("1"), false);
    serializer.withPluginMetrics(plugin("value.serializer", "AvroContractSerializer"));
    serializer.serialize(TOPIC, Accounts.v1Record(1));
    serializer.configure(props("1"), false);
    serializer.serialize(TOPIC, Accounts.v1Record(2));
    assertEquals(2, value("value.serializer", "records-written-total"));
    serializer.close();
    serializer.close();
  }

  @Test
  void cacheHitsAndStaleAnswersDuringAnOutageAreCounted() throws InterruptedException {
    AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(
        props("2", "latest.cache.ttl.sec", 1, "max.retries", 0, "retries.wait.ms", 10), false);
    reader.withPluginMetrics(plugin("value.deserializer", "AvroContractDeserializer"));
    AvroContractSerializer<Object> writer = new AvroContractSerializer<>(props("1"), false);
    byte[] bytes = writer.serialize(TOPIC, Accounts.v1Record(1));
    reader.deserialize(TOPIC, bytes);

    server.available(false);
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (value("value.deserializer", "registry-stale-answers-total") == 0 && System.nanoTime() < until) {
      assertEquals("000000001", Accounts.str(reader.deserialize(TOPIC, bytes), "national_id"));
      Thread.sleep(50);
    }
    assertTrue(value("value.deserializer", "registry-stale-answers-total") >= 1);
    assertTrue(value("value.deserializer", "registry-errors-total") >= 1);
    assertTrue(value("value.deserializer", "registry-cache-hits-total") >= 1);
  }
}
