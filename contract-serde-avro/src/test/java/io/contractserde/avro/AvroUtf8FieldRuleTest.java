package io.contractserde.avro;

import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Status;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.shape.FieldType;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleAction;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import io.contractserde.rule.RuleFailedException;
import io.contractserde.rule.field.FieldContext;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import io.contractserde.rule.field.Utf8FieldTransform;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A field-level transform that takes strings as UTF-8 bytes ({@link Utf8FieldTransform}, as field
 * encryption does): the new value is of the class the record's strings have ({@code Utf8} in a
 * generic record, {@code String} where the schema asks for it; a generated class takes it through its
 * own {@code put}), a union keeps its string branch, and
 * on read, where the decoded record is changed in place, a rule that fails half-way through the
 * record leaves every field as it was decoded, and a record another rule shares is never changed.
 */
class AvroUtf8FieldRuleTest {
  private static final String PERSON = """
      {"type":"record","name":"Person","namespace":"hr","fields":[
        {"name":"age","type":"int"},
        {"name":"name","type":"string","confluent:tags":["PII"]},
        {"name":"email","type":["null","string"],"default":null,"confluent:tags":["PII"]},
        {"name":"note","type":"string"}]}""";
  private static final Schema SCHEMA = new Schema.Parser().parse(PERSON);
  /** A record every read of {@code SHARE} returns, as a rule that hands out a cached default would. */
  static final GenericRecord SHARED = person("Shared", "shared@example.com");

  private final String scope = "avro-utf8-" + System.nanoTime();
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  /**
   * {@code REVERSE}: every selected string's bytes reversed, as bytes; a string that starts with
   * {@code !} fails the rule. Its {@link FieldTransform#apply} is for other types and nulls only.
   */
  public static final class ReverseExecutor extends FieldRuleExecutor {
    @Override
    public String type() {
      return "REVERSE";
    }

    @Override
    protected FieldTransform newTransform(RuleContext ctx) {
      return new Utf8FieldTransform() {
        @Override
        public byte[] applyUtf8(FieldContext field, byte[] utf8) {
          if (utf8.length > 0 && utf8[0] == '!') {
            throw new RuleException("field " + field.fullName() + ": marked");
          }
          byte[] reversed = utf8.clone();
          for (int i = 0; i < reversed.length / 2; i++) {
            byte b = reversed[i];
            reversed[i] = reversed[reversed.length - 1 - i];
            reversed[reversed.length - 1 - i] = b;
          }
          return reversed;
        }

        @Override
        public Object apply(FieldContext field, Object value) {
          if (value != null && field.type() == FieldType.STRING) {
            throw new AssertionError("a string went to apply: " + field.fullName());
          }
          return value;
        }
      };
    }
  }

  /** {@code SHARE}: a READ transform that returns the same shared record every time. */
  public static final class ShareExecutor implements RuleExecutor {
    @Override
    public String type() {
      return "SHARE";
    }

    @Override
    public Object transform(RuleContext ctx, Object message) {
      return SHARED;
    }
  }

  /** {@code KEEP}: an action that keeps the message it is given, as an asynchronous audit would. */
  public static final class KeepAction implements RuleAction {
    static final List<Object> KEPT = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public String type() {
      return "KEEP";
    }

    @Override
    public void run(RuleContext ctx, Object message, RuleException failure) {
      KEPT.add(message);
    }
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private static GenericRecord person(String name, String email) {
    GenericRecord p = new GenericData.Record(SCHEMA);
    p.put("age", 42);
    p.put("name", name);
    p.put("email", email);
    p.put("note", "clear");
    return p;
  }

  private Map<String, Object> props(Object... pairs) {
    Map<String, Object> props = Accounts.props("mock://" + scope, pairs);
    props.put("rule.actions", "keep");
    props.put("rule.actions.keep.class", KeepAction.class.getName());
    props.put("rule.executors", "reverse,share");
    props.put("rule.executors.reverse.class", ReverseExecutor.class.getName());
    props.put("rule.executors.share.class", ShareExecutor.class.getName());
    return props;
  }

  private void register(String schema, Rule... rules) {
    registry.register("people-value", SchemaDefinition.of("AVRO", schema).withRuleSet(RuleSet.ofDomainRules(List.of(rules))));
  }

  private static Rule reverse(RuleMode mode, String onFailure) {
    return Rule.of("reverse_pii", RuleKind.TRANSFORM, mode, "REVERSE", null).withTags("PII").withActions(null, onFailure);
  }

