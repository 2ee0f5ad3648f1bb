package io.contractserde.encryption;

import static io.contractserde.encryption.Pii.customer;
import static io.contractserde.encryption.Pii.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.encryption.dek.Dek;
import io.contractserde.encryption.dek.DekRegistry;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.testing.SerdeProps;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DEKs over their life: created by the first write, cached with their decrypted key (one KMS call per
 * DEK version, not per record, and again after {@code cache.expiry.secs}), rotated after
 * {@code encrypt.dek.expiry.days}, still readable in every version, and one DEK when many threads or
 * producers race to create it.
 */
class KeyLifecycleTest {
  private final String scope = "lifecycle-" + System.nanoTime();
  private final String keyId = "key-" + scope;
  private final MockContractRegistry contracts = MockContractRegistry.scope(scope);
  private final MockDekRegistry keys = MockDekRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
    MockDekRegistry.dropScope(scope);
  }

  private Map<String, Object> props(Object... pairs) {
    Map<String, Object> props = SerdeProps.props("mock://" + scope, pairs);
    props.putIfAbsent("rule.executors._default_.param.secret", Pii.SECRET);
    return props;
  }

  @Test
  void theFirstWriteCreatesKekAndDekAndTheKmsIsCalledOncePerDekVersionNotPerRecord() {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR", "encrypt.kms.type", CountingKmsDriver.TYPE,
        "encrypt.kms.key.id", keyId));
    List<byte[]> written = new ArrayList<>();
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(), false)) {
      for (int i = 0; i < 50; i++) {
        written.add(serializer.serialize(Pii.TOPIC, customer(i)));
      }
    }
    assertEquals(1, CountingKmsDriver.wraps(keyId), "one DEK wrapped");
    assertEquals(0, CountingKmsDriver.unwraps(keyId), "the writer keeps the DEK it made");
    assertEquals(CountingKmsDriver.TYPE, keys.kek("kek1", false).kmsType());
    Dek dek = keys.dek("kek1", Pii.SUBJECT, "AES256_GCM", null, false);
    assertEquals(1, dek.version());
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
      for (int i = 0; i < 50; i++) {
        assertEquals("123-45-" + (6789 + i), str(deserializer.deserialize(Pii.TOPIC, written.get(i)), "ssn"));
      }
    }
    assertEquals(1, CountingKmsDriver.unwraps(keyId), "a reader unwraps the DEK once");
  }

  @Test
  void aDekOlderThanTheExpiryDaysIsRotatedAndEveryVersionStaysReadable() {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    keys.createKek(io.contractserde.encryption.dek.Kek.of("kek1", "local-kms", "mykey"));
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR", "encrypt.dek.expiry.days", "1"));
    Map<String, Object> props = props("rule.executors._default_.param.clock", clock);
    List<byte[]> written = new ArrayList<>();
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
      written.add(serializer.serialize(Pii.TOPIC, customer(1)));
      written.add(serializer.serialize(Pii.TOPIC, customer(2)));
      clock.advance(Duration.ofHours(25));
      written.add(serializer.serialize(Pii.TOPIC, customer(3)));
      clock.advance(Duration.ofHours(12));
      written.add(serializer.serialize(Pii.TOPIC, customer(4)));
    }
    int[] expectedVersions = {1, 1, 2, 2};
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
      for (int i = 0; i < written.size(); i++) {
        assertEquals(expectedVersions[i], ByteBuffer.wrap(prefixOfCard(written.get(i))).getInt(1), "record " + i);
        GenericRecord read = deserializer.deserialize(Pii.TOPIC, written.get(i));
        assertEquals("Alice-" + (i + 1), str(read, "name"));
        assertEquals("card-" + (i + 1), Pii.card(read));
      }
    }
    assertEquals(2, keys.dek("kek1", Pii.SUBJECT, "AES256_GCM", DekRegistry.LATEST, false).version());
  }

  @Test
  void aCachedDekIsFetchedAndUnwrappedAgainOnceCacheExpirySecsHavePassedAndNotBefore() {
    MutableClock clock = new MutableClock(1_700_000_000_000L);
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR", "encrypt.kms.type", CountingKmsDriver.TYPE,
        "encrypt.kms.key.id", keyId));
    Map<String, Object> props = props("rule.executors._default_.param.clock", clock,
        "rule.executors._default_.param.cache.expiry.secs", "60");
    List<byte[]> written = new ArrayList<>();
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
      written.add(serializer.serialize(Pii.TOPIC, customer(1)));
      clock.advance(Duration.ofSeconds(59));
      written.add(serializer.serialize(Pii.TOPIC, customer(2)));
      assertEquals(0, CountingKmsDriver.unwraps(keyId), "the writer keeps the DEK it made for 60 s");
      clock.advance(Duration.ofSeconds(2));
      written.add(serializer.serialize(Pii.TOPIC, customer(3)));
      assertEquals(1, CountingKmsDriver.unwraps(keyId), "then fetches it again and unwraps it");
      written.add(serializer.serialize(Pii.TOPIC, customer(4)));
      assertEquals(1, CountingKmsDriver.unwraps(keyId), "and keeps it again");
    }
    assertEquals(1, CountingKmsDriver.wraps(keyId), "one DEK");
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
      assertEquals("Alice-1", str(deserializer.deserialize(Pii.TOPIC, written.get(0)), "name"));
      clock.advance(Duration.ofSeconds(59));
      assertEquals("Alice-2", str(deserializer.deserialize(Pii.TOPIC, written.get(1)), "name"));
      assertEquals(2, CountingKmsDriver.unwraps(keyId), "a reader unwraps the DEK once per 60 s");
      clock.advance(Duration.ofSeconds(2));
      assertEquals("Alice-3", str(deserializer.deserialize(Pii.TOPIC, written.get(2)), "name"));
      assertEquals("Alice-4", str(deserializer.deserialize(Pii.TOPIC, written.get(3)), "name"));
      assertEquals(3, CountingKmsDriver.unwraps(keyId), "and again after them");
    }
  }

  /** The card field's first 5 bytes, found through the deserializer with rules disabled. */
  private byte[] prefixOfCard(byte[] record) {
    try (AvroContractDeserializer<GenericRecord> raw = new AvroContractDeserializer<>(
        props("rule.executors._ENCRYPT_.disabled", true), false)) {
      GenericRecord r = raw.deserialize(Pii.TOPIC, record);
      byte[] card = IncumbentVectorsTest.bytes(r.get("card"));
      byte[] name = Base64.getDecoder().decode(str(r, "name"));
      assertEquals(ByteBuffer.wrap(card, 0, 5), ByteBuffer.wrap(name, 0, 5), "one DEK version per record");
      return java.util.Arrays.copyOf(card, 5);
    }
  }

  @Test
  void producersRacingToCreateTheFirstDekEndWithOneAndEveryRecordReadable() throws Exception {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR"));
    List<byte[]> written = new CopyOnWriteArrayList<>();
    // Eight producers, each with its own serializer, executor and caches: only the registry is shared.
    Concurrently.forEachRecord(8, 1, i -> {
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(), false)) {
        for (int n = 0; n < 5; n++) {
          written.add(serializer.serialize(Pii.TOPIC, customer((int) i * 10 + n)));
        }
      }
    });
    assertEquals(40, written.size());
    assertEquals(1, keys.dek("kek1", Pii.SUBJECT, "AES256_GCM", DekRegistry.LATEST, false).version());
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
      for (byte[] record : written) {
        assertTrue(str(deserializer.deserialize(Pii.TOPIC, record), "name").startsWith("Alice-"));
      }
    }
  }

  private Object raw(byte[] bytes) {
    try (AvroContractDeserializer<GenericRecord> raw = new AvroContractDeserializer<>(
        props("rule.executors._ENCRYPT_.disabled", true), false)) {
      return raw.deserialize(Pii.TOPIC, bytes);
    }
  }

  @Test
  void oneSerializerSharedByEightThreadsEncryptsEveryRecordWithItsOwnValues() throws Exception {
    Pii.register(contracts, Pii.rule("ENCRYPT", "ERROR", "encrypt.dek.algorithm", "AES256_SIV"));
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(), false);
        AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(), false)) {
      Concurrently.forEachRecord(8, 200, n -> {
        int i = (int) n;
        byte[] bytes = serializer.serialize(Pii.TOPIC, customer(i));
        GenericRecord read = deserializer.deserialize(Pii.TOPIC, bytes);
        assertEquals("123-45-" + (6789 + i), str(read, "ssn"));
        assertEquals("Alice-" + i, str(read, "name"));
        assertNotEquals("Alice-" + i, str(((GenericRecord) raw(bytes)), "name"));
      });
    }
  }
}
