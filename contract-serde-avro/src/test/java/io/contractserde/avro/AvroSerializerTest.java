package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.wire.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {
  private final String scope = "avro-serializer-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private MockContractRegistry registry;
  private List<RegisteredSchema> accounts;

  @BeforeEach
  void register() {
    registry = MockContractRegistry.scope(scope);
    accounts = Accounts.register(registry);
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private AvroContractSerializer<Object> pinned(String major, Object... more) {
    Object[] pairs = new Object[more.length + 2];
    pairs[0] = "use.latest.with.metadata";
    pairs[1] = "major_version=" + major;
    System.arraycopy(more, 0, pairs, 2, more.length);
    return new AvroContractSerializer<>(props(url, pairs), false);
  }

  @Test
  void writesTheContractsIdInTheClassicFrame() {
    byte[] bytes = pinned("2").serialize(TOPIC, Accounts.v2Record(1));
    assertEquals(0, bytes[0]);
    assertEquals(accounts.get(1).id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
  }

  @Test
  void withoutUseLatestTheRegisteredVersionOfTheRecordsSchemaAndItsRulesApply() {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url), false);
    byte[] bytes = serializer.serialize(TOPIC, Accounts.v1Record(12));
    assertEquals(accounts.get(0).id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
    GenericRecord bad = Accounts.v1Record(12);
    bad.put("ssn", "12-34");
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> serializer.serialize(TOPIC, bad));
    assertTrue(e.getMessage().contains("ssn_has_9_digits") && e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void aSchemaThatIsNotRegisteredIsAClearContractFirstError() {
    Schema other = new Schema.Parser().parse(Accounts.V1.replace("\"balance\"", "\"credit\""));
    GenericRecord r = new GenericData.Record(other);
    other.getFields().forEach(f -> r.put(f.name(), f.schema().getType() == Schema.Type.LONG ? 1L : "000000001"));
    r.put("nickname", null);
    ContractNotFoundException e = assertThrows(ContractNotFoundException.class,
        () -> new AvroContractSerializer<>(props(url), false).serialize(TOPIC, r));
    assertTrue(e.getMessage().contains("not registered under subject 'accounts-value'")
        && e.getMessage().contains("auto.register.schemas"), e.getMessage());
  }

  @Test
  void autoRegistrationRegistersAndAppliesTheRegisteredRules() {
    Schema schema = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Ping\",\"fields\":[{\"name\":\"n\",\"type\":\"int\"}]}");
    GenericRecord ping = new GenericData.Record(schema);
    ping.put("n", 1);
    byte[] bytes = new AvroContractSerializer<>(props(url, "auto.register.schemas", true), false).serialize("pings", ping);
    RegisteredSchema registered = registry.latest("pings-value");
    assertEquals(registered.id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize("pings", bytes);
    assertEquals(1, read.get("n"));
  }

  @Test
  void useSchemaIdWritesWithThatContract() {
    byte[] bytes = new AvroContractSerializer<>(props(url, "use.schema.id", accounts.get(0).id()), false)
        .serialize(TOPIC, Accounts.v1Record(2));
    assertEquals(accounts.get(0).id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
  }

  @Test
  void recordsFramedByGuidOrCarryingTheIdInAHeaderAreRead() {
    byte[] classic = pinned("1").serialize(TOPIC, Accounts.v1Record(5));
    byte[] payload = java.util.Arrays.copyOfRange(classic, WireFormat.ID_PREFIX_LENGTH, classic.length);
    java.util.UUID guid = java.util.UUID.fromString(accounts.get(0).guid());
    byte[] guidFramed = new byte[WireFormat.GUID_PREFIX_LENGTH + payload.length];
    System.arraycopy(WireFormat.guidPrefix(guid), 0, guidFramed, 0, WireFormat.GUID_PREFIX_LENGTH);
    System.arraycopy(payload, 0, guidFramed, WireFormat.GUID_PREFIX_LENGTH, payload.length);
    AvroContractDeserializer<GenericRecord> v2 = new AvroContractDeserializer<>(
        props(url, "use.latest.with.metadata", "major_version=2"), false);
    assertEquals("000000005", str(v2.deserialize(TOPIC, guidFramed), "national_id"));
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.guidPrefix(guid));
    assertEquals("000000005", str(v2.deserialize(TOPIC, headers, payload), "national_id"));
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.idPrefix(accounts.get(0).id()));
    assertEquals("000000005", str(v2.deserialize(TOPIC, headers, payload), "national_id"));
  }

  @Test
  void keysUseTheKeySubjectAndTheKeyHeader() {
    registry.register("accounts-key", SchemaDefinition.of("AVRO", "{\"type\":\"record\",\"name\":\"AccountKey\","
        + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}"));
    Schema keySchema = new Schema.Parser().parse(registry.latest("accounts-key").schema());
    GenericRecord key = new GenericData.Record(keySchema);
    key.put("id", "acc-1");
    byte[] bytes = new AvroContractSerializer<>(props(url), true).serialize(TOPIC, key);
    assertEquals(registry.latest("accounts-key").id(), ByteBuffer.wrap(bytes, 1, 4).getInt());
    AvroContractDeserializer<GenericRecord> keys = new AvroContractDeserializer<>(props(url), true);
    assertEquals("acc-1", str(keys.deserialize(TOPIC, bytes), "id"));
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(WireFormat.VALUE_SCHEMA_ID_HEADER, WireFormat.idPrefix(4711));
    assertEquals("acc-1", str(keys.deserialize(TOPIC, headers, bytes), "id"), "a value header does not apply to keys");
    assertThrows(ContractNotFoundException.class, () -> new AvroContractSerializer<>(props(url), true)
        .serialize("unknown-topic", key), "the key subject of another topic has no contract");
  }

  @Test
  void aNullIsATombstone() {
    assertNull(pinned("1").serialize(TOPIC, null));
    assertNull(new AvroContractDeserializer<>(props(url), false).deserialize(TOPIC, null));
  }

  // --- conformance --------------------------------------------------------------------------

  private NonConformingRecordException rejected(AvroContractSerializer<Object> serializer, Object record) {
    return assertThrows(NonConformingRecordException.class, () -> serializer.serialize(TOPIC, record));
  }

  @Test
  void aNullInANonNullFieldIsRejectedNamingTheField() {
    GenericRecord r = Accounts.v1Record(1);
    r.put("name", null);
    NonConformingRecordException e = rejected(pinned("1"), r);
    assertEquals("name", e.fieldPath());
    assertEquals("string", e.expected());
    assertEquals("null", e.actual());
    assertTrue(e.getMessage().contains("topic 'accounts'") && e.getMessage().contains("subject 'accounts-value' version 1")
        && e.getMessage().contains("field 'name': expected string, got null"), e.getMessage());
  }

  @Test
  void aWrongTypeIsRejected() {
    GenericRecord r = Accounts.v1Record(1);
    r.put("balance", "lots");
    NonConformingRecordException e = rejected(pinned("1"), r);
    assertEquals("balance", e.fieldPath());
    assertEquals("long", e.expected());
    assertEquals("string", e.actual());
    GenericRecord u = Accounts.v1Record(1);
    u.put("nickname", 42);
    e = rejected(pinned("1"), u);
    assertEquals("nickname", e.fieldPath());
    assertTrue(e.expected().contains("union [null, string]"), e.expected());
  }

  @Test
  void aMissingFieldWithoutADefaultIsRejected() {
    // A field with a default ('balance') may be missing: it is written with its default
    // (AvroWriteByNameTest); 'name' has none.
    Schema partial = new Schema.Parser().parse(Accounts.V1.replace("{\"name\": \"name\", \"type\": \"string\"},", ""));
    GenericRecord r = new GenericData.Record(partial);
    partial.getFields().forEach(f -> r.put(f.name(), switch (f.name()) {
      case "nickname" -> null;
      case "balance" -> 0L;
      default -> "123456789";
    }));
    NonConformingRecordException e = rejected(pinned("1"), r);
    assertEquals("name", e.fieldPath());
    assertTrue(e.actual().contains("has no such field"), e.actual());
  }

  @Test
  void aV2ShapedRecordGivenToAProducerPinnedToV1IsRejected() {
    NonConformingRecordException e = rejected(pinned("1"), Accounts.v2Record(1));
    assertEquals("ssn", e.fieldPath());
    assertTrue(e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void anEnumSymbolOutsideTheSetIsRejected() {
    Schema schema = new Schema.Parser().parse("""
        {"type":"record","name":"Card","fields":[{"name":"suit","type":{"type":"enum","name":"Suit","symbols":["HEARTS","SPADES"]}},
          {"name":"tags","type":{"type":"array","items":"string"}}]}""");
    registry.register("cards-value", SchemaDefinition.of("AVRO", schema.toString()));
    GenericRecord card = new GenericData.Record(schema);
    card.put("suit", new GenericData.EnumSymbol(schema.getField("suit").schema(), "CLUBS"));
    card.put("tags", List.of("a"));
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url), false);
    NonConformingRecordException e = assertThrows(NonConformingRecordException.class, () -> serializer.serialize("cards", card));
    assertEquals("suit", e.fieldPath());
    assertTrue(e.expected().contains("[HEARTS, SPADES]") && e.actual().contains("CLUBS"), e.getMessage());
    card.put("suit", new GenericData.EnumSymbol(schema.getField("suit").schema(), "SPADES"));
    card.put("tags", List.of("a", 7));
    e = assertThrows(NonConformingRecordException.class, () -> serializer.serialize("cards", card));
    assertEquals("tags[1]", e.fieldPath());
  }

  @Test
  void aRecordOfAnEqualSchemaInAnotherFieldOrderIsWrittenByName() {
    Schema reordered = new Schema.Parser().parse("""
        {"type": "record", "name": "Account", "namespace": "io.contractserde.example", "fields": [
          {"name": "balance", "type": "long", "default": 0},
          {"name": "nickname", "type": ["null", "string"], "default": null},
          {"name": "ssn", "type": "string"},
          {"name": "name", "type": "string"},
          {"name": "id", "type": "string"}]}""");
    GenericRecord r = new GenericData.Record(reordered);
    r.put("balance", 5L);
    r.put("nickname", "n");
    r.put("ssn", "123456789");
    r.put("name", "Ann");
    r.put("id", "acc-1");
    byte[] bytes = pinned("1").serialize(TOPIC, r);
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize(TOPIC, bytes);
    assertEquals("Ann", str(read, "name"));
    assertEquals("123456789", str(read, "ssn"));
    assertEquals(5L, read.get("balance"));
  }

  // --- domain rules -------------------------------------------------------------------------

  @Test
  void aFailingConditionIsRejectedNamingTheRule() {
    GenericRecord r = Accounts.v2Record(1);
    r.put("national_id", "1234");
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> pinned("2").serialize(TOPIC, r));
    assertEquals("national_id_has_9_digits", e.ruleName());
    assertTrue(e.getMessage().contains("JSONATA CONDITION") && e.getMessage().contains("mode WRITE")
        && e.getMessage().contains("$length(national_id) = 9") && e.getMessage().contains("topic 'accounts'"),
        e.getMessage());
  }

  @Test
  void aConditionWithOnFailureNoneLetsTheRecordThrough() {
    Rule lenient = Accounts.NATIONAL_ID_CHECK.withActions(null, "none ");
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "3")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(lenient))));
    GenericRecord r = Accounts.v2Record(1);
    r.put("national_id", "1234");
    byte[] bytes = pinned("3").serialize(TOPIC, r);
    assertTrue(bytes.length > 5);
  }

  @Test
  void aRuleDisabledByConfigurationDoesNotRun() {
    GenericRecord r = Accounts.v2Record(1);
    r.put("national_id", "1234");
    assertTrue(pinned("2", "rule.executors.national_id_has_9_digits.disabled", "true").serialize(TOPIC, r).length > 5);
    assertTrue(pinned("2", "rule.executors._JSONATA_.disabled", "true").serialize(TOPIC, r).length > 5);
    assertThrows(RuleFailedException.class,
        () -> pinned("2", "rule.executors.other_rule.disabled", "true").serialize(TOPIC, r));
    assertTrue(pinned("2", "rule.executors._default_.onFailure", "NONE").serialize(TOPIC, r).length > 5);
  }

  @Test
  void aRuleEnabledAtAnotherEnvironmentDoesNotRun() {
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "4")))
        .withRuleSet(new RuleSet(null, List.of(Accounts.NATIONAL_ID_CHECK), null,
            io.contractserde.contract.ExecutionEnvironment.SERVER)));
    GenericRecord r = Accounts.v2Record(1);
    r.put("national_id", "1234");
    assertTrue(pinned("4").serialize(TOPIC, r).length > 5, "enableAt SERVER is off in a client");
    assertThrows(RuleFailedException.class, () -> pinned("4", "execution.environment", "SERVER").serialize(TOPIC, r));
  }

  @Test
  void aDlqRuleNameHeaderDoesNotSwitchOffAWriteRule() {
    GenericRecord r = Accounts.v2Record(1);
    r.put("national_id", "1234");
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(io.contractserde.rule.RuleEngine.RULE_NAME_HEADER,
        "national_id_has_9_digits".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> pinned("2").serialize(TOPIC, headers, r));
    assertEquals("national_id_has_9_digits", e.ruleName());
  }

  @Test
  void aRuleOfATypeWithoutExecutorFailsClosed() {
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "5")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("cel_check", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
            "message.national_id != ''")))));
    RuleFailedException e = assertThrows(RuleFailedException.class,
        () -> pinned("5").serialize(TOPIC, Accounts.v2Record(1)));
    assertTrue(e.getMessage().contains("Could not find rule executor of type CEL"), e.getMessage());
  }

  @Test
  void aJsonataConditionReadsANullableFieldThroughItsUnionWrapper() {
    Rule nick = Rule.of("nickname_not_blank", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA",
        "nickname = null or $length(nickname.string) > 0");
    Rule wrapped = Rule.of("nickname_is_wrapped", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA",
        "nickname = null or $type(nickname) = 'object'");
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "6")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(nick, wrapped))));
    GenericRecord withNick = Accounts.v2Record(1);
    GenericRecord withoutNick = Accounts.v2Record(2);
    assertEquals("nick1", withNick.get("nickname"));
    pinned("6").serialize(TOPIC, withNick);
    pinned("6").serialize(TOPIC, withoutNick);
    GenericRecord blank = Accounts.v2Record(1);
    blank.put("nickname", "");
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> pinned("6").serialize(TOPIC, blank));
    assertEquals("nickname_not_blank", e.ruleName());
  }

  @Test
  void aJsonataTransformOnWriteIsConvertedBackAndLeavesTheCallersRecordAlone() {
    Rule upper = Rule.of("upper_name", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA",
        "$merge([$, {'name': $uppercase(name)}])");
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "7")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(upper))));
    GenericRecord r = Accounts.v2Record(3);
    byte[] bytes = pinned("7").serialize(TOPIC, r);
    assertEquals("Name 3", r.get("name"), "the caller's record is not mutated");
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize(TOPIC, bytes);
    assertEquals("NAME 3", str(read, "name"));
    assertEquals("nick3", str(read, "nickname"));
  }

  @Test
  void readRulesRunInReverseOrderOnTheReadersRecord() {
    Rule first = Rule.of("append_a", RuleKind.TRANSFORM, RuleMode.READ, "JSONATA", "$merge([$, {'name': name & 'a'}])");
    Rule second = Rule.of("append_b", RuleKind.TRANSFORM, RuleMode.WRITEREAD, "JSONATA", "$merge([$, {'name': name & 'b'}])");
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "8")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(first, second))));
    byte[] bytes = pinned("8").serialize(TOPIC, Accounts.v2Record(4));
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize(TOPIC, bytes);
    assertEquals("Name 4bba", str(read, "name"), "write ran append_b; read ran append_b then append_a");
  }

  @Test
  void anUnknownActionIsAClearError() {
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "9")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(Accounts.NATIONAL_ID_CHECK.withActions(null, "PAGE_SOMEONE")))));
    SerializationException e = assertThrows(SerializationException.class,
        () -> pinned("9").serialize(TOPIC, Accounts.v2Record(1)));
    assertTrue(e.getMessage().contains("PAGE_SOMEONE") && e.getMessage().contains("not available"), e.getMessage());
  }

  @Test
  void aJsonataParseErrorIsARuleFailureNamingTheRule() {
    registry.register(Accounts.SUBJECT, SchemaDefinition.of("AVRO", Accounts.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "10")))
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("broken", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA",
            "national_id = ")))));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> pinned("10").serialize(TOPIC, Accounts.v2Record(1)));
    assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("Could not parse expression"), e.getMessage());
  }

  // --- primitives ---------------------------------------------------------------------------

  @Test
  void avroPrimitivesRoundTrip() {
    registry.register("words-value", SchemaDefinition.of("AVRO", "\"string\""));
    registry.register("blobs-value", SchemaDefinition.of("AVRO", "\"bytes\""));
    registry.register("counts-value", SchemaDefinition.of("AVRO", "\"long\""));
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url), false);
    AvroContractDeserializer<Object> deserializer = new AvroContractDeserializer<>(props(url), false);
    assertEquals("hello", deserializer.deserialize("words", serializer.serialize("words", "hello")));
    byte[] blob = serializer.serialize("blobs", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(blob, WireFormat.ID_PREFIX_LENGTH, blob.length),
        "bytes are framed raw, as the incumbent does");
    assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) deserializer.deserialize("blobs", blob));
    assertEquals(42L, deserializer.deserialize("counts", serializer.serialize("counts", 42L)));
    SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("counts", new Object()));
    assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
  }

  @Test
  void aUtf8OrOtherCharSequenceIsWrittenUnderAStringContractAsAStringIs() {
    registry.register("words-value", SchemaDefinition.of("AVRO", "\"string\""));
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url), false);
    byte[] expected = serializer.serialize("words", "hello");
    assertArrayEquals(expected, serializer.serialize("words", new org.apache.avro.util.Utf8("hello")));
    assertArrayEquals(expected, serializer.serialize("words", new StringBuilder("hello")));
    assertArrayEquals(expected, pinnedWords().serialize("words", new org.apache.avro.util.Utf8("hello")));
    assertEquals("hello", new AvroContractDeserializer<>(props(url), false).deserialize("words", expected));
  }

  private AvroContractSerializer<Object> pinnedWords() {
    return new AvroContractSerializer<>(props(url, "use.latest.version", true), false);
  }

  @Test
  void anUnconfiguredSerializerSaysSo() {
    RuntimeException e = assertThrows(RuntimeException.class,
        () -> new AvroContractSerializer<>().serialize(TOPIC, Accounts.v1Record(1)));
    assertTrue(e.getMessage().contains("configure"), e.getMessage());
    assertInstanceOf(org.apache.kafka.common.errors.InvalidConfigurationException.class, e);
  }
}
