package io.contractserde.cel;

import static io.contractserde.cel.Customers.customer;
import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.rule.RuleFailedException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One serializer and one deserializer shared by 8 threads, with a CEL condition and a CEL_FIELD
 * condition on write, a CEL_FIELD transform on write and one on read: every record comes back with
 * its own values, and every invalid one is rejected by the rule that should reject it.
 */
class CelConcurrencyTest {
  private static final int THREADS = 8;
  private static final int RECORDS_PER_THREAD = 2_000;
  private final String scope = "cel-concurrency-" + System.nanoTime();

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void eightThreadsSharingOneSerdeOfEachDirectionGetTheirOwnRecords() throws Exception {
    Customers.register(MockContractRegistry.scope(scope), "customers-value",
        Rule.of("adult", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.age >= 18"),
        Rule.of("valid_email", RuleKind.CONDITION, RuleMode.WRITE, "CEL_FIELD", "value.isEmail()").withTags("EMAIL"),
        Rule.of("mask_ssn", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
            "name == 'ssn'; 'XXXXX' + value.substring(5)").withTags("PII"),
        Rule.of("tag_city", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value + '/' + message.street")
            .withTags("LOCATION"));
    String url = "mock://" + scope;
    AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(url), false);
    AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(url), false);

    AtomicInteger checked = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    Concurrently.forEachRecord(THREADS, RECORDS_PER_THREAD, n -> {
      int i = (int) n;
      GenericRecord record = customer(i);
      String expectedRule = null;
      if (i % 10 == 3) {
        record.put("age", 12);
        expectedRule = "adult";
      } else if (i % 10 == 7) {
        record.put("email", "person " + i);
        expectedRule = "valid_email";
      }
      byte[] bytes;
      try {
        bytes = serializer.serialize("customers", record);
      } catch (RuleFailedException e) {
        assertEquals(expectedRule, e.ruleName(), "record " + i);
        rejected.incrementAndGet();
        return;
      }
      assertEquals(null, expectedRule, "record " + i + " was accepted");
      GenericRecord read = deserializer.deserialize("customers", bytes);
      assertEquals("c-" + i, read.get("id").toString());
      assertEquals("XXXXX" + String.format("%09d", i).substring(5), read.get("ssn").toString(), "record " + i);
      assertEquals(String.format("%09d", i), record.get("ssn"), "the caller's record is not modified");
      GenericRecord address = (GenericRecord) read.get("address");
      assertEquals("Springfield/" + i + " Main St", address.get("city").toString(), "record " + i);
      assertEquals("Person" + i + "@Example.com", read.get("email").toString());
      checked.incrementAndGet();
    });
    serializer.close();
    deserializer.close();
    int total = THREADS * RECORDS_PER_THREAD;
    assertEquals(total / 5, rejected.get());
    assertEquals(total - total / 5, checked.get());
  }
}
