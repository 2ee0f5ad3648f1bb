package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.testing.TestRegistryServer;
import io.contractserde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Schema ids on write and read as the incumbent's 8.x serdes place them: the GUID header of
 * {@code HeaderSchemaIdSerializer} with an unframed payload, {@code use.schema.guid}, and the three
 * id deserializers (Dual, Prefix, Config), against the in-test HTTP registry.
 */
class AvroSchemaIdsTest {
  private static final String HEADER = "io.confluent.kafka.serializers.schema.id.HeaderSchemaIdSerializer";
  private TestRegistryServer server;
  private List<RegisteredSchema> versions;

  @BeforeEach
  void start() {
    server = TestRegistryServer.start();
    versions = Accounts.register(server.store());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, Object> props(Object... pairs) {
    Object[] all = new Object[pairs.length + 2];
    all[0] = "use.latest.with.metadata";
    all[1] = "major_version=1";
    System.arraycopy(pairs, 0, all, 2, pairs.length);
    return Accounts.props(server.url(), all);
  }

  private static byte[] rawAvro(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static UUID guidOfHeader(Header header) {
    ByteBuffer b = ByteBuffer.wrap(header.value());
    assertEquals(WireFormat.MAGIC_GUID, b.get());
    return new UUID(b.getLong(), b.getLong());
  }

  @Test
  void theHeaderSerializerWritesTheGuidInTheValueHeaderAndLeavesThePayloadUnframed() throws IOException {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props("value.schema.id.serializer", HEADER), false);
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serializer.serialize(TOPIC, headers, Accounts.v1Record(7));

    assertArrayEquals(rawAvro(Accounts.v1Record(7)), bytes);
    Header header = headers.lastHeader("__value_schema_id");
    assertEquals(17, header.value().length);
    assertEquals(UUID.fromString(versions.get(0).guid()), guidOfHeader(header));
    assertNull(headers.lastHeader("__key_schema_id"));
  }

  @Test
  void aRecordWithHeaderIdsIsReadByAReaderThatOnlyUnderstandsHeaders() throws IOException {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props("value.schema.id.serializer", "HeaderSchemaIdSerializer"), false);
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serializer.serialize(TOPIC, headers, Accounts.v1Record(3));

    // A header-only reader: the GUID from the header, the schema by GUID over REST, the payload as it is.
    UUID guid = guidOfHeader(headers.lastHeader("__value_schema_id"));
    RegisteredSchema writer = new io.contractserde.registry.rest.RestContractRegistry(
        new io.contractserde.config.ContractSerdeConfig(Accounts.props(server.url()))).byGuid(guid.toString());
    Schema schema = new Schema.Parser().parse(writer.schema());
    GenericRecord read = new GenericDatumReader<GenericRecord>(schema)
        .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    assertEquals("000000003", str(read, "ssn"));

    // And the default (Dual) deserializer reads it too, migrating to v2 like any other record.
    AvroContractDeserializer<GenericRecord> v2 = new AvroContractDeserializer<>(
        Accounts.props(server.url(), "use.latest.with.metadata", "major_version=2"), false);
    assertEquals("000000003", str(v2.deserialize(TOPIC, headers, bytes), "national_id"));
  }

  @Test
  void aRecordWrittenByAHeaderOnlyWriterIsReadByTheDefaultDeserializer() throws IOException {
    RecordHeaders headers = new RecordHeaders();
    headers.add("__value_schema_id", WireFormat.guidPrefix(UUID.fromString(versions.get(1).guid())));
    byte[] payload = rawAvro(Accounts.v2Record(5));

    AvroContractDeserializer<GenericRecord> v1 = new AvroContractDeserializer<>(props(), false);
    assertEquals("000000005", str(v1.deserialize(TOPIC, headers, payload), "ssn"));
  }

