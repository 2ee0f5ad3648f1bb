package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.testing.TestRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's accounts contracts encrypt the PII field ({@code ssn} in v1, {@code national_id} in
 * v2) on a real KRaft broker: no record on the topic holds that plaintext anywhere in its bytes; a
 * consumer with the key reads it in clear in either version's shape (the migrations move the
 * encrypted value, the reader's rule decrypts it); a consumer with the wrong key reads the ciphertext.
 */
class EncryptedAccountsBrokerTest {
  private static final String TOPIC = "accounts";
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

  private static Properties props(String major, Object... pairs) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("schema.registry.url", registry.url());
    p.put("use.latest.with.metadata", "major_version=" + major);
    for (int i = 0; i < pairs.length; i += 2) {
      p.put(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void noRecordOnTheTopicHoldsThePlaintextOfATaggedFieldAndReadersWithTheKeySeeItInEitherShape() throws Exception {
    Schema v1 = DemoContracts.avroSchema("accounts-value", 1);
    Schema v2 = DemoContracts.avroSchema("accounts-value", 2);
    Map<String, String> ids = new LinkedHashMap<>();
    Properties producer1 = props("1", "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "io.contractserde.avro.AvroContractSerializer");
    Properties producer2 = (Properties) producer1.clone();
    producer2.put("use.latest.with.metadata", "major_version=2");
    try (KafkaProducer<String, Object> p1 = new KafkaProducer<>(producer1);
        KafkaProducer<String, Object> p2 = new KafkaProducer<>(producer2)) {
      for (int i = 0; i < 4; i++) {
        boolean old = i % 2 == 0;
        String id = String.format("%d%08d", old ? 7 : 8, 1234 + i);
        GenericRecord r = new GenericData.Record(old ? v1 : v2);
        r.put("account_id", "E-" + i);
        r.put("full_name", "Encrypted Person " + i);
        r.put(old ? "ssn" : "national_id", id);
        r.put("email", null);
        r.put("tier", new GenericData.EnumSymbol(v1.getField("tier").schema(), "BASIC"));
        (old ? p1 : p2).send(new ProducerRecord<>(TOPIC, "E-" + i, r)).get();
        ids.put("E-" + i, id);
      }
    }

    List<ConsumerRecord<byte[], byte[]>> raw = consume(props("1", "group.id", "raw",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"), ids.size());
    for (ConsumerRecord<byte[], byte[]> r : raw) {
      String id = ids.get(new String(r.key(), StandardCharsets.UTF_8));
      List<byte[]> parts = new ArrayList<>(List.of(r.key(), r.value()));
      for (Header h : r.headers()) {
        parts.add(h.key().getBytes(StandardCharsets.UTF_8));
        parts.add(h.value());
      }
      for (byte[] part : parts) {
        assertFalse(new String(part, StandardCharsets.ISO_8859_1).contains(id), "plaintext " + id + " on the topic");
      }
      assertTrue(new String(r.value(), StandardCharsets.ISO_8859_1).contains("Encrypted Person"),
          "untagged fields stay in clear, so the scan would see a plaintext");
    }

    for (String major : List.of("1", "2")) {
      String field = major.equals("1") ? "ssn" : "national_id";
      Map<String, GenericRecord> withKey = byKey(consume(props(major, "group.id", "keyed-v" + major,
          "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
          "value.deserializer", "io.contractserde.avro.AvroContractDeserializer"), ids.size()));
      Map<String, GenericRecord> wrongKey = byKey(consume(props(major, "group.id", "wrong-v" + major,
          "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
          "value.deserializer", "io.contractserde.avro.AvroContractDeserializer",
          "rule.executors._default_.param.secret", "not-the-secret"), ids.size()));
      for (Map.Entry<String, String> e : ids.entrySet()) {
        assertEquals(e.getValue(), withKey.get(e.getKey()).get(field).toString(), "v" + major + " reads " + e.getKey());
        String seen = wrongKey.get(e.getKey()).get(field).toString();
        assertNotEquals(e.getValue(), seen, "without the key, v" + major + " reads the ciphertext");
        assertEquals(52, seen.length(), "Base64 of IV, 9 encrypted bytes and tag");
      }
    }
  }

  private static <K, V> List<ConsumerRecord<K, V>> consume(Properties props, int expected) {
    props.put("auto.offset.reset", "earliest");
    List<ConsumerRecord<K, V>> records = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(TOPIC));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertEquals(expected, records.size());
    return records;
  }

  private static Map<String, GenericRecord> byKey(List<ConsumerRecord<String, Object>> records) {
    Map<String, GenericRecord> out = new HashMap<>();
    records.forEach(r -> out.put(r.key(), (GenericRecord) r.value()));
    return out;
  }
}
