package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Status;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleExecutor;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The serializer checks a record the rules changed against the contract a second time, except when
 * only field-level rules can change it (Avro's shapes convert every new leaf to its field's type and
 * rebuild the records in their own form). Any other TRANSFORM keeps the second check: one that puts
 * a {@code long} into an {@code int} field, which Avro's writer would silently truncate, is rejected
 * whether it runs before or after a field-level rule.
 */
class AvroFieldRuleRecheckTest {
  private static final String PERSON = """
      {"type":"record","name":"Person","namespace":"hr","fields":[
        {"name":"age","type":"int"},
        {"name":"name","type":"string","confluent:tags":["PII"]},
        {"name":"email","type":["null","string"],"default":null,"confluent:tags":["PII"]}]}""";
  private static final Schema SCHEMA = new Schema.Parser().parse(PERSON);

  private final String scope = "avro-recheck-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  /** A field-level rule ({@code MASK}): every selected string becomes as many stars. */
  public static final class MaskExecutor extends FieldRuleExecutor {
    @Override
    public String type() {
      return "MASK";
    }

    @Override
    protected FieldTransform newTransform(RuleContext ctx) {
      return (field, value) -> value instanceof String s ? "*".repeat(s.length()) : value;
    }
  }

  /** A field-level rule ({@code PAY}): an enum symbol NEW becomes PAID. */
  public static final class PayExecutor extends FieldRuleExecutor {
    @Override
    public String type() {
      return "PAY";
    }

    @Override
    protected FieldTransform newTransform(RuleContext ctx) {
      return (field, value) -> "NEW".equals(value) ? "PAID" : value;
    }
  }

  /** A whole-record TRANSFORM ({@code WIDEN}) that puts a {@code long} beyond int range into {@code age}. */
  public static final class WidenExecutor implements RuleExecutor {
    @Override
    public String type() {
      return "WIDEN";
    }

    @Override
    public Object transform(RuleContext ctx, Object message) {
      GenericData.Record copy = new GenericData.Record((GenericData.Record) message, false);
      copy.put("age", 5_000_000_000L);
      return copy;
    }
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private static Rule mask() {
    return Rule.of("mask_pii", RuleKind.TRANSFORM, RuleMode.WRITE, "MASK", null).withTags("PII");
  }

  private static Rule widen() {
    return Rule.of("widen_age", RuleKind.TRANSFORM, RuleMode.WRITE, "WIDEN", null);
  }

  private static GenericRecord person() {
    GenericRecord p = new GenericData.Record(SCHEMA);
    p.put("age", 42);
    p.put("name", "Alice");
    p.put("email", null);
    return p;
  }

  private AvroContractSerializer<Object> serializer(Rule... rules) {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON).withRuleSet(RuleSet.ofDomainRules(
        List.of(rules))));
    return new AvroContractSerializer<>(executors("use.latest.version", true), false);
  }

  private Map<String, Object> executors(Object... pairs) {
    Map<String, Object> props = props(url, pairs);
    props.put("rule.executors", "mask,widen,pay");
    props.put("rule.executors.pay.class", PayExecutor.class.getName());
    props.put("rule.executors.mask.class", MaskExecutor.class.getName());
    props.put("rule.executors.widen.class", WidenExecutor.class.getName());
    return props;
  }

  @Test
  void aRecordOnlyAFieldRuleChangedIsWrittenAsTheRuleMadeItAndTheCallersRecordIsUntouched() {
    GenericRecord person = person();
    byte[] written;
    try (AvroContractSerializer<Object> serializer = serializer(mask())) {
      written = serializer.serialize("people", person);
    }
    assertEquals("Alice", str(person, "name"), "the caller's record");
    try (AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(executors(), false)) {
      GenericRecord read = reader.deserialize("people", written);
      assertEquals(42, read.get("age"));
      assertEquals("*****", str(read, "name"));
      assertNull(read.get("email"));
    }
  }

  @Test
  void aTransformAfterAFieldRuleThatPutsALongIntoAnIntFieldIsStillRejected() {
    try (AvroContractSerializer<Object> serializer = serializer(mask(), widen())) {
      NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
          () -> serializer.serialize("people", person()));
      assertEquals("age", e.fieldPath());
      assertEquals("int", e.expected());
    }
  }

  @Test
  void aTransformBeforeAFieldRuleThatPutsALongIntoAnIntFieldIsStillRejected() {
    try (AvroContractSerializer<Object> serializer = serializer(widen(), mask())) {
      NonConformingRecordException e = assertThrows(NonConformingRecordException.class,
          () -> serializer.serialize("people", person()));
      assertEquals("age", e.fieldPath());
      assertEquals("int", e.expected());
    }
  }

  @Test
  void aGeneratedEnumThatOrdersTheNewSymbolOtherwiseThanTheContractIsWrittenAsThatSymbol() {
    // Status orders NEW, PAID; the contract NEW, REFUNDED, PAID. NEW conforms as it is (ordinal 0 in
    // both), but PAID is ordinal 1 in the class: written by position, it would read back as REFUNDED.
    String contract = Order.SCHEMA$.toString().replace("[\"NEW\",\"PAID\"]", "[\"NEW\",\"REFUNDED\",\"PAID\"]");
    registry.register("orders-value", SchemaDefinition.of("AVRO", contract).withRuleSet(RuleSet.ofDomainRules(
        List.of(Rule.of("pay", RuleKind.TRANSFORM, RuleMode.WRITE, "PAY", null)))));
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(executors("use.latest.version", true),
        false)) {
      byte[] written = serializer.serialize("orders", new Order("o-1", 42, Status.NEW));
      try (AvroContractDeserializer<GenericRecord> reader = new AvroContractDeserializer<>(executors(), false)) {
        assertEquals("PAID", str(reader.deserialize("orders", written), "status"));
      }
    }
  }
}
