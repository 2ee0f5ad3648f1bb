package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.RegistryUnavailableException;
import io.contractserde.testing.TestRegistryServer;
import io.contractserde.wire.WireFormat;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The serdes against the in-test HTTP registry when it fails: outage, slowness, recovery. */
class AvroRegistryFaultsTest {
  private TestRegistryServer server;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
    Accounts.register(server.store());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, Object> props(String major) {
    return Accounts.props(server.url(), "use.latest.with.metadata", "major_version=" + major,
        "latest.cache.ttl.sec", 1, "max.retries", 2, "retries.wait.ms", 20, "retries.max.wait.ms", 50,
        "http.read.timeout.ms", 300);
  }

  @Test
  void anOutageAfterWarmUpFailsNoRecordOfAKnownContract() throws Exception {
    AvroContractSerializer<Object> v1 = new AvroContractSerializer<>(props("1"), false);
    AvroContractDeserializer<GenericRecord> v2 = new AvroContractDeserializer<>(props("2"), false);
    v2.deserialize(TOPIC, v1.serialize(TOPIC, Accounts.v1Record(0)));

    server.available(false);
    long until = System.nanoTime() + Duration.ofMillis(2500).toNanos();
    int records = 0;
    while (System.nanoTime() < until) {
      GenericRecord read = v2.deserialize(TOPIC, v1.serialize(TOPIC, Accounts.v1Record(records)));
      assertEquals(String.format("%09d", records), str(read, "national_id"));
      records++;
      Thread.sleep(2);
    }
    assertTrue(records > 200, records + " records");
    assertTrue(server.requestCount() > 3, "refreshes were tried during the outage");
  }

  @Test
  void anUnknownIdDuringAnOutageFailsClearlyAfterBoundedRetriesAndTime() {
    AvroContractDeserializer<GenericRecord> unpinned = new AvroContractDeserializer<>(
        Accounts.props(server.url(), "max.retries", 2, "retries.wait.ms", 20, "retries.max.wait.ms", 50), false);
    server.available(false);
    long start = System.nanoTime();
    SerializationException e = assertThrows(SerializationException.class,
        () -> unpinned.deserialize(TOPIC, WireFormat.idPrefix(4242)));
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(e instanceof RegistryUnavailableException, e.toString());
    assertTrue(e.getMessage().contains("Schema id 4242") && e.getMessage().contains("3 attempt(s)"), e.getMessage());
    assertTrue(millis < 2000, millis + " ms");
    assertEquals(3, server.requestCount());
  }

  @Test
  void aSlowRegistryIsBoundedByTheTimeouts() {
    AvroContractDeserializer<GenericRecord> unpinned = new AvroContractDeserializer<>(
        Accounts.props(server.url(), "max.retries", 1, "retries.wait.ms", 10, "http.read.timeout.ms", 200), false);
    server.delay(Duration.ofSeconds(3));
    long start = System.nanoTime();
    assertThrows(RegistryUnavailableException.class, () -> unpinned.deserialize(TOPIC, WireFormat.idPrefix(7)));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000);
  }

  @Test
  void theSerdesRecoverWithoutARestart() throws Exception {
    AvroContractSerializer<Object> v2Producer = new AvroContractSerializer<>(props("2"), false);
    AvroContractDeserializer<GenericRecord> v1 = new AvroContractDeserializer<>(props("1"), false);
    v1.deserialize(TOPIC, v2Producer.serialize(TOPIC, Accounts.v2Record(1)));
    server.available(false);
    // A v3 registered while the registry is down cannot be known yet.
    server.store().register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2.replace("\"balance\", \"type\": \"long\", \"default\": 0",
        "\"balance\", \"type\": \"long\", \"default\": 1"))
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "3"))));
    AvroContractSerializer<Object> v3Producer = new AvroContractSerializer<>(props("3"), false);
    assertThrows(SerializationException.class, () -> v3Producer.serialize(TOPIC, Accounts.v2Record(2)));
    server.available(true);
    byte[] fromV3 = v3Producer.serialize(TOPIC, Accounts.v2Record(3));
    assertEquals("000000003", str(v1.deserialize(TOPIC, fromV3), "ssn"), "v3 read as v1 once the registry is back");
  }
}
