package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.registry.MockContractRegistry;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A closed serializer, deserializer or Streams serde says so on every call, whatever its caches
 * still hold; closing twice is harmless, and configuring again opens it.
 */
class AvroCloseTest {
  private final String scope = "avro-close-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @BeforeEach
  void register() {
    Accounts.register(MockContractRegistry.scope(scope));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private static void assertClosed(SerializationException e, String verb) {
    assertTrue(e.getMessage().contains("is closed") && e.getMessage().contains(verb)
        && e.getMessage().contains("topic '" + TOPIC + "'"), e.getMessage());
  }

  @Test
  void aClosedSerializerAndDeserializerFailClearlyEvenWithWarmCaches() {
    Map<String, Object> props = props(url, "use.latest.with.metadata", "major_version=1");
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props, false);
    AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false);
    byte[] bytes = serializer.serialize(TOPIC, Accounts.v1Record(1));
    deserializer.deserialize(TOPIC, bytes);

    serializer.close();
    deserializer.close();
    assertDoesNotThrow(serializer::close, "close is idempotent");
    assertDoesNotThrow(deserializer::close, "close is idempotent");
    assertClosed(assertThrows(SerializationException.class, () -> serializer.serialize(TOPIC, Accounts.v1Record(1))),
        "serialize");
    assertClosed(assertThrows(SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes)),
        "deserialize");

    serializer.configure(props, false);
    deserializer.configure(props, false);
    assertArrayEquals(bytes, serializer.serialize(TOPIC, Accounts.v1Record(1)), "configured again, it works again");
    assertEquals("acc-1", deserializer.deserialize(TOPIC, bytes).get("id").toString());
  }

  @Test
  void aClosedStreamsSerdeFailsClearlyOnBothSides() {
    AvroContractSerde<Object> serde = new AvroContractSerde<>();
    serde.configure(props(url, "use.latest.with.metadata", "major_version=1"), false);
    byte[] bytes = serde.serializer().serialize(TOPIC, Accounts.v1Record(2));
    serde.close();
    assertDoesNotThrow(serde::close);
    assertClosed(assertThrows(SerializationException.class,
        () -> serde.serializer().serialize(TOPIC, Accounts.v1Record(2))), "serialize");
    assertClosed(assertThrows(SerializationException.class,
        () -> serde.deserializer().deserialize(TOPIC, bytes)), "deserialize");
  }
}
