package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.testdata.Payment;
import io.contractserde.avro.testdata.Shipment;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.reflect.ReflectData;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each kind of Avro data, as the incumbent reads and writes it: generic records with
 * {@code avro.use.logical.type.converters} (Java types for logical types, both ways), generated
 * classes read through their own data model and into {@code specific.avro.value.type} /
 * {@code specific.avro.key.type}, and POJOs with {@code schema.reflection}; with conformance checks,
 * JSONata rules (which see logical values as their underlying values) and migrations on each.
 */
class AvroDatumKindsTest {
  static final String READING = """
      {"type":"record","name":"Reading","namespace":"io.contractserde.kinds","fields":[
        {"name":"ref","type":{"type":"string","logicalType":"uuid"}},
        {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"micros","type":["null",{"type":"long","logicalType":"timestamp-micros"}],"default":null},
        {"name":"day","type":{"type":"int","logicalType":"date"}},
        {"name":"at","type":{"type":"int","logicalType":"time-millis"}},
        {"name":"local","type":{"type":"long","logicalType":"local-timestamp-millis"}},
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""";
  static final Schema READING_SCHEMA = new Schema.Parser().parse(READING);
  static final UUID REF = UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427");
  static final Instant TS = Instant.ofEpochMilli(1_700_000_000_123L);
  static final Instant MICROS = Instant.ofEpochSecond(1_700_000_000L, 456_789_000L);
  static final LocalDate DAY = LocalDate.of(2022, 1, 8); // 19000 days after the epoch
  static final LocalTime AT = LocalTime.of(12, 30, 15, 250_000_000);
  static final LocalDateTime LOCAL = LocalDateTime.of(2024, 2, 29, 23, 59, 58, 7_000_000);
  static final BigDecimal AMOUNT = new BigDecimal("1234.56");
  static final String POJO_SCHEMA = ReflectData.get().getSchema(Shipment.class).toString();

