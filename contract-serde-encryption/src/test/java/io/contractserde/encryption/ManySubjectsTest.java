package io.contractserde.encryption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.SerdeProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One serializer and one deserializer shared by four threads over twelve topics, each with its own
 * contract, ENCRYPT rule and DEK: more rules than the executor keeps in its slots, taking turns
 * record by record. Every record reads back as written, none carries its plaintext, and a record of
 * one topic read as another's fails (another subject's DEK), so no cipher serves the wrong subject.
 */
class ManySubjectsTest {
  private static final int TOPICS = 12;
  private final String scope = "many-subjects-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
  }

  @Test
  void twelveEncryptedTopicsTakingTurnsOnFourThreadsEachReadBackWithTheirOwnDek() throws Exception {
    MockContractRegistry contracts = MockContractRegistry.scope(scope);
    for (int t = 0; t < TOPICS; t++) {
      contracts.register("topic" + t + "-value", SchemaDefinition.of("AVRO", Vectors.SCHEMA)
          .withRuleSet(RuleSet.ofDomainRules(List.of(Pii.rule("ENCRYPT", "ERROR")))));
    }
    Map<String, Object> props = SerdeProps.props("mock://" + scope, "rule.executors._default_.param.secret", Pii.SECRET);
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false);
        AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> threads = new ArrayList<>();
        for (int thread = 0; thread < 4; thread++) {
          int first = thread;
          threads.add(pool.submit(() -> {
            for (int n = 0; n < 600; n++) {
              int i = first * 1000 + n;
              String topic = "topic" + (n * 5 + first) % TOPICS;
              GenericRecord written = Pii.customer(i);
              byte[] bytes = serializer.serialize(topic, written);
              if (Pii.contains(bytes, Pii.str(written, "ssn")) || Pii.contains(bytes, Pii.str(written, "name"))) {
                throw new AssertionError(topic + ": plaintext of a PII field in the record's bytes");
              }
              GenericRecord read = deserializer.deserialize(topic, bytes);
              assertEquals(Pii.str(written, "ssn"), Pii.str(read, "ssn"), topic);
              assertEquals(Pii.str(written, "name"), Pii.str(read, "name"), topic);
              assertEquals(Pii.card(written), Pii.card(read), topic);
            }
            return null;
          }));
        }
        for (Future<?> f : threads) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      MockDekRegistry keys = MockDekRegistry.scope(scope);
      for (int t = 0; t < TOPICS; t++) {
        assertNotNull(keys.dek("kek1", "topic" + t + "-value", "AES256_GCM", null, false), "topic" + t);
      }
      byte[] ofTopic1 = serializer.serialize("topic1", Pii.customer(1));
      assertFalse(Pii.contains(ofTopic1, "123-45-6790"));
      SerializationException wrongDek = assertThrows(SerializationException.class,
          () -> deserializer.deserialize("topic2", ofTopic1));
      assertFalse(wrongDek.getMessage().contains("123-45"), wrongDek.getMessage());
      assertTrue(wrongDek.getMessage().contains("decryption failed"), wrongDek.getMessage());
    }
  }
}
