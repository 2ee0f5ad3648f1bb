package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * CEL and CEL_FIELD rules on records with logical types held as Java types
 * ({@code avro.use.logical.type.converters}): a rule sees a date as its days, a timestamp as its
 * long, as the JSONata data model shows them, and a transformed value goes back into the Java type
 * it replaced.
 */
class CelLogicalTypesTest {
  static final String SCHEMA = """
      {"type":"record","name":"Invoice","namespace":"billing","fields":[
        {"name":"id","type":"string"},
        {"name":"due","type":{"type":"int","logicalType":"date"}},
        {"name":"issued","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
        {"name":"total","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""";
  static final LocalDate DUE = LocalDate.of(2022, 1, 8); // day 19000
  static final Instant ISSUED = Instant.ofEpochMilli(1_700_000_000_000L);

  private final String scope = "cel-logical-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final Object[] converters = {"avro.use.logical.type.converters", true};

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void register(Rule... rules) {
    MockContractRegistry.scope(scope).register("invoices-value", SchemaDefinition.of("AVRO", SCHEMA)
        .withMetadata(new Metadata(new TreeMap<>(Map.of("billing.Invoice.due", new TreeSet<>(Set.of("DUE")))), null, null))
        .withRuleSet(RuleSet.ofDomainRules(List.of(rules))));
  }

  private static GenericRecord invoice(LocalDate due) {
    GenericRecord r = new GenericData.Record(new Schema.Parser().parse(SCHEMA));
    r.put("id", "inv-1");
    r.put("due", due);
    r.put("issued", ISSUED);
    r.put("total", new BigDecimal("99.50"));
    return r;
  }

  private byte[] write(GenericRecord record) {
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url, converters), false)) {
      return serializer.serialize("invoices", record);
    }
  }

  private GenericRecord read(byte[] bytes) {
    try (AvroContractDeserializer<GenericRecord> deserializer =
        new AvroContractDeserializer<>(props(url, converters), false)) {
      return deserializer.deserialize("invoices", bytes);
    }
  }

  @Test
  void aConditionSeesADateAsItsDaysAndATimestampAsItsMillis() {
    register(Rule.of("due_after_issue", RuleKind.CONDITION, RuleMode.WRITEREAD, "CEL",
        "message.due == 19000 && message.issued == " + ISSUED.toEpochMilli()));
    assertEquals(DUE, read(write(invoice(DUE))).get("due"));
    assertThrows(RuleFailedException.class, () -> write(invoice(DUE.plusDays(1))));
  }

  @Test
  void aFieldTransformOfADateGivesBackADate() {
    register(Rule.of("extend", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "typeName == 'INT'; value + 30")
        .withTags("DUE"));
    GenericRecord read = read(write(invoice(DUE)));
    assertEquals(DUE.plusDays(30), read.get("due"));
    assertEquals(ISSUED, read.get("issued"));
  }

  @Test
  void aFieldConditionNamesTheLogicalFieldThatFails() {
    register(Rule.of("not_overdue", RuleKind.CONDITION, RuleMode.WRITE, "CEL_FIELD", "value >= 19000").withTags("DUE"));
    write(invoice(DUE));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(invoice(DUE.minusDays(1))));
    assertTrue(e.getMessage().contains("billing.Invoice.due"), e.getMessage());
  }
}
