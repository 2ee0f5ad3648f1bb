package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.rule.RuleFailedException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One serializer and one deserializer of each version shared by 8 threads, with a JSONata CONDITION
 * on write and JSONata migrations on read: every record must come back with its own values.
 */
class AvroConcurrencyTest {
  private static final int THREADS = 8;
  private static final int RECORDS_PER_THREAD = 5_000;
  private final String scope = "avro-concurrency-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void eightThreadsSharingOneSerdeOfEachDirectionGetTheirOwnRecords() throws Exception {
    Accounts.register(MockContractRegistry.scope(scope));
    String url = "mock://" + scope;
    AvroContractSerializer<Object> v1Producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    AvroContractSerializer<Object> v2Producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);
    AvroContractDeserializer<GenericRecord> v1Consumer = new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
    AvroContractDeserializer<GenericRecord> v2Consumer = new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false);

    AtomicInteger checked = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Concurrently.forEachRecord(THREADS, RECORDS_PER_THREAD, n -> {
      int i = (int) n;
      boolean v1 = i % 2 == 0;
      GenericRecord record = v1 ? Accounts.v1Record(i) : Accounts.v2Record(i);
      boolean invalid = i % 10 == 3;
      if (invalid) {
        record.put(v1 ? "ssn" : "national_id", "bad");
      }
      byte[] bytes;
      try {
        bytes = (v1 ? v1Producer : v2Producer).serialize(TOPIC, record);
      } catch (RuleFailedException e) {
        if (!invalid) {
          throw new AssertionError("record " + i + " rejected wrongly: " + e.getMessage(), e);
        }
        rejected.incrementAndGet();
        return;
      }
      if (invalid) {
        throw new AssertionError("invalid record " + i + " was accepted");
      }
      String id = String.format("%09d", i);
      GenericRecord asV1 = v1Consumer.deserialize(TOPIC, bytes);
      GenericRecord asV2 = v2Consumer.deserialize(TOPIC, bytes);
      assertEquals(id, str(asV1, "ssn"), "record " + i);
      assertEquals(id, str(asV2, "national_id"), "record " + i);
      assertEquals("acc-" + i, str(asV1, "id"), "record " + i);
      assertEquals("acc-" + i, str(asV2, "id"), "record " + i);
      assertEquals(i % 2 == 0 ? null : "nick" + i, str(asV2, "nickname"), "record " + i);
      assertEquals((long) i * 100, asV1.get("balance"), "record " + i);
      checked.incrementAndGet();
    });
    int total = THREADS * RECORDS_PER_THREAD;
    assertEquals(total / 10, rejected.get());
    assertEquals(total - total / 10, checked.get());
  }
}
