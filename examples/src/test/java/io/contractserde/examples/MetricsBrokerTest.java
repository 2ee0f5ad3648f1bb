package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.testing.TestRegistryServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serdes' metrics in a real producer's and consumer's {@code metrics()} (KIP-877 plugin
 * metrics, group {@code plugins}): a known run on a KRaft broker, counted exactly.
 */
class MetricsBrokerTest {
  private static EmbeddedKafka kafka;
  private static TestRegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(2, "accounts");
    registry = TestRegistryServer.start();
    DemoContracts.registerAll(registry);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    kafka.close();
  }

  private static Properties producerProps(String major) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", "io.contractserde.avro.AvroContractSerializer");
    p.put("schema.registry.url", registry.url());
    p.put("use.latest.with.metadata", "major_version=" + major);
    return p;
  }

  /** The value of the plugin metric {@code name} of the serde configured as {@code config}, with these tags. */
  static double plugin(Map<MetricName, ? extends Metric> metrics, String config, String name, String... tags) {
    Map<String, String> wanted = new LinkedHashMap<>();
    wanted.put("config", config);
    for (int i = 0; i < tags.length; i += 2) {
      wanted.put(tags[i], tags[i + 1]);
    }
    double sum = 0;
    boolean found = false;
    for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
      if (e.getKey().group().equals("plugins") && e.getKey().name().equals(name)
          && e.getKey().tags().entrySet().containsAll(wanted.entrySet())) {
        sum += ((Number) e.getValue().metricValue()).doubleValue();
        found = true;
      }
    }
    assertTrue(found, "no plugin metric " + name + " " + wanted);
    return sum;
  }

  @Test
  void aProducersAndAConsumersMetricsShowTheCountsOfAKnownRun() throws Exception {
    Schema v1 = DemoContracts.avroSchema("accounts-value", 1);
    Schema v2 = DemoContracts.avroSchema("accounts-value", 2);
    try (KafkaProducer<String, Object> p1 = new KafkaProducer<>(producerProps("1"));
        KafkaProducer<String, Object> p2 = new KafkaProducer<>(producerProps("2"))) {
      for (int i = 0; i < 10; i++) {
        p1.send(new ProducerRecord<>("accounts", "A-" + i, account(v1, i, "ssn", String.format("%09d", i))));
      }
      for (int i = 10; i < 30; i++) {
        p2.send(new ProducerRecord<>("accounts", "A-" + i, account(v2, i, "national_id", String.format("%09d", i))));
      }
      for (int i = 0; i < 3; i++) {
        GenericRecord badId = account(v2, i, "national_id", "x" + i);
        assertThrows(SerializationException.class, () -> p2.send(new ProducerRecord<>("accounts", "bad", badId)));
      }
      for (int i = 0; i < 4; i++) {
        GenericRecord v1Shape = account(v1, i, "ssn", "000000000");
        assertThrows(SerializationException.class, () -> p2.send(new ProducerRecord<>("accounts", "bad", v1Shape)));
      }
      p1.flush();
      p2.flush();

      Map<MetricName, ? extends Metric> m2 = p2.metrics();
      assertEquals(20, plugin(m2, "value.serializer", "records-written-total"));
      assertEquals(3, plugin(m2, "value.serializer", "records-rejected-by-rule-total"));
      assertEquals(4, plugin(m2, "value.serializer", "records-rejected-by-conformance-total"));
      assertEquals(0, plugin(m2, "value.serializer", "records-dead-lettered-total"));
      assertEquals(3, plugin(m2, "value.serializer", "rule-failures-total", "subject", "accounts-value",
          "rule", "national_id_is_9_digits", "class", "AvroContractSerializer"));
      assertEquals(0, plugin(m2, "value.serializer", "registry-errors-total"));
      assertTrue(plugin(m2, "value.serializer", "registry-requests-total") >= 1);
      Map<MetricName, ? extends Metric> m1 = p1.metrics();
      assertEquals(10, plugin(m1, "value.serializer", "records-written-total"));
      assertEquals(0, plugin(m1, "value.serializer", "records-rejected-by-rule-total"));
    }

    Properties c = new Properties();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    c.put("group.id", "accounts-v2-metrics");
    c.put("auto.offset.reset", "earliest");
    c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    c.put("value.deserializer", "io.contractserde.avro.AvroContractDeserializer");
    c.put("schema.registry.url", registry.url());
    c.put("use.latest.with.metadata", "major_version=2");
    try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(c)) {
      consumer.subscribe(List.of("accounts"));
      int received = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (received < 30 && System.nanoTime() < deadline) {
        received += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertEquals(30, received);
      Map<MetricName, ? extends Metric> m = consumer.metrics();
      assertEquals(30, plugin(m, "value.deserializer", "records-read-total"));
      assertEquals(10, plugin(m, "value.deserializer", "records-migrated-total"));
      assertEquals(10, plugin(m, "value.deserializer", "migrations-total", "subject", "accounts-value",
          "from-version", "1", "to-version", "2", "engine", "resolution"));
      assertEquals(0, plugin(m, "value.deserializer", "records-rejected-by-rule-total"));
      assertEquals(0, plugin(m, "value.deserializer", "registry-errors-total"));
    }
  }

  private static GenericRecord account(Schema schema, int i, String idField, String id) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("account_id", "A-" + i);
    r.put("full_name", "Name " + i);
    r.put(idField, id);
    r.put("email", null);
    r.put("tier", new GenericData.EnumSymbol(schema.getField("tier").schema(), "BASIC"));
    return r;
  }
}