  private final String scope = "avro-kinds-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void register(String subject, String schema, String major, Rule... rules) {
    SchemaDefinition definition = SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", major)));
    registry.register(subject, rules.length == 0 ? definition : definition.withRuleSet(RuleSet.ofDomainRules(List.of(rules))));
  }

  private byte[] write(String topic, Object value, Object... pairs) {
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url, pairs), false)) {
      return serializer.serialize(topic, value);
    }
  }

  private Object read(String topic, byte[] bytes, Object... pairs) {
    try (AvroContractDeserializer<Object> deserializer = new AvroContractDeserializer<>(props(url, pairs), false)) {
      return deserializer.deserialize(topic, bytes);
    }
  }

  static GenericRecord javaReading() {
    GenericRecord r = new GenericData.Record(READING_SCHEMA);
    r.put("ref", REF);
    r.put("ts", TS);
    r.put("micros", MICROS);
    r.put("day", DAY);
    r.put("at", AT);
    r.put("local", LOCAL);
    r.put("amount", AMOUNT);
    return r;
  }

  /** The same reading in Avro's underlying values, converted by hand. */
  static GenericRecord rawReading() {
    GenericRecord r = new GenericData.Record(READING_SCHEMA);
    r.put("ref", REF.toString());
    r.put("ts", TS.toEpochMilli());
    r.put("micros", MICROS.getEpochSecond() * 1_000_000 + MICROS.getNano() / 1_000);
    r.put("day", (int) DAY.toEpochDay());
    r.put("at", (int) (AT.toNanoOfDay() / 1_000_000));
    r.put("local", LOCAL.toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
    r.put("amount", ByteBuffer.wrap(AMOUNT.unscaledValue().toByteArray()));
    return r;
  }

  private static byte[] rawAvro(GenericRecord record) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(record.getSchema(), GenericData.get()).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private static byte[] payload(byte[] framed) {
    return Arrays.copyOfRange(framed, WireFormat.ID_PREFIX_LENGTH, framed.length);
  }

  // --- generic records and avro.use.logical.type.converters ---

  @Test
  void withConvertersAGenericRecordOfJavaTypesIsWrittenAsItsUnderlyingValuesAndReadBackAsJavaTypes()
      throws IOException {
    register("readings-value", READING, "1");
    byte[] bytes = write("readings", javaReading(), "avro.use.logical.type.converters", true);
    assertArrayEquals(rawAvro(rawReading()), payload(bytes), "the same bytes as the underlying values");

    GenericRecord read = (GenericRecord) read("readings", bytes, "avro.use.logical.type.converters", true);
    assertEquals(REF, read.get("ref"));
    assertEquals(TS, read.get("ts"));
    assertEquals(MICROS, read.get("micros"));
    assertEquals(DAY, read.get("day"));
    assertEquals(AT, read.get("at"));
    assertEquals(LOCAL, read.get("local"));
    assertEquals(AMOUNT, read.get("amount"));

    GenericRecord raw = (GenericRecord) read("readings", bytes);
    assertEquals(19000, raw.get("day"), "without the key, a date is its days");
    assertEquals(TS.toEpochMilli(), raw.get("ts"));
  }

  @Test
  void withoutConvertersAGenericRecordOfJavaTypesIsRejectedNamingTheField() {
    register("readings-value", READING, "1");
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
        () -> write("readings", javaReading()));
    assertEquals("ref", e.fieldPath(), e.getMessage());
    assertEquals("java.util.UUID", e.actual(), e.getMessage());
  }

  @Test
  void withConvertersAJavaValueOfTheWrongLogicalTypeIsRejectedNamingTheField() {
    register("readings-value", READING, "1");
    GenericRecord wrong = javaReading();
    wrong.put("day", TS); // an Instant where a date belongs
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
        () -> write("readings", wrong, "avro.use.logical.type.converters", true));
    assertEquals("day", e.fieldPath(), e.getMessage());
  }

  @Test
  void aJsonataRuleSeesConvertedLogicalValuesAsTheirUnderlyingValues() {
    register("readings-value", READING, "1", Rule.of("underlying", RuleKind.CONDITION, RuleMode.WRITEREAD, "JSONATA",
        "day = 19000 and ts = " + TS.toEpochMilli() + " and micros.long = " + (MICROS.getEpochSecond() * 1_000_000 + 456_789)
            + " and $type(ref) = 'string' and at = " + AT.toNanoOfDay() / 1_000_000));
    byte[] bytes = write("readings", javaReading(), "avro.use.logical.type.converters", true);
    GenericRecord read = (GenericRecord) read("readings", bytes, "avro.use.logical.type.converters", true);
    assertEquals(DAY, read.get("day"));

    GenericRecord other = javaReading();
    other.put("day", DAY.plusDays(1));
    assertThrows(RuleFailedException.class,
        () -> write("readings", other, "avro.use.logical.type.converters", true));
  }

  @Test
  void aJsonataTransformOnReadHandsBackJavaTypesWithConverters() {
    register("readings-value", READING, "1", Rule.of("next_day", RuleKind.TRANSFORM, RuleMode.READ, "JSONATA",
        "$merge([$, {'day': day + 1}])"));
    byte[] bytes = write("readings", rawReading());
    GenericRecord read = (GenericRecord) read("readings", bytes, "avro.use.logical.type.converters", true);
    assertEquals(DAY.plusDays(1), read.get("day"));
    assertEquals(TS, read.get("ts"));
    assertEquals(AMOUNT, read.get("amount"));
  }

  // --- generated classes: their own model, specific.avro.*.type ---

  static Payment payment() {
    return new Payment(REF, TS, DAY, AMOUNT, MICROS);
  }

  @Test
  void aGeneratedClassWithANullableTimestampIsReadThroughItsOwnModel() {
    register("payments-value", Payment.SCHEMA$.toString(), "1");
    Payment read = assertInstanceOf(Payment.class,
        read("payments", write("payments", payment()), "specific.avro.reader", true));
    assertEquals(MICROS, read.settled);
    assertEquals(TS, read.ts);
    assertEquals(DAY, read.day);
    assertEquals(AMOUNT, read.amount);
    assertEquals(REF, read.ref);
  }

  @Test
  void aJsonataRuleSeesAGeneratedClasssLogicalFieldsAsTheirUnderlyingValues() {
    register("payments-value", Payment.SCHEMA$.toString(), "1", Rule.of("underlying", RuleKind.CONDITION,
        RuleMode.WRITE, "JSONATA", "day = 19000 and ts = " + TS.toEpochMilli()));
    write("payments", payment());
    Payment late = payment();
    late.day = DAY.plusDays(3);
    assertThrows(RuleFailedException.class, () -> write("payments", late));
  }

  @Test
  @SuppressWarnings("unchecked")
  void fieldLevelRulesSeeAGeneratedClasssNullableTimestampAsItsMicrosAndRebuildTheClass() {
    FieldShape shape = AvroFieldShapes.of(Payment.SCHEMA$, TagPatterns.NONE, AvroDatumKinds.DEFAULT);
    Map<String, Object> values = (Map<String, Object>) RuleValues.toRuleValue(shape, payment(), (type, v) -> v);
    assertEquals(MICROS.getEpochSecond() * 1_000_000 + 456_789, values.get("settled"));
    assertEquals(19000, values.get("day"));
    assertEquals(REF.toString(), values.get("ref"));

    Map<String, Object> later = new HashMap<>(values);
    later.put("settled", MICROS.getEpochSecond() * 1_000_000 + 456_790);
    Payment rebuilt = assertInstanceOf(Payment.class, RuleValues.fromRuleValue(shape, later, payment()));
    assertEquals(MICROS.plusNanos(1_000), rebuilt.settled);
    assertEquals(AMOUNT, rebuilt.amount);
  }

  static final String PAYMENT_V1 = """
      {"type":"record","name":"Payment","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"ref","type":{"type":"string","logicalType":"uuid"}},
        {"name":"paid_at","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"day","type":{"type":"int","logicalType":"date"}},
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""";

  @ParameterizedTest(name = "migration.fast.path={0}")
  @ValueSource(booleans = {true, false})
  void aV1RecordIsMigratedIntoTheGeneratedV2ClassWithItsLogicalTypes(boolean fastPath) {
    register("payments-value", PAYMENT_V1, "1");
    registry.register("payments-value", SchemaDefinition.of("AVRO", Payment.SCHEMA$.toString())
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(RuleSet.ofMigrationRules(List.of(
            Rule.of("paid_at_to_ts", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
                "$merge([$sift($, function($v, $k) {$k != 'paid_at'}), {'ts': $.paid_at}])"),
            Rule.of("ts_to_paid_at", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
                "$merge([$sift($, function($v, $k) {$k != 'ts'}), {'paid_at': $.ts}])")))));
    GenericRecord v1 = new GenericData.Record(new Schema.Parser().parse(PAYMENT_V1));
    v1.put("ref", REF);
    v1.put("paid_at", TS);
    v1.put("day", DAY);
    v1.put("amount", AMOUNT);
    byte[] bytes = write("payments", v1, "use.latest.with.metadata", "major_version=1",
        "avro.use.logical.type.converters", true);

    Payment read = assertInstanceOf(Payment.class, read("payments", bytes, "specific.avro.reader", true,
        "use.latest.with.metadata", "major_version=2", "migration.fast.path", fastPath));
    assertEquals(TS, read.ts);
    assertEquals(DAY, read.day);
    assertEquals(AMOUNT, read.amount);
    assertEquals(REF, read.ref);
    assertNull(read.settled);
  }

  static final String LEGACY = Payment.SCHEMA$.toString()
      .replace("\"name\":\"Payment\",\"namespace\":\"io.contractserde.avro.testdata\"",
          "\"name\":\"LegacyPayment\",\"namespace\":\"com.acme.legacy\"");

  @Test
  void specificAvroValueTypeReadsEveryValueIntoTheConfiguredClassWhateverItsRecordName() {
    assertTrue(LEGACY.contains("LegacyPayment"), LEGACY);
    register("payments-value", LEGACY, "1");
    GenericRecord legacy = new GenericData.Record(new Schema.Parser().parse(LEGACY));
    legacy.put("ref", REF.toString());
    legacy.put("ts", TS.toEpochMilli());
    legacy.put("day", (int) DAY.toEpochDay());
    legacy.put("amount", ByteBuffer.wrap(AMOUNT.unscaledValue().toByteArray()));
    byte[] bytes = write("payments", legacy);

    assertInstanceOf(GenericRecord.class, read("payments", bytes, "specific.avro.reader", true),
        "no class is named com.acme.legacy.LegacyPayment");
    Payment read = assertInstanceOf(Payment.class, read("payments", bytes, "specific.avro.reader", true,
        "specific.avro.value.type", Payment.class));
    assertEquals(TS, read.ts);
    assertEquals(DAY, read.day);
    assertEquals(AMOUNT, read.amount);
    Payment byName = assertInstanceOf(Payment.class, read("payments", bytes, "specific.avro.reader", true,
        "specific.avro.value.type", Payment.class.getName()));
    assertEquals(REF, byName.ref);
    assertInstanceOf(GenericRecord.class, read("payments", bytes, "specific.avro.reader", true,
        "specific.avro.key.type", Payment.class), "the key type is for keys");
  }

  @Test
  void specificAvroKeyTypeReadsEveryKeyIntoTheConfiguredClass() {
    register("payments-key", LEGACY, "1");
    GenericRecord legacy = new GenericData.Record(new Schema.Parser().parse(LEGACY));
    legacy.put("ref", REF.toString());
    legacy.put("ts", TS.toEpochMilli());
    legacy.put("day", (int) DAY.toEpochDay());
    legacy.put("amount", ByteBuffer.wrap(AMOUNT.unscaledValue().toByteArray()));
    byte[] bytes;
    try (AvroContractSerializer<Object> keys = new AvroContractSerializer<>(props(url), true)) {
      bytes = keys.serialize("payments", legacy);
    }
    try (AvroContractDeserializer<Object> keys = new AvroContractDeserializer<>(props(url, "specific.avro.reader", true,
        "specific.avro.key.type", Payment.class), true)) {
      assertEquals(DAY, assertInstanceOf(Payment.class, keys.deserialize("payments", bytes)).day);
    }
  }

  @Test
  void aTypeThatIsNotAGeneratedClassFailsAtConfigure() {
    ConfigException e = assertThrows(ConfigException.class, () -> new AvroContractDeserializer<>(
        props(url, "specific.avro.reader", true, "specific.avro.value.type", Shipment.class), false));
    assertTrue(e.getMessage().contains("specific.avro.value.type"), e.getMessage());
    assertTrue(e.getMessage().contains("SpecificRecord"), e.getMessage());
  }

  @Test
  void theTypeIsIgnoredWithoutSpecificAvroReaderAsByTheIncumbent() {
    register("payments-value", Payment.SCHEMA$.toString(), "1");
    assertInstanceOf(GenericData.Record.class,
        read("payments", write("payments", payment()), "specific.avro.value.type", Payment.class));
  }

  // --- POJOs and schema.reflection ---

  static Shipment shipment() {
    return new Shipment("s-1", 3, List.of("fragile", "express"), DAY);
  }

  @Test
  void aPojoIsWrittenWithItsReflectedSchemaAndReadBackAsThatClass() {
    Object[] reflect = {"schema.reflection", true, "avro.use.logical.type.converters", true};
    byte[] bytes = write("shipments", shipment(), "schema.reflection", true, "avro.use.logical.type.converters", true,
        "auto.register.schemas", true);
    assertEquals(new Schema.Parser().parse(POJO_SCHEMA), new Schema.Parser().parse(
        registry.latest("shipments-value").schema()), "the registered schema is ReflectData's");

    Shipment read = assertInstanceOf(Shipment.class, read("shipments", bytes, reflect));
    assertEquals("s-1", read.id);
    assertEquals(3, read.quantity);
    assertEquals(List.of("fragile", "express"), read.tags.stream().map(Object::toString).toList());
    assertEquals(DAY, read.shipped);

    GenericRecord generic = (GenericRecord) read("shipments", bytes);
    assertEquals(19000, generic.get("shipped"));
    assertEquals("s-1", generic.get("id").toString());
  }

  @Test
  void withoutSchemaReflectionAPojoIsRefusedWithAHint() {
    register("shipments-value", POJO_SCHEMA, "1");
    Exception e = assertThrows(org.apache.kafka.common.errors.SerializationException.class,
        () -> write("shipments", shipment()));
    assertTrue(e.getMessage().contains("schema.reflection=true"), e.getMessage());
  }

  @Test
  void aPojoIsCheckedAgainstTheContractByNameAndWrittenWithItsDefaults() {
    String withCarrier = POJO_SCHEMA.replace("\"fields\":[",
        "\"fields\":[{\"name\":\"carrier\",\"type\":\"string\",\"default\":\"post\"},");
    register("shipments-value", withCarrier, "1");
    Object[] pinned = {"schema.reflection", true, "avro.use.logical.type.converters", true,
        "use.latest.with.metadata", "major_version=1"};
    GenericRecord read = (GenericRecord) read("shipments", write("shipments", shipment(), pinned));
    assertEquals("post", read.get("carrier").toString());
    assertEquals(3, read.get("quantity"));

    registry.register("shipments-value", SchemaDefinition.of("AVRO", withCarrier.replace(",\"default\":\"post\"", ""))
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2"))));
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class, () -> write("shipments",
        shipment(), "schema.reflection", true, "avro.use.logical.type.converters", true,
        "use.latest.with.metadata", "major_version=2"));
    assertEquals("carrier", e.fieldPath(), e.getMessage());

    Schema pojo = new Schema.Parser().parse(POJO_SCHEMA);
    Schema noTags = Schema.createRecord(pojo.getName(), null, pojo.getNamespace(), false, pojo.getFields().stream()
        .filter(f -> !f.name().equals("tags")).map(f -> new Schema.Field(f, f.schema())).toList());
    registry.register("shipments-value", SchemaDefinition.of("AVRO", noTags.toString())
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "3"))));
    NonConformingRecordException extra = assertThrows(NonConformingRecordException.class, () -> write("shipments",
        shipment(), "schema.reflection", true, "avro.use.logical.type.converters", true,
        "use.latest.with.metadata", "major_version=3"));
    assertEquals("tags", extra.fieldPath(), extra.getMessage());

    Shipment wrong = shipment();
    wrong.id = null;
    NonConformingRecordException nulls = assertThrows(NonConformingRecordException.class,
        () -> write("shipments", wrong, pinned));
    assertEquals("id", nulls.fieldPath(), nulls.getMessage());
    assertEquals("null", nulls.actual(), nulls.getMessage());
  }

  @Test
  void allowNullDerivesNullableFieldsSoANullIsWritten() {
    Shipment noId = shipment();
    noId.id = null;
    Object[] allowNull = {"schema.reflection", true, "avro.use.logical.type.converters", true,
        "avro.reflection.allow.null", true};
    byte[] bytes = write("shipments", noId, "schema.reflection", true, "avro.use.logical.type.converters", true,
        "avro.reflection.allow.null", true, "auto.register.schemas", true);
    Shipment read = assertInstanceOf(Shipment.class, read("shipments", bytes, allowNull));
    assertNull(read.id);
    assertEquals(DAY, read.shipped);
  }

  @Test
  @SuppressWarnings("unchecked")
  void fieldLevelRulesSeeAPojosLogicalFieldAsItsDaysAndRebuildTheSameClass() {
    AvroDatumKinds kinds = AvroDatumKinds.of(true, true, false, false, null);
    FieldShape shape = AvroFieldShapes.of(ReflectData.get().getSchema(Shipment.class), TagPatterns.NONE, kinds);
    Map<String, Object> values = (Map<String, Object>) RuleValues.toRuleValue(shape, shipment(), (type, v) -> v);
    assertEquals(Map.of("id", "s-1", "quantity", 3, "tags", List.of("fragile", "express"), "shipped", 19000), values);

    Map<String, Object> later = new HashMap<>(values);
    later.put("shipped", 19001L);
    Shipment original = shipment();
    Shipment rebuilt = assertInstanceOf(Shipment.class, RuleValues.fromRuleValue(shape, later, original));
    assertEquals(DAY.plusDays(1), rebuilt.shipped);
    assertEquals(List.of("fragile", "express"), rebuilt.tags);
    assertEquals(DAY, original.shipped, "the caller's object is not modified");
  }

  @Test
  void jsonataRulesReadAndTransformAPojoWhichStaysThatClass() {
    register("shipments-value", POJO_SCHEMA, "1",
        Rule.of("some", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "quantity > 0 and shipped = 19000"),
        Rule.of("upper", RuleKind.TRANSFORM, RuleMode.READ, "JSONATA", "$merge([$, {'id': $uppercase(id)}])"));
    Object[] reflect = {"schema.reflection", true, "avro.use.logical.type.converters", true};
    Shipment read = assertInstanceOf(Shipment.class, read("shipments", write("shipments", shipment(), reflect), reflect));
    assertEquals("S-1", read.id);
    assertEquals(DAY, read.shipped);

    Shipment none = shipment();
    none.quantity = 0;
    assertThrows(RuleFailedException.class, () -> write("shipments", none, reflect));
  }
}
