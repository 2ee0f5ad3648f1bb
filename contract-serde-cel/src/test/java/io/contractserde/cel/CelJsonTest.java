package io.contractserde.cel;

import static io.contractserde.cel.Customers.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.json.JsonContractDeserializer;
import io.contractserde.json.JsonContractSerializer;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** CEL and CEL_FIELD rules on JSON Schema documents: JsonNodes, maps and POJOs. */
class CelJsonTest {
  static final String SCHEMA = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Order","type":"object",
       "required":["id","amount"],
       "properties":{
         "id":{"type":"string"},
         "amount":{"type":"integer"},
         "rate":{"type":"number"},
         "paid":{"type":"boolean"},
         "kind":{"enum":["WEB","STORE"]},
         "customer":{"$ref":"#/definitions/Customer"},
         "emails":{"type":"array","items":{"type":"string"},"confluent:tags":["PII"]},
         "attributes":{"type":"object","additionalProperties":{"type":"string"}},
         "coupon":{"type":["string","null"],"confluent:tags":["PII"]}
       },
       "definitions":{"Customer":{"type":"object","properties":{
         "name":{"type":"string","confluent:tags":["PII"]},
         "city":{"type":"string"}}}}}""";
  /** Reads fractions as exact decimals, as the JSON serde does. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .build();

  private final String scope = "cel-json-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private void register(Rule... rules) {
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("$.attributes", new TreeSet<>(List.of("PII")));
    tags.put("$.**.city", new TreeSet<>(List.of("LOCATION")));
    MockContractRegistry.scope(scope).register("orders-value", SchemaDefinition.of("JSON", SCHEMA)
        .withMetadata(new Metadata(tags, null, null))
        .withRuleSet(RuleSet.ofDomainRules(List.of(rules))));
  }

  static ObjectNode order(int amount) {
    try {
      return (ObjectNode) JSON.readTree("""
          {"id":"o-1","amount":%d,"rate":0.5,"paid":true,"kind":"WEB",
           "customer":{"name":"Ada Lovelace","city":"London"},
           "emails":["ada@example.com","a.l@example.org"],
           "attributes":{"gift":"yes"},"coupon":"SAVE10"}""".formatted(amount));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private byte[] write(Object value) {
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props(url), false)) {
      return serializer.serialize("orders", value);
    }
  }

  private JsonNode read(byte[] bytes) {
    try (JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(props(url), false)) {
      return deserializer.deserialize("orders", bytes);
    }
  }

  @Test
  void aConditionSeesTheDocumentAsMapsAndLists() {
    register(Rule.of("big_web_order", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.amount > 100 && message.kind == 'WEB' && message.rate < 1 && message.paid"
            + " && message.customer.city == 'London' && message.emails.all(e, e.isEmail())"
            + " && message.attributes.gift == 'yes'"));
    assertEquals(500, read(write(order(500))).get("amount").asInt());
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(order(5)));
    assertEquals("big_web_order", e.ruleName());
  }

  @Test
  void anExactDecimalOutsideTheSchemaIsADoubleToCel() {
    register(Rule.of("small_tip", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.tip < 1.0 && message.tip * 4.0 == 1.0"));
    ObjectNode doc = order(5);
    doc.put("tip", new java.math.BigDecimal("0.25"));
    assertEquals(new java.math.BigDecimal("0.25"), read(write(doc)).get("tip").decimalValue());
    doc.put("tip", new java.math.BigDecimal("1.5"));
    assertThrows(RuleFailedException.class, () -> write(doc));
  }

  @Test
  void aMapOrAPojoIsBoundTheSameWay() {
    register(Rule.of("positive", RuleKind.CONDITION, RuleMode.WRITE, "CEL", "message.amount > 0"));
    write(Map.of("id", "o-2", "amount", 3));
    write(new Order("o-3", 4));
    assertThrows(RuleFailedException.class, () -> write(new Order("o-4", -1)));
  }

  @Test
  void undeclaredPropertiesAreVisibleAndAbsentOnesAreNot() {
    register(Rule.of("app_orders_have_no_coupon", RuleKind.CONDITION, RuleMode.WRITE, "CEL",
        "message.channel == 'app' && !has(message.coupon) && has(message.id) && size(message) == 9"));
    ObjectNode doc = order(5);
    doc.remove("coupon");
    doc.put("channel", "app");
    write(doc);
    doc.put("coupon", "SAVE10");
    assertThrows(RuleFailedException.class, () -> write(doc));
  }

  @Test
  void aTransformReturnsANewDocument() {
    register(Rule.of("discount", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL",
        "{'id': message.id.upperAscii(), 'amount': message.amount - 10, 'kind': 'STORE'}"));
    ObjectNode original = order(100);
    JsonNode read = read(write(original));
    assertEquals(order(100), original, "the caller's document is not modified");
    assertEquals("O-1", read.get("id").asText());
    assertEquals(90, read.get("amount").asInt());
    assertEquals("STORE", read.get("kind").asText());
    assertTrue(read.get("customer") == null);
  }

  @Test
  void aTransformWhoseResultBreaksTheSchemaIsRejected() {
    register(Rule.of("break", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL", "{'id': message.id, 'amount': 'lots'}"));
    Exception e = assertThrows(Exception.class, () -> write(order(1)));
    assertTrue(e.getMessage().contains("/amount"), e.getMessage());
  }

  @Test
  void aFieldTransformReachesTaggedPropertiesThroughRefsArraysMapsAndTypeLists() {
    register(Rule.of("mask", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "'<' + name + '>'").withTags("PII"));
    ObjectNode original = order(100);
    JsonNode read = read(write(original));
    assertEquals(order(100), original, "the caller's document is not modified");
    assertEquals("<name>", read.at("/customer/name").asText(), "inline tag through $ref");
    assertEquals("London", read.at("/customer/city").asText());
    assertEquals("<emails>", read.at("/emails/0").asText(), "array items share the property's tags");
    assertEquals("<emails>", read.at("/emails/1").asText());
    assertEquals("<attributes>", read.at("/attributes/gift").asText(), "map values tagged by metadata.tags");
    assertEquals("<coupon>", read.at("/coupon").asText(), "a list of types");
    assertEquals("o-1", read.at("/id").asText());
  }

  @Test
  void aFieldRuleSeesJsonFullNamesAndTypes() {
    register(
        Rule.of("city", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "fullName + ':' + typeName")
            .withTags("LOCATION"),
        Rule.of("amount", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD",
            "name == 'amount' ? value * 2 : name == 'rate' ? value * 2.0 : value"));
    JsonNode read = read(write(order(21)));
    assertEquals("$.customer.city:STRING", read.at("/customer/city").asText());
    assertEquals(42, read.at("/amount").asInt());
    assertTrue(read.at("/amount").isIntegralNumber());
    assertEquals(1.0, read.at("/rate").asDouble());
  }

  @Test
  void aFieldTransformWithABadlyTypedResultFailsNamingTheField() {
    register(Rule.of("amount", RuleKind.TRANSFORM, RuleMode.WRITE, "CEL_FIELD", "name == 'amount'; 'many'"));
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(order(1)));
    assertTrue(e.getMessage().contains("field $.amount: the transform's result does not fit the field: expected long,"
        + " got String"), e.getMessage());
  }

  @Test
  void readRulesOnPojoConsumersHandBackThePojo() {
    register(
        Rule.of("upper", RuleKind.TRANSFORM, RuleMode.READ, "CEL_FIELD", "name == 'id'; value.upperAscii()"),
        Rule.of("positive", RuleKind.CONDITION, RuleMode.READ, "CEL", "message.amount > 0"));
    byte[] bytes = write(new Order("o-5", 8));
    try (JsonContractDeserializer<Order> deserializer =
        new JsonContractDeserializer<>(props(url, "json.value.type", Order.class.getName()), false)) {
      Order read = assertInstanceOf(Order.class, deserializer.deserialize("orders", bytes));
      assertEquals("O-5", read.id);
      assertEquals(8, read.amount);
      assertThrows(RuleFailedException.class, () -> deserializer.deserialize("orders", write(new Order("o-6", 0))));
    }
  }

  @Test
  void aWriteReadFieldConditionNamesThePropertyThatFailed() {
    // The absent coupon (["string","null"], PII) is visited too, as a null typed NULL (as the incumbent does).
    register(Rule.of("emails", RuleKind.CONDITION, RuleMode.WRITEREAD, "CEL_FIELD", "value == null || value.isEmail()")
        .withTags("PII"));
    ObjectNode good = order(1);
    good.remove(List.of("coupon", "attributes"));
    ((ObjectNode) good.get("customer")).remove("name");
    assertEquals(good, read(write(good)), "every PII value is an email: passes on write and on read");
    ObjectNode bad = good.deepCopy();
    bad.withArray("emails").add("nope");
    RuleFailedException e = assertThrows(RuleFailedException.class, () -> write(bad));
    assertTrue(e.getMessage().contains("(field '$.emails')"), e.getMessage());
  }

  /** A POJO producers and consumers use instead of a JsonNode. */
  public static final class Order {
    public String id;
    public int amount;

    public Order() {}

    Order(String id, int amount) {
      this.id = id;
      this.amount = amount;
    }
  }
}
