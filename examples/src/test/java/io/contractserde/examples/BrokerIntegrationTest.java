package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.TestRegistryServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serdes on a real KRaft broker, configured as a user configures them (class names in
 * properties), against the in-test HTTP registry holding the demo's contracts.
 */
class BrokerIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafka kafka;
  private static TestRegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    registry = TestRegistryServer.start();
    DemoContracts.registerAll(registry);
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    kafka.close();
  }

  private static Properties producerProps(String serializer, String major) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    p.put("value.serializer", serializer);
    p.put("schema.registry.url", registry.url());
    p.put("use.latest.with.metadata", "major_version=" + major);
    p.put("linger.ms", "5");
    return p;
  }

  private static Properties consumerProps(String deserializer, String group, String major) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("group.id", group);
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    p.put("value.deserializer", deserializer);
    p.put("schema.registry.url", registry.url());
    p.put("use.latest.with.metadata", "major_version=" + major);
    return p;
  }

  private static <V> Map<String, V> consumeAll(Properties props, String topic, int expected) {
    Map<String, V> byKey = new HashMap<>();
    int received = 0;
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
          received++;
          if (byKey.put(r.key(), r.value()) != null) {
            throw new AssertionError("record " + r.key() + " received twice");
          }
        }
        if (received >= expected && quietUntil == Long.MAX_VALUE) {
          // keep polling a little: a duplicate or an extra record would show up now
          quietUntil = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
      }
    }
    assertEquals(expected, received, "records received by " + props.get("group.id"));
    return byKey;
  }

  @Test
  void tenThousandAccountsFromBothProducersReachBothConsumerGroupsInTheirOwnShape() throws Exception {
    String topic = "accounts";
    kafka.createTopics(3, topic);
    Schema v1 = DemoContracts.avroSchema("accounts-value", 1);
    Schema v2 = DemoContracts.avroSchema("accounts-value", 2);
    int total = 10_000;
    int rejectedShape = 0;
    int rejectedRule = 0;
    String serializer = "io.contractserde.avro.AvroContractSerializer";
    try (KafkaProducer<String, Object> p1 = new KafkaProducer<>(producerProps(serializer, "1"));
        KafkaProducer<String, Object> p2 = new KafkaProducer<>(producerProps(serializer, "2"))) {
      Future<RecordMetadata> last = null;
      for (int i = 0; i < total; i++) {
        boolean fromV1 = i % 3 != 0;
        last = (fromV1 ? p1 : p2).send(new ProducerRecord<>(topic, key(i), account(fromV1 ? v1 : v2, i, fromV1)));
        if (i % 100 == 0) {
          int n = i;
          SerializationException shape = assertThrows(SerializationException.class,
              () -> p1.send(new ProducerRecord<>(topic, "bad-shape-" + n, account(v2, n, false))));
          assertInstanceOf(NonConformingRecordException.class, shape);
          rejectedShape++;
          GenericRecord badSsn = account(v2, n, false);
          badSsn.put("national_id", "x" + n);
          SerializationException rule = assertThrows(SerializationException.class,
              () -> p2.send(new ProducerRecord<>(topic, "bad-rule-" + n, badSsn)));
          assertTrue(rule instanceof RuleFailedException && rule.getMessage().contains("national_id_is_9_digits"),
              rule.getMessage());
          rejectedRule++;
        }
      }
      p1.flush();
      p2.flush();
      last.get();
    }
    assertEquals(100, rejectedShape);
    assertEquals(100, rejectedRule);

    String deserializer = "io.contractserde.avro.AvroContractDeserializer";
    Map<String, GenericRecord> asV1 = consumeAll(consumerProps(deserializer, "accounts-v1-view", "1"), topic, total);
    Map<String, GenericRecord> asV2 = consumeAll(consumerProps(deserializer, "accounts-v2-view", "2"), topic, total);
    for (int i = 0; i < total; i++) {
      GenericRecord one = asV1.get(key(i));
      GenericRecord two = asV2.get(key(i));
      assertEquals(v1, one.getSchema(), key(i));
      assertEquals(v2, two.getSchema(), key(i));
      assertEquals(nationalId(i), one.get("ssn").toString(), key(i));
      assertEquals(nationalId(i), two.get("national_id").toString(), key(i));
      assertEquals("Name " + i, one.get("full_name").toString(), key(i));
      assertEquals(email(i), one.get("email") == null ? null : one.get("email").toString(), key(i));
      assertEquals(tier(i), two.get("tier").toString(), key(i));
    }
    assertTrue(asV1.keySet().stream().noneMatch(k -> k.startsWith("bad-")), "no rejected record reached the topic");
  }

  @Test
  void jsonOrdersFromBothProducersReachAConsumerPinnedToV2() throws Exception {
    String topic = "enriched_orders";
    kafka.createTopics(2, topic);
    int total = 1_000;
    String serializer = "io.contractserde.json.JsonContractSerializer";
    try (KafkaProducer<String, Object> p1 = new KafkaProducer<>(producerProps(serializer, "1"));
        KafkaProducer<String, Object> p2 = new KafkaProducer<>(producerProps(serializer, "2"))) {
      for (int i = 0; i < total; i++) {
        (i % 2 == 0 ? p1 : p2).send(new ProducerRecord<>(topic, "O-" + i, order(i, i % 2 == 0 ? "account_id" : "customer_id")));
      }
      ObjectNode leaky = order(-1, "customer_id");
      leaky.put("internal_margin", 0.3);
      assertThrows(SerializationException.class, () -> p2.send(new ProducerRecord<>(topic, "O-leaky", leaky)));
      p1.flush();
      p2.flush();
    }
    Map<String, JsonNode> asV2 = consumeAll(consumerProps("io.contractserde.json.JsonContractDeserializer",
        "orders-v2-view", "2"), topic, total);
    for (int i = 0; i < total; i++) {
      assertEquals(order(i, "customer_id"), asV2.get("O-" + i), "O-" + i);
    }
  }

  private static String key(int i) {
    return "A-" + i;
  }

  private static String nationalId(int i) {
    return String.format("%09d", i);
  }

  private static String email(int i) {
    return i % 4 == 0 ? null : "user" + i + "@example.com";
  }

  private static String tier(int i) {
    return i % 7 == 0 ? "GOLD" : "BASIC";
  }

  private static GenericRecord account(Schema schema, int i, boolean v1) {
    GenericRecord r = new GenericData.Record(schema);
    r.put("account_id", key(i));
    r.put("full_name", "Name " + i);
    r.put(v1 ? "ssn" : "national_id", nationalId(i));
    r.put("email", email(i));
    r.put("tier", new GenericData.EnumSymbol(schema.getField("tier").schema(), tier(i)));
    return r;
  }

  private static ObjectNode order(int i, String accountField) {
    ObjectNode n = JSON.createObjectNode();
    n.put("order_id", "O-" + i);
    n.put(accountField, "A-" + i);
    n.put("product_id", "P-" + (i % 10));
    n.put("product_name", "Widget " + (i % 10));
    n.put("quantity", 1 + i % 4);
    n.put("total", BigDecimal.valueOf(2.5 * (1 + i % 4)));
    return n;
  }
}
