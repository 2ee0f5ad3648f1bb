package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Status;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroSpecificRecordTest {
  static final String V1 = """
      {"type":"record","name":"Order","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"id","type":"string"},{"name":"amount","type":"int"}]}""";

  private final String scope = "avro-specific-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @BeforeEach
  void register() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("orders-value", SchemaDefinition.of("AVRO", V1)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "1"))));
    registry.register("orders-value", SchemaDefinition.of("AVRO", Order.SCHEMA$.toString())
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "2")))
        .withRuleSet(RuleSet.ofMigrationRules(List.of(
            Rule.of("add_status", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", "$merge([$, {'status': 'NEW'}])"),
            Rule.of("drop_status", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
                "$sift($, function($v, $k) {$k != 'status'})")))));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  @Test
  void specificRecordsAreWrittenAndReadBack() {
    byte[] bytes = new AvroContractSerializer<>(props(url), false).serialize("orders", new Order("o-1", 250, Status.PAID));
    Object read = new AvroContractDeserializer<>(props(url, "specific.avro.reader", true), false).deserialize("orders", bytes);
    Order order = assertInstanceOf(Order.class, read);
    assertEquals("o-1", order.id.toString());
    assertEquals(250, order.amount);
    assertEquals(Status.PAID, order.status);
  }

  @Test
  void aV1GenericRecordIsMigratedIntoTheGeneratedV2Class() {
    GenericRecord v1 = new GenericData.Record(new Schema.Parser().parse(V1));
    v1.put("id", "o-2");
    v1.put("amount", 99);
    byte[] bytes = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1"), false)
        .serialize("orders", v1);
    Object read = new AvroContractDeserializer<>(props(url, "specific.avro.reader", true,
        "use.latest.with.metadata", "major_version=2"), false).deserialize("orders", bytes);
    Order order = assertInstanceOf(Order.class, read);
    assertEquals(99L, order.amount);
    assertEquals(Status.NEW, order.status);
  }

  @Test
  void aSpecificRecordIsDowngradedForAGenericV1Consumer() {
    byte[] bytes = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=2"), false)
        .serialize("orders", new Order("o-3", 7, Status.PAID));
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url, "use.latest.with.metadata", "major_version=1"), false)
        .deserialize("orders", bytes);
    assertEquals(7, read.get("amount"));
    assertEquals(2, read.getSchema().getFields().size());
  }
}