  private byte[] write(GenericRecord record) {
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props("use.latest.version", true), false)) {
      return serializer.serialize("people", record);
    }
  }

  private GenericRecord read(byte[] bytes) {
    try (AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(props(), false)) {
      return reader.deserialize("people", bytes);
    }
  }

  @Test
  void stringsComeBackAsTheRecordsOtherStringsDoAndAUnionKeepsItsStringBranch() {
    register(PERSON, reverse(RuleMode.READ, "ERROR"));
    GenericRecord read = read(write(person("Zoe", "a@b.c")));
    assertEquals("eoZ", str(read, "name"));
    assertEquals("c.b@a", str(read, "email"));
    assertInstanceOf(Utf8.class, read.get("name"));
    assertInstanceOf(Utf8.class, read.get("email"));
    assertInstanceOf(Utf8.class, read.get("note"));
    GenericRecord withoutEmail = read(write(person("Bo", null)));
    assertEquals("oB", str(withoutEmail, "name"));
    assertNull(withoutEmail.get("email"), "a null goes to apply and stays null");
  }

  @Test
  void whereTheSchemaAsksForJavaStringsTheNewValueIsAString() {
    String javaStrings = PERSON.replace("\"string\"", "{\"type\":\"string\",\"avro.java.string\":\"String\"}");
    register(javaStrings, reverse(RuleMode.READ, "ERROR"));
    GenericRecord record = new GenericData.Record(new Schema.Parser().parse(javaStrings));
    GenericRecord source = person("Alice", "a@b.c");
    SCHEMA.getFields().forEach(f -> record.put(f.name(), source.get(f.name())));
    GenericRecord read = read(write(record));
    assertEquals("ecilA", read.get("name"));
    assertEquals("c.b@a", read.get("email"));
  }

  @Test
  void onWriteTheCallersRecordIsUntouchedAndTheBytesCarryTheNewStrings() {
    register(PERSON, reverse(RuleMode.WRITE, "ERROR"));
    GenericRecord person = person("Alice", "a@b.c");
    byte[] written = write(person);
    assertEquals("Alice", person.get("name"));
    assertEquals("a@b.c", person.get("email"));
    GenericRecord read = read(written);
    assertEquals("ecilA", str(read, "name"));
    assertEquals("c.b@a", str(read, "email"));
  }

  @Test
  void aGeneratedRecordTakesTheNewStringsOnWriteAndOnRead() throws Exception {
    // No tags: every string field (Order.id), in a generated class whose schema asks for no Java String.
    registry.register("orders-value", SchemaDefinition.of("AVRO", Order.SCHEMA$.toString()).withRuleSet(
        RuleSet.ofDomainRules(List.of(Rule.of("reverse_all", RuleKind.TRANSFORM, RuleMode.WRITEREAD, "REVERSE", null)))));
    Order order = new Order("o-1", 42, Status.PAID);
    byte[] written;
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props("use.latest.version", true), false)) {
      written = serializer.serialize("orders", order);
    }
    assertEquals("o-1", order.id.toString(), "the caller's record");
    GenericRecord raw = new GenericDatumReader<GenericRecord>(Order.SCHEMA$)
        .read(null, DecoderFactory.get().binaryDecoder(written, 5, written.length - 5, null));
    assertEquals("1-o", raw.get("id").toString(), "written reversed");
    try (AvroContractDeserializer<Object> specific = new AvroContractDeserializer<>(
        props("use.latest.version", true, "specific.avro.reader", true), false)) {
      Order read = assertInstanceOf(Order.class, specific.deserialize("orders", written));
      assertEquals("o-1", read.id.toString(), "reversed back on read, into the generated class");
      assertEquals(Status.PAID, read.status);
    }
  }

  @Test
  void aReadRuleThatFailsHalfWayThroughTheRecordLeavesEveryFieldAsDecoded() {
    register(PERSON, reverse(RuleMode.READ, "NONE"));
    // name is visited first and reversed into the walk's values; email then fails the rule.
    GenericRecord read = read(write(person("Alice", "!bad@b.c")));
    assertEquals("Alice", str(read, "name"), "not half reversed: the record is set only once every field is known");
    assertEquals("!bad@b.c", str(read, "email"));
  }

  @Test
  void underErrorTheFailureNamesTheField() {
    register(PERSON, reverse(RuleMode.READ, "ERROR"));
    byte[] bytes = write(person("Alice", "!bad@b.c"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("field hr.Person.email: marked"), e.getMessage());
  }

  @Test
  void aRecordAnActionHasSeenIsCopiedNotChanged() {
    // READ rules run in reverse order: the condition first, whose onSuccess action keeps the record.
    register(PERSON, reverse(RuleMode.READ, "ERROR"),
        Rule.of("seen", RuleKind.CONDITION, RuleMode.READ, "JSONATA", "true").withActions("KEEP", null));
    KeepAction.KEPT.clear();
    GenericRecord read = read(write(person("Alice", null)));
    assertEquals("ecilA", str(read, "name"));
    assertEquals(1, KeepAction.KEPT.size());
    assertEquals("Alice", str((GenericRecord) KeepAction.KEPT.get(0), "name"), "the record the action kept is as it saw it");
  }

  @Test
  void aRecordAnotherReadRuleSharesIsCopiedNotChanged() {
    // READ rules run in reverse order: SHARE first, then REVERSE on the shared record.
    register(PERSON, reverse(RuleMode.READ, "ERROR"),
        Rule.of("share", RuleKind.TRANSFORM, RuleMode.READ, "SHARE", null));
    GenericRecord first = read(write(person("Alice", null)));
    GenericRecord second = read(write(person("Bob", null)));
    assertEquals("derahS", str(first, "name"));
    assertEquals("derahS", str(second, "name"), "the shared record was not reversed in place by the first read");
    assertEquals("Shared", SHARED.get("name"));
  }
}
