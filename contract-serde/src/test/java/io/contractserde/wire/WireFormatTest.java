package io.contractserde.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.MockContractRegistry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void idPrefixIsMagicZeroAndBigEndianId() {
    assertArrayEquals(new byte[] {0, 0x01, 0x02, 0x03, 0x04}, WireFormat.idPrefix(0x01020304));
    byte[] record = new byte[8];
    WireFormat.writeIdPrefix(record, 0, -2);
    record[5] = 42;
    Frame frame = WireFormat.read("t", false, null, record);
    assertEquals(SchemaId.ofId(-2), frame.schemaId());
    assertEquals(5, frame.offset());
    assertEquals(3, frame.length());
  }

  @Test
  void readsTheGuidPrefix() {
    UUID guid = UUID.randomUUID();
    byte[] payload = {7, 8, 9};
    byte[] record = ByteBuffer.allocate(20).put(WireFormat.guidPrefix(guid)).put(payload).array();
    Frame frame = WireFormat.read("t", false, new RecordHeaders(), record);
    assertEquals(SchemaId.ofGuid(guid), frame.schemaId());
    assertArrayEquals(payload, Arrays.copyOfRange(frame.data(), frame.offset(), frame.offset() + frame.length()));
  }

  @Test
  void theHeaderWinsAndTheWholeValueIsPayload() {
    UUID guid = UUID.randomUUID();
    RecordHeaders headers = new RecordHeaders();
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.idPrefix(3));
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.guidPrefix(guid));
    headers.add(WireFormat.KEY_SCHEMA_ID_HEADER, WireFormat.idPrefix(11));
    byte[] value = {0, 0, 0, 0, 9, 1};
    Frame frame = WireFormat.read("t", false, headers, value);
    assertEquals(SchemaId.ofGuid(guid), frame.schemaId(), "the last header counts");
    assertEquals(0, frame.offset());
    assertEquals(6, frame.length());
    assertEquals(SchemaId.ofId(11), WireFormat.read("t", true, headers, value).schemaId());
  }

  @Test
  void anUnknownMagicByteNamesTopicAndByte() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> WireFormat.read("orders", false, null, new byte[] {0x7b, 0x22, 0, 0, 0, 0}));
    assertTrue(e.getMessage().contains("0x7b") && e.getMessage().contains("'orders'"), e.getMessage());
  }

  @Test
  void aFrameShorterThanItsHeaderIsRejected() {
    SerializationException e = assertThrows(SerializationException.class,
        () -> WireFormat.read("orders", false, null, new byte[] {0, 0, 1}));
    assertTrue(e.getMessage().contains("3 byte(s)") && e.getMessage().contains("5-byte"), e.getMessage());
    e = assertThrows(SerializationException.class, () -> WireFormat.read("orders", true, null, new byte[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("key") && e.getMessage().contains("17-byte"), e.getMessage());
    e = assertThrows(SerializationException.class, () -> WireFormat.read("orders", false, null, new byte[0]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    RecordHeaders headers = new RecordHeaders();
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, new byte[] {0, 1});
    e = assertThrows(SerializationException.class, () -> WireFormat.read("orders", false, headers, new byte[10]));
    assertTrue(e.getMessage().contains("__value_schema_id header"), e.getMessage());
  }

  @Test
  void anIdOrGuidTheRegistryDoesNotKnowNamesTopicAndId() {
    MockContractRegistry registry = new MockContractRegistry("wire-test");
    int id = registry.register("t-value", SchemaDefinition.of("AVRO", "\"string\"")).id();
    byte[] known = WireFormat.idPrefix(id);
    assertEquals("\"string\"", WireFormat.read("t", false, null, known).writerSchema(registry, "t", "t-value").schema());
    ContractNotFoundException e = assertThrows(ContractNotFoundException.class,
        () -> WireFormat.read("t", false, null, WireFormat.idPrefix(4711)).writerSchema(registry, "t", "t-value"));
    assertTrue(e.getMessage().contains("topic 't'") && e.getMessage().contains("schema id 4711"), e.getMessage());
    UUID guid = UUID.randomUUID();
    e = assertThrows(ContractNotFoundException.class,
        () -> WireFormat.read("t", false, null, WireFormat.guidPrefix(guid)).writerSchema(registry, "t", "t-value"));
    assertTrue(e.getMessage().contains(guid.toString()), e.getMessage());
  }
}
