package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.NonConformingRecordException;
import io.contractserde.registry.MockContractRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A conformance error never shows a value of the record: a wrong value is described by its type and
 * length. The one thing it names is an enum symbol outside the set (a name a schema declares), and
 * not even that when the field carries a tag, inline or by a {@code metadata.tags} pattern.
 */
class AvroConformanceMessagesTest {
  private static final String PERSON = """
      {"type":"record","name":"Person","namespace":"hr","fields":[
        {"name":"ssn","type":"long","confluent:tags":["PII"]},
        {"name":"note","type":"string"},
        {"name":"band","type":{"type":"enum","name":"Band","symbols":["LOW","HIGH"]}},
        {"name":"grade","type":{"type":"enum","name":"Grade","symbols":["A","B"]}}]}""";
  private static final Schema SCHEMA = new Schema.Parser().parse(PERSON);

  private final String scope = "avro-messages-" + System.nanoTime();
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

  private static GenericRecord person() {
    GenericRecord p = new GenericData.Record(SCHEMA);
    p.put("ssn", 123456789L);
    p.put("note", "n");
    p.put("band", new GenericData.EnumSymbol(SCHEMA.getField("band").schema(), "LOW"));
    p.put("grade", new GenericData.EnumSymbol(SCHEMA.getField("grade").schema(), "A"));
    return p;
  }

  private NonConformingRecordException rejected(GenericRecord record) {
    AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(props(url, "use.latest.version", true), false);
    return assertThrows(NonConformingRecordException.class, () -> serializer.serialize("people", record));
  }

  @Test
  void aTransformThatPutsAStringIntoATaggedFieldIsRejectedWithoutShowingTheString() {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON).withRuleSet(RuleSet.ofDomainRules(List.of(
        Rule.of("fill", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", "$merge([$, {'ssn': '123-45-6789'}])")))));
    NonConformingRecordException e = rejected(person());
    assertEquals("ssn", e.fieldPath());
    assertEquals("string of 11 characters", e.actual());
    assertFalse(e.getMessage().contains("123-45-6789"), e.getMessage());
  }

  @Test
  void aWrongNumberIsDescribedByItsTypeAlone() {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON).withRuleSet(RuleSet.ofDomainRules(List.of(
        Rule.of("fill", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", "$merge([$, {'note': 987654321}])")))));
    NonConformingRecordException e = rejected(person());
    assertEquals("note", e.fieldPath());
    assertFalse(e.getMessage().contains("987654321"), e.getMessage());
  }

  @Test
  void anEnumSymbolOutsideTheSetIsNamedOnlyWhenItsFieldCarriesNoTag() {
    registry.register("people-value", SchemaDefinition.of("AVRO", PERSON).withMetadata(
        new Metadata(new TreeMap<>(Map.of("hr.Person.grade", new TreeSet<>(List.of("CONFIDENTIAL")))), null, null)));
    Schema otherBand = new Schema.Parser().parse("{\"type\":\"enum\",\"name\":\"Band\",\"namespace\":\"hr\",\"symbols\":[\"SECRETBAND\"]}");
    GenericRecord p = person();
    p.put("band", new GenericData.EnumSymbol(otherBand, "SECRETBAND"));
    NonConformingRecordException e = rejected(p);
    assertEquals("band", e.fieldPath());
    assertTrue(e.getMessage().contains("SECRETBAND"), "an untagged field's symbol is named: " + e.getMessage());

    Schema otherGrade = new Schema.Parser().parse("{\"type\":\"enum\",\"name\":\"Grade\",\"namespace\":\"hr\",\"symbols\":[\"TOPSECRET\"]}");
    GenericRecord q = person();
    q.put("grade", new GenericData.EnumSymbol(otherGrade, "TOPSECRET"));
    e = rejected(q);
    assertEquals("grade", e.fieldPath());
    assertEquals("enum symbol of 9 characters", e.actual());
    assertFalse(e.getMessage().contains("TOPSECRET"), e.getMessage());
  }
}
