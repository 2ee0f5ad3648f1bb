package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.wire.WireFormat;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * {@code normalize.schemas}: the record's schema is put in the incumbent's normalized form before
 * it is looked up or registered, so a schema spelled differently (attribute order, a namespace
 * given apart, unsorted aliases) finds the version registered in normal form.
 */
class AvroNormalizeSchemasTest {
  static final String SPELLED = """
      {"fields": [{"type": "string", "name": "id"},
                  {"default": 0, "name": "amount", "type": {"type": "long"}, "aliases": ["total", "sum"]}],
       "namespace": "shop", "type": "record", "name": "Order", "doc": "An order"}""";

  @Test
  void theNormalFormHasFullNamesFixedAttributeOrderAndSortedAliases() {
    assertEquals("{\"name\":\"shop.Order\",\"type\":\"record\",\"fields\":["
        + "{\"name\":\"id\",\"type\":\"string\",\"order\":\"ASCENDING\"},"
        + "{\"name\":\"amount\",\"type\":\"long\",\"order\":\"ASCENDING\",\"aliases\":[\"sum\",\"total\"],"
        + "\"default\":0}],\"doc\":\"An order\"}",
        new AvroFormat(AvroDatumKinds.DEFAULT).normalize(SchemaDefinition.of("AVRO", SPELLED)).schema());
  }

  @Test
  void logicalTypesKeepTheirAttributesInNormalForm() {
    String decimal = "{\"type\":\"bytes\",\"scale\":2,\"precision\":9,\"logicalType\":\"decimal\"}";
    assertEquals("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}",
        new AvroFormat(AvroDatumKinds.DEFAULT).normalize(SchemaDefinition.of("AVRO", decimal)).schema());
  }

  @Test
  void aDifferentSpellingFindsTheVersionRegisteredInNormalFormOnlyWhenNormalizing() {
    String scope = "normalize-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    String normal = new AvroFormat(AvroDatumKinds.DEFAULT).normalize(SchemaDefinition.of("AVRO", SPELLED)).schema();
    RegisteredSchema registered = registry.register("orders-value", SchemaDefinition.of("AVRO", normal));
    GenericRecord order = new GenericData.Record(new Schema.Parser().parse(SPELLED));
    order.put("id", "o-1");
    order.put("amount", 5L);

    AvroContractSerializer<Object> plain = new AvroContractSerializer<>(Accounts.props("mock://" + scope), false);
    assertThrows(SerializationException.class, () -> plain.serialize("orders", order));
    AvroContractSerializer<Object> normalizing = new AvroContractSerializer<>(
        Accounts.props("mock://" + scope, "normalize.schemas", true), false);
    byte[] bytes = normalizing.serialize("orders", order);
    assertArrayEquals(WireFormat.idPrefix(registered.id()), Arrays.copyOf(bytes, 5));
  }
}
