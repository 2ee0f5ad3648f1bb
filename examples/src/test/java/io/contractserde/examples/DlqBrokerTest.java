package io.contractserde.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.testing.TestRegistryServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DLQ action on a real broker: every record rejected by a rule with onFailure DLQ, on write
 * and on read, is in the DLQ with the rule's headers, none is lost, and reading the DLQ back skips
 * the rule that sent the record there. Once with JSONata rules, once with a CEL condition on write
 * and a CEL_FIELD condition on read that finds its field through {@code metadata.tags}.
 */
class DlqBrokerTest {
  static final String SCHEMA = "{\"type\":\"record\",\"name\":\"Payment\",\"fields\":["
      + "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"amount\",\"type\":\"long\"},"
      + "{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafka kafka;
  private static TestRegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, "payments", "payments-dlq", "payments_cel", "payments_cel-dlq");
    registry = TestRegistryServer.start();
    registry.register("payments-value", SchemaDefinition.of("AVRO", SCHEMA)
        .withMetadata(Metadata.ofProperties(Map.of("dlq.topic", "payments-dlq")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(
            Rule.of("amount_positive", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "amount > 0")
                .withActions(null, "DLQ"),
            Rule.of("no_flagged_notes", RuleKind.CONDITION, RuleMode.READ, "JSONATA",
                "note = null or $not($contains(note.string, 'flagged'))").withActions(null, "DLQ")))));
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>(Map.of("**.note", new TreeSet<>(List.of("FREE_TEXT"))));
    registry.register("payments_cel-value", SchemaDefinition.of("AVRO", SCHEMA)
        .withMetadata(new Metadata(tags, new TreeMap<>(Map.of("dlq.topic", "payments_cel-dlq")), null))
        .withRuleSet(RuleSet.ofDomainRules(List.of(
            Rule.of("amount_positive", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.amount > 0")
                .withActions(null, "DLQ"),
            // A null note is visited too (typed NULL), as the Java incumbent does: the condition lets it pass.
            Rule.of("no_flagged_notes", RuleKind.CONDITION, RuleMode.READ, "CEL_FIELD",
                "typeName == 'NULL' || !value.contains('flagged')")
                .withTags("FREE_TEXT").withActions(null, "DLQ")))));
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    kafka.close();
  }

  private static Properties clientProps() {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("schema.registry.url", registry.url());
    p.put("dlq.auto.flush", "true");
    return p;
  }

  @ParameterizedTest(name = "rules on topic {0}")
  @ValueSource(strings = {"payments", "payments_cel"})
  void everyRejectedRecordIsInTheDlqAndNoneIsLost(String topic) throws Exception {
    String dlqTopic = topic + "-dlq";
    Schema schema = new Schema.Parser().parse(SCHEMA);
    Properties producerProps = clientProps();
    producerProps.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    producerProps.put("value.serializer", "io.contractserde.avro.AvroContractSerializer");
    Set<String> rejectedOnWrite = new HashSet<>();
    Set<String> written = new HashSet<>();
    try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerProps)) {
      for (int i = 0; i < 300; i++) {
        String id = "p-" + i;
        long amount = i % 10 == 0 ? -i : i + 1;
        String note = i % 7 == 0 ? "flagged by fraud" : i % 2 == 0 ? "ok" : null;
        GenericRecord r = new GenericData.Record(schema);
        r.put("id", id);
        r.put("amount", amount);
        r.put("note", note);
        try {
          producer.send(new ProducerRecord<>(topic, id, r)).get();
          written.add(id);
        } catch (RuleFailedException e) {
          assertEquals("amount_positive", e.ruleName());
          rejectedOnWrite.add(id);
        }
      }
    }
    assertEquals(30, rejectedOnWrite.size());

    Properties consumerProps = clientProps();
    consumerProps.put("group.id", topic + "-reader");
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    consumerProps.put("value.deserializer", "io.contractserde.avro.AvroContractDeserializer");
    Set<String> read = new HashSet<>();
    int rejectedOnRead = 0;
    try (KafkaConsumer<String, GenericRecord> consumer = new KafkaConsumer<>(consumerProps)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (read.size() + rejectedOnRead < written.size() && System.nanoTime() < deadline) {
        try {
          for (ConsumerRecord<String, GenericRecord> r : consumer.poll(Duration.ofMillis(200))) {
            read.add(r.key());
          }
        } catch (RecordDeserializationException e) {
          assertTrue(e.getCause() instanceof RuleFailedException, e.toString());
          rejectedOnRead++;
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
    }
    long flaggedWritten = written.stream().filter(id -> Integer.parseInt(id.substring(2)) % 7 == 0).count();
    assertEquals(flaggedWritten, rejectedOnRead);
    assertEquals(written.size(), read.size() + rejectedOnRead, "every written record was read or rejected");

    // The consumer may deserialize a failing record more than once (it retries on the next poll),
    // so a read-path rejection can be in the DLQ more than once: what matters is that none is missing.
    List<ConsumerRecord<byte[], byte[]>> dlq = readAll(dlqTopic, rejectedOnWrite.size() + rejectedOnRead);
    Set<String> expectedFromRead = new HashSet<>(written);
    expectedFromRead.removeIf(id -> Integer.parseInt(id.substring(2)) % 7 != 0);
    Set<String> dlqFromRead = new HashSet<>();
    io.contractserde.avro.AvroContractDeserializer<GenericRecord> rereader =
        new io.contractserde.avro.AvroContractDeserializer<>(Map.of("schema.registry.url", registry.url()), false);
    List<byte[]> rawFromRead = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : dlq) {
      String rule = header(r, "__rule.name");
      assertEquals(topic + "-value", header(r, "__rule.subject"));
      assertEquals(topic, header(r, "__rule.topic"));
      assertNotNull(header(r, "__rule.exception"));
      if (rule.equals("amount_positive")) {
        assertEquals("WRITE", header(r, "__rule.mode"));
        JsonNode value = JSON.readTree(r.value());
        assertTrue(rejectedOnWrite.remove(value.get("id").asText()), "each write rejection is in the DLQ once: " + value);
        assertTrue(value.get("amount").asLong() <= 0);
      } else {
        assertEquals("no_flagged_notes", rule);
        assertEquals("READ", header(r, "__rule.mode"));
        assertEquals(0, r.value()[0], "the read-path DLQ value is the raw framed record");
        dlqFromRead.add(rereader.deserialize(topic, r.headers(), r.value()).get("id").toString());
        rawFromRead.add(r.value());
      }
    }
    assertTrue(rejectedOnWrite.isEmpty(), "every write rejection is in the DLQ");
    assertEquals(expectedFromRead, dlqFromRead, "every read rejection is in the DLQ");

    // Reading the DLQ back with the same deserializer skips the rule that sent the record there.
    Properties dlqReaderProps = clientProps();
    dlqReaderProps.put("group.id", topic + "-dlq-reader");
    dlqReaderProps.put("auto.offset.reset", "earliest");
    dlqReaderProps.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
    dlqReaderProps.put("value.deserializer", "io.contractserde.avro.AvroContractDeserializer");
    try (KafkaConsumer<byte[], Object> consumer = new KafkaConsumer<>(dlqReaderProps)) {
      TopicPartition partition = new TopicPartition(dlqTopic, 0);
      consumer.assign(List.of(partition));
      int reread = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (reread < rawFromRead.size() && System.nanoTime() < deadline) {
        try {
          for (ConsumerRecord<byte[], Object> r : consumer.poll(Duration.ofMillis(200))) {
            GenericRecord record = (GenericRecord) r.value();
            assertTrue(record.get("note").toString().contains("flagged"));
            reread++;
          }
        } catch (RecordDeserializationException e) {
          // a write-path DLQ record is JSON, not a framed record: skip it
          consumer.seek(e.topicPartition(), e.offset() + 1);
        }
      }
      assertEquals(rawFromRead.size(), reread);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("group.id", topic + "-check");
    p.put("auto.offset.reset", "earliest");
    p.put("key.deserializer", ByteArrayDeserializer.class.getName());
    p.put("value.deserializer", ByteArrayDeserializer.class.getName());
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      long quiet = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quiet)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
        if (out.size() >= expected && quiet == Long.MAX_VALUE) {
          quiet = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        }
      }
    }
    return out;
  }
}
