package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.testdata.Address;
import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Parcel;
import io.contractserde.avro.testdata.Payment;
import io.contractserde.avro.testdata.Status;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record is written under its contract by name, whatever schema its class or its
 * {@code GenericRecord} was built from: generated enums by symbol (never by their Java ordinal),
 * nested records, union branches and fields in another order by name, logical-type fields through
 * the generated class's own conversions, and fields the record lacks with the contract's defaults.
 * Pinned producers keep working when the owner publishes a compatible minor version.
 */
class AvroWriteByNameTest {
  private static final String STATUS_V2 = "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"NEW\",\"CANCELLED\",\"PAID\"]}";

  private final String scope = "avro-by-name-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private MockContractRegistry registry;

  @BeforeEach
  void open() {
    registry = MockContractRegistry.scope(scope);
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void register(String subject, String schema) {
    registry.register(subject, SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
  }

  private AvroContractSerializer<Object> pinned() {
    return new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false);
  }

  private GenericRecord read(String topic, byte[] bytes) {
    return new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize(topic, bytes);
  }

  private static byte[] payload(byte[] framed) {
    return Arrays.copyOfRange(framed, WireFormat.ID_PREFIX_LENGTH, framed.length);
  }

  private static byte[] write(DatumWriter<Object> writer, Object datum) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    writer.write(datum, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  // --- enums ----------------------------------------------------------------------------------

  @Test
  void aGeneratedEnumIsWrittenByItsNameUnderAContractWhoseSymbolsMoved() {
    register("orders-value", Order.SCHEMA$.toString());
    register("orders-value", Order.SCHEMA$.toString().replace(
        "{\"type\":\"enum\",\"name\":\"Status\",\"symbols\":[\"NEW\",\"PAID\"]}", STATUS_V2));
    byte[] bytes = pinned().serialize("orders", new Order("o-1", 250, Status.PAID));
    GenericRecord read = read("orders", bytes);
    assertEquals("PAID", read.get("status").toString(), "not CANCELLED, the symbol at PAID's Java ordinal");
    assertEquals(3, read.getSchema().getField("status").schema().getEnumSymbols().size(), "written with v2");

    GenericRecord generic = new GenericData.Record(read.getSchema());
    generic.put("id", "o-1");
    generic.put("amount", 250L);
    generic.put("status", new GenericData.EnumSymbol(read.getSchema().getField("status").schema(), "PAID"));
    assertArrayEquals(pinned().serialize("orders", generic), bytes, "the same bytes as the generic record by name");
  }

  @Test
  void everyEnumOfAGeneratedRecordIsWrittenByNameInNestedRecordsUnionsArraysMapsAndAnotherFieldOrder() {
    register("parcels-value", Parcel.SCHEMA$.toString());
    register("parcels-value", """
        {"type":"record","name":"Parcel","namespace":"io.contractserde.avro.testdata","fields":[
          {"name":"last","type":["null",%s]},
          {"name":"byLeg","type":{"type":"map","values":"Status"}},
          {"name":"dest","type":["null",{"type":"record","name":"Address","fields":[
            {"name":"status","type":"Status"},{"name":"street","type":"string"}]}]},
          {"name":"history","type":{"type":"array","items":"Status"}},
          {"name":"status","type":"Status"},
          {"name":"id","type":"string"}]}""".formatted(STATUS_V2));
    Parcel parcel = new Parcel("p-1", Status.PAID, new Address("Main St", Status.PAID), List.of(Status.NEW, Status.PAID),
        Map.of("leg-1", Status.PAID), Status.PAID);
    GenericRecord read = read("parcels", pinned().serialize("parcels", parcel));
    assertEquals("p-1", read.get("id").toString());
    assertEquals("PAID", read.get("status").toString());
    GenericRecord dest = (GenericRecord) read.get("dest");
    assertEquals("Main St", dest.get("street").toString());
    assertEquals("PAID", dest.get("status").toString());
    assertEquals("[NEW, PAID]", read.get("history").toString());
    assertEquals("PAID", ((Map<?, ?>) read.get("byLeg")).values().iterator().next().toString());
    assertEquals("PAID", read.get("last").toString());
  }

  @Test
  void aGeneratedRecordOfTheContractsOwnSchemaIsWrittenByTheSpecificWriterAsItIs() throws IOException {
    register("parcels-value", Parcel.SCHEMA$.toString());
    Parcel parcel = new Parcel("p-2", Status.PAID, null, List.of(Status.PAID), Map.of(), null);
    assertArrayEquals(write(new SpecificDatumWriter<>(Parcel.SCHEMA$), parcel),
        payload(pinned().serialize("parcels", parcel)));
  }

  // --- logical types ---------------------------------------------------------------------------

  private static Payment payment() {
    return new Payment(UUID.fromString("7d2f3c1e-0b5a-4c9e-9f1a-2b3c4d5e6f70"), Instant.ofEpochMilli(1_700_000_000_123L),
        LocalDate.of(2026, 11, 30), new BigDecimal("1234.50"), Instant.ofEpochSecond(1_700_000_100L, 456_000));
  }

  @Test
  void aGeneratedClassWithLogicalTypesIsWrittenThroughItsOwnConversionsAsTheIncumbentWritesIt() throws IOException {
    register("payments-value", Payment.SCHEMA$.toString());
    Payment payment = payment();
    byte[] incumbent = write(new SpecificDatumWriter<>(Payment.SCHEMA$, payment.getSpecificData()), payment);
    assertArrayEquals(incumbent, payload(pinned().serialize("payments", payment)));
    payment.settled = null;
    assertArrayEquals(write(new SpecificDatumWriter<>(Payment.SCHEMA$, payment.getSpecificData()), payment),
        payload(pinned().serialize("payments", payment)));
  }

  @Test
  void aGeneratedClassWithLogicalTypesIsWrittenByNameUnderANewerContract() throws IOException {
    register("payments-value", Payment.SCHEMA$.toString());
    String v2 = Payment.SCHEMA$.toString().replace("\"fields\":[",
        "\"fields\":[{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},");
    register("payments-value", v2);
    Payment payment = payment();
    GenericRecord read = read("payments", pinned().serialize("payments", payment));
    assertNull(read.get("note"));
    assertEquals(payment.ref.toString(), read.get("ref").toString());
    assertEquals(1_700_000_000_123L, read.get("ts"));
    assertEquals((int) payment.day.toEpochDay(), read.get("day"));
    assertEquals(ByteBuffer.wrap(payment.amount.unscaledValue().toByteArray()), read.get("amount"));
    assertEquals(1_700_000_100_000_456L, read.get("settled"));

    Schema v2Schema = new Schema.Parser().parse(v2);
    GenericRecord raw = new GenericData.Record(v2Schema);
    read.getSchema().getFields().forEach(f -> raw.put(f.name(), read.get(f.name())));
    assertArrayEquals(write(new GenericDatumWriter<>(v2Schema), raw), payload(pinned().serialize("payments", payment)));
  }

  @Test
  void aLogicalValueNoConversionKnowsIsStillRejectedNamingTheField() {
    register("payments-value", Payment.SCHEMA$.toString());
    GenericRecord generic = new GenericData.Record(Payment.SCHEMA$);
    Payment p = payment();
    generic.put("ref", p.ref.toString());
    generic.put("ts", p.ts); // a GenericRecord has no class, so no conversions
    generic.put("day", 3);
    generic.put("amount", ByteBuffer.wrap(new byte[] {1}));
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
        () -> pinned().serialize("payments", generic));
    assertEquals("ts", e.fieldPath());
    assertEquals("long (timestamp-millis)", e.expected());
    assertEquals("java.time.Instant", e.actual());
  }

  // --- defaults (a minor version adds an optional field) ---------------------------------------

  @Test
  void aPinnedProducerKeepsWritingWhenTheOwnerAddsAFieldWithADefault() {
    Accounts.register(registry);
    AvroContractSerializer<Object> producer = new AvroContractSerializer<>(
        props(url, "use.latest.with.metadata", "major_version=1"), false);
    GenericRecord before = read(Accounts.TOPIC, producer.serialize(Accounts.TOPIC, Accounts.v1Record(3)));
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V1.replace(
            "{\"name\": \"balance\", \"type\": \"long\", \"default\": 0}",
            "{\"name\": \"balance\", \"type\": \"long\", \"default\": 0},\n"
                + "{\"name\": \"email\", \"type\": [\"null\", \"string\"], \"default\": null},\n"
                + "{\"name\": \"tier\", \"type\": \"string\", \"default\": \"basic\"}"))
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
    AvroContractSerializer<Object> fresh = new AvroContractSerializer<>(
        props(url, "use.latest.with.metadata", "major_version=1"), false);
    GenericRecord after = read(Accounts.TOPIC, fresh.serialize(Accounts.TOPIC, Accounts.v1Record(3)));
    assertEquals(7, after.getSchema().getFields().size(), "written with the new minor version");
    assertNull(after.get("email"));
    assertEquals("basic", after.get("tier").toString());
    for (String field : List.of("id", "name", "ssn", "nickname", "balance")) {
      assertEquals(String.valueOf(before.get(field)), String.valueOf(after.get(field)), field);
    }
  }

  @Test
  void aFieldTheRecordLacksAndTheContractGivesNoDefaultIsStillRejected() {
    register("orders-value", Order.SCHEMA$.toString().replace("\"fields\":[",
        "\"fields\":[{\"name\":\"channel\",\"type\":\"string\"},"));
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
        () -> pinned().serialize("orders", new Order("o-9", 1, Status.NEW)));
    assertEquals("channel", e.fieldPath());
    assertTrue(e.actual().contains("no default"), e.actual());
  }
}
