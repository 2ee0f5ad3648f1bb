package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.TOPIC;
import static io.contractserde.json.EnrichedOrders.props;
import static io.contractserde.json.EnrichedOrders.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JsonContractSerdeTest {
  private final String scope = "json-serde-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private MockContractRegistry registry;

  @BeforeEach
  void register() {
    registry = MockContractRegistry.scope(scope);
    EnrichedOrders.register(registry);
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private JsonContractSerializer<Object> producer(String major) {
    return new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=" + major), false);
  }

  private JsonContractDeserializer<JsonNode> consumer(String major) {
    return major == null
        ? new JsonContractDeserializer<>(props(url), false)
        : new JsonContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=" + major), false);
  }

  @Test
  void producersAndConsumersPinnedToEitherVersionReadEveryCombination() {
    byte[] fromV1 = producer("1").serialize(TOPIC, EnrichedOrders.v1(1));
    byte[] fromV2 = producer("2").serialize(TOPIC, EnrichedOrders.v2(2));
    assertEquals(EnrichedOrders.v1(1), consumer("1").deserialize(TOPIC, fromV1));
    assertEquals(EnrichedOrders.v2(1), consumer("2").deserialize(TOPIC, fromV1), "upgraded: account_id became customer_id");
    assertEquals(EnrichedOrders.v1(2), consumer("1").deserialize(TOPIC, fromV2), "downgraded");
    assertEquals(EnrichedOrders.v2(2), consumer("2").deserialize(TOPIC, fromV2));
    assertEquals(EnrichedOrders.v1(1), consumer(null).deserialize(TOPIC, fromV1), "unpinned: the writer's shape");
    assertEquals(EnrichedOrders.v2(2), consumer(null).deserialize(TOPIC, fromV2), "unpinned: the writer's shape");
  }

  @Test
  void withoutPinningTheSubjectsLatestContractApplies() {
    byte[] bytes = new JsonContractSerializer<>(props(url), false).serialize(TOPIC, EnrichedOrders.v2(3));
    assertEquals(registry.latest(EnrichedOrders.SUBJECT).id(), java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt());
    assertThrows(SchemaViolationException.class,
        () -> new JsonContractSerializer<>(props(url), false).serialize(TOPIC, EnrichedOrders.v1(3)));
  }

  private SchemaViolationException rejected(ObjectNode order) {
    return assertThrows(SchemaViolationException.class, () -> producer("1").serialize(TOPIC, order));
  }

  @Test
  void aWrongTypeIsRejectedWithItsPointer() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.put("quantity", "three");
    SchemaViolationException e = rejected(order);
    assertEquals("/quantity", e.fieldPath());
    assertEquals("type", e.violations().get(0).keyword());
    assertTrue(e.getMessage().contains("topic 'enriched_orders'") && e.getMessage().contains("version 1"), e.getMessage());
  }

  @Test
  void aMissingRequiredFieldIsRejected() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.remove("account_id");
    SchemaViolationException e = rejected(order);
    assertEquals("required", e.violations().get(0).keyword());
    assertTrue(e.getMessage().contains("account_id"), e.getMessage());
  }

  @Test
  void aValueOutsideAConstraintIsRejected() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.put("total", -1);
    assertEquals("/total", rejected(order).fieldPath());
    ObjectNode badProduct = EnrichedOrders.v2(1);
    badProduct.put("product_id", "X-1");
    SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> producer("2").serialize(TOPIC, badProduct));
    assertEquals("/product_id", e.fieldPath(), "a $ref inside the schema is followed");
  }

  @Test
  void anExtraFieldWhereTheSchemaForbidsItIsRejected() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.put("internal_cost", 3);
    order.put("quantity", 0);
    SchemaViolationException e = rejected(order);
    assertEquals(2, e.violations().size(), "every violation is listed: " + e.getMessage());
    assertTrue(e.getMessage().contains("internal_cost") && e.getMessage().contains("/quantity"), e.getMessage());
  }

  @Test
  void domainRulesRunOnJsonToo() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.put("total", 1_000_000);
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> producer("1").serialize(TOPIC, order));
    assertEquals("total_not_absurd", e.ruleName());
  }

  @Test
  void mapsAndPojosAreWrittenAndATargetClassIsRead() {
    Map<String, Object> asMap = new LinkedHashMap<>();
    EnrichedOrders.v1(4).fields().forEachRemaining(f -> asMap.put(f.getKey(), EnrichedOrders.MAPPER.convertValue(f.getValue(), Object.class)));
    byte[] fromMap = producer("1").serialize(TOPIC, asMap);
    OrderV2 pojo = new OrderV2("o-5", "acc-5", "P-5", "Widget 5", 2, 19.0);
    byte[] fromPojo = producer("2").serialize(TOPIC, pojo);
    JsonContractDeserializer<OrderV2> typed = new JsonContractDeserializer<>(
        props(url, "use.latest.with.metadata", "major_version=2", "json.value.type", OrderV2.class.getName()), false);
    assertEquals(new OrderV2("o-4", "acc-4", "P-4", "Widget 4", 5, 47.5), typed.deserialize(TOPIC, fromMap));
    assertEquals(pojo, typed.deserialize(TOPIC, fromPojo));
  }

  /** The v2 document as a Java record. */
  public record OrderV2(String order_id, String customer_id, String product_id, String product_name, int quantity,
      double total) {}

  @Test
  void readValidationCatchesAMigrationThatBreaksTheReadersSchema() {
    registry.register(EnrichedOrders.SUBJECT, SchemaDefinition.of("JSON", EnrichedOrders.V2)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", "3")))
        .withRuleSet(RuleSet.ofMigrationRules(List.of(
            Rule.of("sloppy_up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", "$merge([$, {'customer_id': 7}])"),
            Rule.of("sloppy_down", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA", "$")))));
    byte[] fromV2 = producer("2").serialize(TOPIC, EnrichedOrders.v2(6));
    SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> consumer("3").deserialize(TOPIC, fromV2));
    assertTrue(e.getMessage().contains("/customer_id") && e.getMessage().contains("sloppy_up"), e.getMessage());
  }

  @Test
  void referencesToOtherSubjectsAreResolved() {
    registry.register("money", SchemaDefinition.of("JSON",
        "{\"type\":\"object\",\"properties\":{\"amount\":{\"type\":\"number\",\"minimum\":0},\"currency\":{\"type\":\"string\",\"minLength\":3,\"maxLength\":3}},\"required\":[\"amount\",\"currency\"]}"));
    registry.register("payments-value", new SchemaDefinition("JSON",
        "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},\"price\":{\"$ref\":\"money.json\"}},\"required\":[\"id\",\"price\"]}",
        List.of(new SchemaReference("money.json", "money", 1)), null, null));
    JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props(url), false);
    ObjectNode ok = EnrichedOrders.MAPPER.createObjectNode().put("id", "p1");
    ok.putObject("price").put("amount", 3).put("currency", "EUR");
    assertEquals(ok, new JsonContractDeserializer<JsonNode>(props(url), false).deserialize("payments", serializer.serialize("payments", ok)));
    ObjectNode bad = ok.deepCopy();
    ((ObjectNode) bad.get("price")).put("currency", "EURO");
    SchemaViolationException e = assertThrows(SchemaViolationException.class, () -> serializer.serialize("payments", bad));
    assertEquals("/price/currency", e.fieldPath());
  }

  @Test
  void validationCanBeSwitchedOff() {
    ObjectNode order = EnrichedOrders.v1(1);
    order.put("internal_cost", 3);
    byte[] bytes = new JsonContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=1",
        "json.fail.invalid.schema", false), false).serialize(TOPIC, order);
    assertThrows(SchemaViolationException.class, () -> consumer("1").deserialize(TOPIC, bytes), "the reader still validates");
  }

  // --- malformed payloads ---------------------------------------------------------------------

  private byte[] framed(String payload) {
    return EnrichedOrders.framed(registry, "1", payload, StandardCharsets.UTF_8);
  }


  @Test
  void malformedPayloadsAreSerializationExceptions() {
    for (String payload : List.of("not json", "{\"order_id\": \"o-1\", ", "{} trailing", "", "\u0000\u0001")) {
      for (String major : new String[] {"1", "2"}) {
        SerializationException e = assertThrows(SerializationException.class,
            () -> consumer(major).deserialize(TOPIC, framed(payload)), payload);
        assertFalse(e.getMessage().isBlank());
      }
    }
  }

  @Test
  void deeplyNestedPayloadsAreRejectedBeforeAnyRecursion() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    for (String major : new String[] {"1", "2"}) {
      SerializationException e = assertThrows(SerializationException.class,
          () -> consumer(major).deserialize(TOPIC, framed(deep)));
      assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    }
    SerializationException e = assertThrows(SerializationException.class,
        () -> consumer("1").deserialize(TOPIC, framed("{\"order_id\":" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "}")));
    assertInstanceOf(SerializationException.class, e);
  }
}