  @Test
  void theHeaderIsNotAddedTwiceWhenItAlreadyHoldsTheSameId() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props("value.schema.id.serializer", HEADER), false);
    RecordHeaders headers = new RecordHeaders();
    serializer.serialize(TOPIC, headers, Accounts.v1Record(1));
    serializer.serialize(TOPIC, headers, Accounts.v1Record(2));
    assertEquals(1, headers.toArray().length);
  }

  @Test
  void keysCarryTheirGuidInTheKeyHeader() {
    server.store().register("accounts-key", Accounts.v1());
    AvroContractSerializer<Object> keys = new AvroContractSerializer<>(
        props("key.schema.id.serializer", HEADER), true);
    RecordHeaders headers = new RecordHeaders();
    keys.serialize(TOPIC, headers, Accounts.v1Record(1));
    assertEquals(UUID.fromString(server.store().latest("accounts-key").guid()),
        guidOfHeader(headers.lastHeader("__key_schema_id")));
    assertNull(headers.lastHeader("__value_schema_id"));
  }

  @Test
  void theHeaderSerializerWithoutHeadersFailsNamingTheSetting() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props("value.schema.id.serializer", HEADER), false);
    SerializationException e = assertThrows(SerializationException.class,
        () -> serializer.serialize(TOPIC, Accounts.v1Record(1)));
    assertEquals("Missing headers: value.schema.id.serializer=HeaderSchemaIdSerializer writes the schema id of"
        + " values for topic 'accounts' in a header, but the record has no headers to write it to", e.getMessage());
  }

  @Test
  void thePrefixSerializerByNameWritesTheClassicPrefix() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props("value.schema.id.serializer", "io.confluent.kafka.serializers.schema.id.PrefixSchemaIdSerializer"), false);
    RecordHeaders headers = new RecordHeaders();
    byte[] bytes = serializer.serialize(TOPIC, headers, Accounts.v1Record(1));
    assertArrayEquals(WireFormat.idPrefix(versions.get(0).id()), java.util.Arrays.copyOf(bytes, 5));
    assertEquals(0, headers.toArray().length);
  }

  @Test
  void useSchemaGuidPinsTheContractToWriteWith() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        Accounts.props(server.url(), "use.schema.guid", versions.get(0).guid()), false);
    byte[] bytes = serializer.serialize(TOPIC, Accounts.v1Record(1));
    assertArrayEquals(WireFormat.idPrefix(versions.get(0).id()), java.util.Arrays.copyOf(bytes, 5));
    // v1's WRITE condition runs: a malformed ssn fails.
    GenericRecord bad = Accounts.v1Record(1);
    bad.put("ssn", "12");
    assertThrows(SerializationException.class, () -> serializer.serialize(TOPIC, bad));
  }

  @Test
  void thePrefixDeserializerIgnoresTheHeader() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(), false);
    byte[] bytes = serializer.serialize(TOPIC, Accounts.v1Record(4));
    RecordHeaders headers = new RecordHeaders();
    headers.add("__value_schema_id", WireFormat.guidPrefix(UUID.randomUUID()));

    AvroContractDeserializer<GenericRecord> prefixOnly = new AvroContractDeserializer<>(Accounts.props(server.url(),
        "value.schema.id.deserializer", "io.confluent.kafka.serializers.schema.id.PrefixSchemaIdDeserializer"), false);
    assertEquals("000000004", str(prefixOnly.deserialize(TOPIC, headers, bytes), "ssn"));
    AvroContractDeserializer<GenericRecord> dual = new AvroContractDeserializer<>(Accounts.props(server.url()), false);
    assertThrows(SerializationException.class, () -> dual.deserialize(TOPIC, headers, bytes),
        "the default deserializer takes the header first, as the incumbent's DualSchemaIdDeserializer does");
  }

  @Test
  void theConfigDeserializerReadsTheWholeValueAsWrittenWithTheConfiguredSchema() throws IOException {
    AvroContractDeserializer<GenericRecord> configured = new AvroContractDeserializer<>(Accounts.props(server.url(),
        "value.schema.id.deserializer", "ConfigSchemaIdDeserializer", "use.schema.id", versions.get(1).id()), false);
    assertEquals("000000006", str(configured.deserialize(TOPIC, rawAvro(Accounts.v2Record(6))), "national_id"));

    AvroContractDeserializer<GenericRecord> byGuid = new AvroContractDeserializer<>(Accounts.props(server.url(),
        "value.schema.id.deserializer", "ConfigSchemaIdDeserializer", "use.schema.guid", versions.get(0).guid()), false);
    assertEquals("000000006", str(byGuid.deserialize(TOPIC, rawAvro(Accounts.v1Record(6))), "ssn"));
  }

  @Test
  void unknownIdSerdeNamesFailAtConfigure() {
    ConfigException e = assertThrows(ConfigException.class, () -> new AvroContractSerializer<>(
        props("value.schema.id.serializer", "com.example.MySchemaIdSerializer"), false));
    assertTrue(e.getMessage().contains("expected PrefixSchemaIdSerializer or HeaderSchemaIdSerializer"), e.getMessage());
    ConfigException noId = assertThrows(ConfigException.class, () -> new AvroContractDeserializer<>(
        Accounts.props(server.url(), "value.schema.id.deserializer", "ConfigSchemaIdDeserializer"), false));
    assertTrue(noId.getMessage().contains("set one of them"), noId.getMessage());
  }
}
