package io.contractserde.cel;

import static io.contractserde.cel.Customers.customer;
import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CEL and CEL_FIELD rules on generic Avro records, through the serializer and deserializer. */
class CelAvroTest {
  private static final String TOPIC = "customers";
  private static final String SUBJECT = "customers-value";

  private final String scope = "cel-avro-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private byte[] write(GenericRecord record, Object... props) {
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(url, props), false)) {
      return serializer.serialize(TOPIC, record);
    }
  }

  private GenericRecord read(byte[] bytes, Object... props) {
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(url, props), false)) {
      return deserializer.deserialize(TOPIC, bytes);
    }
  }

  private GenericRecord roundTrip(GenericRecord record) {
    return read(write(record));
  }

  private static String str(GenericRecord r, String field) {
    Object v = r.get(field);
    return v == null ? null : v.toString();
  }

  @Test
  void aConditionSeesIntsEnumSymbolsAndBytesAsCelValues() {
    Customers.register(registry, SUBJECT, Rule.of("active_adult", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.age >= 18 && message.status == 'ACTIVE' && message.avatar == b'\\x01\\x02\\x04'"
            + " && message.score > 5 && message.address.city == 'Springfield' && size(message.phones) == 2"
            + " && message.notes['vip'].startsWith('likes') && message.nickname == 'nick4'"));
    GenericRecord ok = roundTrip(customer(4));
    assertEquals("c-4", str(ok, "id"));

    GenericRecord closed = customer(5);
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(closed));
    assertEquals("active_adult", e.ruleName());
    assertTrue(e.getMessage().contains("rule 'active_adult' (CEL CONDITION, mode WRITE"), e.getMessage());
    assertTrue(e.getMessage().contains("subject 'customers-value' version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("topic 'customers'"), e.getMessage());
  }

  @Test
  void aNullFieldIsCelNull() {
    Customers.register(registry, SUBJECT, Rule.of("no_nickname", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.nickname == null"));
    roundTrip(customer(3));
    assertThrows(RuleFailedException.class, () -> write(customer(4)));
  }

  @Test
  void aTransformBuildsANewRecordAndLeavesTheCallersRecordAlone() {
    Customers.register(registry, SUBJECT, Rule.of("normalise", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL", """
        {'id': message.id, 'email': message.email.lowerAscii(), 'age': message.age + 1, 'score': message.score,
         'status': 'CLOSED', 'avatar': message.avatar, 'nickname': message.nickname, 'address': message.address,
         'phones': message.phones, 'previous': message.previous, 'notes': message.notes, 'ssn': message.ssn}"""));
    GenericRecord original = customer(2);
    GenericRecord before = GenericData.get().deepCopy(Customers.AVRO, original);
    GenericRecord read = roundTrip(original);
    assertEquals(before, original, "the caller's record is not modified");
    assertEquals("person2@example.com", str(read, "email"));
    assertEquals(23, read.get("age"));
    assertEquals("CLOSED", str(read, "status"));
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 2}), read.get("avatar"));
    assertEquals("nick2", str(read, "nickname"));
    assertEquals("2 Main St", str((GenericRecord) read.get("address"), "street"));
  }

  @Test
  void theExpressionMessageLeavesTheRecordAsItIs() {
    Customers.register(registry, SUBJECT, Rule.of("same", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL", "message"));
    assertEquals("c-7", str(roundTrip(customer(7)), "id"));
  }

  @Test
  void aTransformWhoseResultDoesNotFitTheContractFailsTheRule() {
    Customers.register(registry, SUBJECT, Rule.of("to_bool", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL", "true"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(customer(1)));
    assertTrue(e.getMessage().contains("does not fit the contract: expected record example.cel.Customer, got Boolean"),
        e.getMessage());
  }

  @Test
  void aTransformWithABadlyTypedFieldFailsNamingTheField() {
    Customers.register(registry, SUBJECT, Rule.of("bad_age", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL", """
        {'id': message.id, 'email': message.email, 'age': 'old', 'score': message.score, 'status': message.status,
         'avatar': message.avatar, 'nickname': message.nickname, 'address': message.address, 'phones': message.phones,
         'previous': message.previous, 'notes': message.notes, 'ssn': message.ssn}"""));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(customer(1)));
    assertTrue(e.getMessage().contains("field example.cel.Customer.age: expected int, got String"), e.getMessage());
  }

  @Test
  void anIntResultOutOfRangeForAnIntFieldFails() {
    Customers.register(registry, SUBJECT, Rule.of("huge_age", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "name == 'age' ? value * 10000000000 : value"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(customer(1)));
    assertTrue(e.getMessage().contains("field example.cel.Customer.age: the transform's result does not fit the field"),
        e.getMessage());
  }

  @Test
  void readRulesRunOnReadOnly() {
    Customers.register(registry, SUBJECT,
        Rule.of("minors_hidden", RuleKind.CONDITION, RuleMode.READ, "CEL", "message.age >= 30"),
        Rule.of("shout", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value.upperAscii()").withTags("EMAIL"));
    byte[] young = write(customer(1));
    assertThrows(RuleFailedException.class, () -> read(young), "age 21 fails on read");
    GenericRecord old = read(write(customer(15)));
    assertEquals("PERSON15@EXAMPLE.COM", str(old, "email"));
  }

  @Test
  void writeReadRulesRunOnBothSides() {
    RegisteredSchema v1 = Customers.register(registry, SUBJECT);
    Customers.register(registry, SUBJECT,
        Rule.of("adult", RuleKind.CONDITION, RuleMode.WRITEREAD, "CEL", "message.age >= 30"));
    assertThrows(RuleFailedException.class, () -> write(customer(1)), "checked on write");
    byte[] underV1 = write(customer(1), "use.latest.version", false, "use.schema.id", v1.id());
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> read(underV1));
    assertTrue(e.getMessage().contains("mode READ"), e.getMessage());
    assertEquals("c-15", str(read(write(customer(15))), "id"));
  }

  @Test
  void theGuardBeforeTheFirstSemicolonDecidesWhetherTheRuleApplies() {
    Customers.register(registry, SUBJECT, Rule.of("active_adults", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.status == 'ACTIVE'; message.age >= 30"));
    roundTrip(customer(1));
    assertThrows(RuleFailedException.class, () -> write(customer(2)), "active and 22");
    roundTrip(customer(20));
  }

  @Test
  void aGuardThatFailsToEvaluateSkipsTheRule() {
    Customers.register(registry, SUBJECT, Rule.of("guarded", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "message.no_such_field == 1; 'changed'"));
    assertEquals("c-3", str(roundTrip(customer(3)), "id"));
  }

  @Test
  void theGuardSeparatorCanBeTurnedOff() {
    Customers.register(registry, SUBJECT, Rule.of("semicolon", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.id != 'a;b'").withParams(Map.of("cel.ignore.guard.separator", "true")));
    roundTrip(customer(1));
  }

  @Test
  void anExpressionThatDoesNotCompileFailsEveryRecordWithTheCompilerMessage() {
    Customers.register(registry, SUBJECT, Rule.of("typo", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.age >>"));
    for (int i = 0; i < 2; i++) {
      RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(customer(1)));
      assertTrue(e.getMessage().contains("Could not compile expression 'message.age >>'"), e.getMessage());
    }
  }

  @Test
  void aFieldTransformReachesTaggedFieldsInNestedRecordsArraysMapsAndUnions() {
    Customers.register(registry, SUBJECT,
        Rule.of("mask_pii", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "'*' + name").withTags("PII"));
    GenericRecord original = customer(4);
    GenericRecord before = GenericData.get().deepCopy(Customers.AVRO, original);
    GenericRecord read = roundTrip(original);
    assertEquals(before, original, "the caller's record is not modified");

    assertEquals("*email", str(read, "email"), "inline tag");
    assertEquals("*nickname", str(read, "nickname"), "inline tag on a nullable field");
    assertEquals("*ssn", str(read, "ssn"), "metadata.tags **.ssn");
    GenericRecord address = (GenericRecord) read.get("address");
    assertEquals("*street", str(address, "street"), "inline tag in a nested record");
    assertEquals("Springfield", str(address, "city"), "untagged");
    assertEquals(List.of("*phones", "*phones"), ((List<?>) read.get("phones")).stream().map(Object::toString).toList(),
        "array elements share their field's tags");
    GenericRecord previous = (GenericRecord) ((List<?>) read.get("previous")).get(0);
    assertEquals("*street", str(previous, "street"), "a tagged field of a record inside an array");
    assertEquals("Shelbyville", str(previous, "city"));
    Map<?, ?> notes = (Map<?, ?>) read.get("notes");
    assertEquals("*notes", notes.values().iterator().next().toString(), "map values tagged through metadata.tags");
    assertEquals("c-4", str(read, "id"));
    assertEquals(24, read.get("age"));
    assertEquals("ACTIVE", str(read, "status"));
  }

  @Test
  void aFieldRuleWithoutTagsAppliesToEveryPrimitiveField() {
    Customers.register(registry, SUBJECT, Rule.of("short_strings", RuleKind.CONDITION, RuleMode.WRITE, "CEL_FIELD",
        "typeName != 'STRING' || size(value) < 20"));
    roundTrip(customer(1));
    GenericRecord longCity = customer(1);
    longCity.put("previous", List.of(Customers.address("1 Road", "Llanfairpwllgwyngyll")));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(longCity));
    assertTrue(e.getMessage().contains("(field 'example.cel.Address.city')"), e.getMessage());
  }

  @Test
  void aFieldConditionNamesTheFieldThatFailed() {
    Customers.register(registry, SUBJECT, Rule.of("valid_email", RuleKind.CONDITION, RuleMode.WRITE, "CEL_FIELD",
        "value.isEmail()").withTags("EMAIL").withDoc("emails must be valid"));
    roundTrip(customer(1));
    GenericRecord bad = customer(1);
    bad.put("email", "not an email");
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(bad));
    assertTrue(e.getMessage().endsWith("emails must be valid (field 'example.cel.Customer.email')"), e.getMessage());
  }

  @Test
  void aFieldRuleSeesItsFieldsNameTypeTagsAndRecord() {
    Customers.register(registry, SUBJECT, Rule.of("describe", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "fullName + '|' + name + '|' + typeName + '|' + tags.join(',') + '|' + message.street").withTags("LOCATION"));
    GenericRecord read = roundTrip(customer(1));
    assertEquals("example.cel.Address.city|city|STRING|LOCATION|1 Main St",
        str((GenericRecord) read.get("address"), "city"));
  }

  @Test
  void numbersAreNarrowedToTheFieldsType() {
    Customers.register(registry, SUBJECT, Rule.of("bump", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "typeName == 'INT' || typeName == 'FLOAT'; value + value"));
    GenericRecord read = roundTrip(customer(2));
    assertEquals(44, read.get("age"));
    assertEquals(6.0f, read.get("score"));
  }

  @Test
  void ofTwoFieldTransformsWithTheSameTagsOnlyTheFirstRegisteredApplies() {
    Customers.register(registry, SUBJECT,
        Rule.of("first_w", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "'first'").withTags("EMAIL"),
        Rule.of("second_w", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "'second'").withTags("EMAIL"),
        Rule.of("other_tags", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "value + '!'").withTags("LOCATION"),
        Rule.of("first_r", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value + '-r1'").withTags("PII"),
        Rule.of("second_r", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value + '-r2'").withTags("PII"));
    GenericRecord read = roundTrip(customer(1));
    assertEquals("first-r1", str(read, "email"), "write: first_w only; read: first_r only");
    assertEquals("Springfield!", str((GenericRecord) read.get("address"), "city"), "other tags are not de-duplicated");
  }

  /**
   * CEL_FIELD binds each record to a transform of its own: one serializer shared by four threads
   * writes each record's email with its own id, never another thread's record's.
   */
  @Test
  void aFieldTransformReadingTheRecordSeesItsOwnRecordOnEveryThread() throws Exception {
    Customers.register(registry, SUBJECT, Rule.of("sign", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "value + '#' + message.id").withTags("EMAIL"));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props(url), false);
        AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props(url), false)) {
      List<java.util.concurrent.Future<?>> threads = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int first = t * 1000;
        threads.add(pool.submit(() -> {
          for (int i = first; i < first + 300; i++) {
            GenericRecord read = deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, customer(i)));
            String expected = "Person" + i + "@Example.com#c-" + i;
            if (!expected.equals(str(read, "email"))) {
              throw new AssertionError("record " + i + ": " + str(read, "email"));
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : threads) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void enumFieldsPassThroughAFieldTransform() {
    Customers.register(registry, SUBJECT, Rule.of("all", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
        "typeName == 'ENUM' || name == 'status' ? 'ACTIVE' : value"));
    GenericRecord read = roundTrip(customer(1));
    assertEquals("CLOSED", str(read, "status"), "CEL_FIELD applies to primitive fields only");
    assertEquals("c-1", str(read, "id"));
  }

  private static final String PERSON_V1 = """
      {"type":"record","name":"Person","fields":[{"name":"id","type":"string"},{"name":"ssn","type":"string"}]}""";
  private static final String PERSON_V2 = """
      {"type":"record","name":"Person","fields":[{"name":"id","type":"string"},{"name":"national_id","type":"string"}]}""";

  private void registerPeople(Rule upgrade) {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON_V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON_V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(RuleSet.ofMigrationRules(List.of(upgrade))));
  }

  private byte[] writePersonV1() {
    GenericRecord v1 = new GenericData.Record(new Schema.Parser().parse(PERSON_V1));
    v1.put("id", "p-1");
    v1.put("ssn", "123456789");
    try (AvroContractSerializer<GenericRecord> serializer =
        new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false)) {
      return serializer.serialize("people", v1);
    }
  }

  private GenericRecord readPersonV2(byte[] bytes) {
    try (AvroContractDeserializer<GenericRecord> deserializer =
        new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false)) {
      return deserializer.deserialize("people", bytes);
    }
  }

  @Test
  void aCelTransformCanBeAMigrationRule() {
    registerPeople(Rule.of("rename", RuleKind.TRANSFORM, RuleMode.UPGRADE, "CEL",
        "{'id': message.id, 'national_id': message.ssn}"));
    GenericRecord v2 = readPersonV2(writePersonV1());
    assertEquals("123456789", str(v2, "national_id"));
    assertEquals("p-1", str(v2, "id"));
  }

  @Test
  void aFieldRuleAsAMigrationRuleFailsWithAClearMessage() {
    registerPeople(Rule.of("upper", RuleKind.TRANSFORM, RuleMode.UPGRADE, "CEL_FIELD", "value.upperAscii()"));
    byte[] bytes = writePersonV1();
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> readPersonV2(bytes));
    assertTrue(e.getMessage().contains("use them as WRITE, READ or WRITEREAD domain rules"), e.getMessage());
  }

  @Test
  void theNoneActionLetsAFailingRecordThrough() {
    Customers.register(registry, SUBJECT, Rule.of("adult", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.age > 60")
        .withActions(null, "NONE"));
    assertEquals("c-1", str(roundTrip(customer(1)), "id"));
  }

  @Test
  void aFieldTransformThatChangesNothingHandsBackTheSameRecord() {
    Customers.register(registry, SUBJECT, Rule.of("identity", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "value"));
    GenericRecord original = customer(1);
    GenericRecord read = roundTrip(original);
    assertNotSame(original, read);
    assertEquals(original.toString(), read.toString());
  }
}
