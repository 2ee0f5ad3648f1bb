package io.contractserde.json;

import static io.contractserde.testing.SerdeProps.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JSON numbers stay exact (floats are read as {@code BigDecimal}, as the incumbent reads them),
 * POJOs with the everyday JDK types ({@code Instant}, {@code LocalDate}, {@code Optional}) are
 * written and read as the incumbent's mapper does, and an application can adjust the mapper through
 * {@code json.object.mapper.customizer} or hand in its own {@code ObjectMapper}.
 */
class JsonNumbersAndTypesTest {
  private static final String TOPIC = "payments";
  private static final String SUBJECT = TOPIC + "-value";
  private static final BigDecimal EXACT = new BigDecimal("12345678901234567.123456789");
  private static final String PAYMENT = """
      {"type":"object","properties":{
        "amount":{"type":"number","minimum":0},
        "count":{"type":"integer"}},
       "required":["amount"]}""";

  private final String scope = "json-numbers-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);
  private int versions;

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  /** A payment as a POJO with everyday types. */
  public record Payment(BigDecimal amount, Instant at, LocalDate day, Optional<String> note) {}

  /** A bean whose property names a naming strategy changes. */
  public record Named(String fullName) {}

  private void register(String schema, Rule... rules) {
    registry.register(SUBJECT, SchemaDefinition.of("JSON", schema)
        .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(++versions))))
        .withRuleSet(rules.length == 0 ? null : new RuleSet(
            Arrays.stream(rules).filter(r -> r.mode() == RuleMode.UPGRADE || r.mode() == RuleMode.DOWNGRADE).toList(),
            Arrays.stream(rules).filter(r -> r.mode() == RuleMode.WRITE).toList(), null, null)));
  }

  private byte[] write(Object value, Object... pairs) {
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(props(url, pairs), false)) {
      byte[] bytes = serializer.serialize(TOPIC, value);
      return Arrays.copyOf(bytes, bytes.length);
    }
  }

  private <T> T read(byte[] bytes, Object... pairs) {
    try (JsonContractDeserializer<T> deserializer = new JsonContractDeserializer<>(props(url, pairs), false)) {
      return deserializer.deserialize(TOPIC, bytes);
    }
  }

  private static String payload(byte[] bytes) {
    return new String(bytes, 5, bytes.length - 5, StandardCharsets.UTF_8);
  }

  @Test
  void aBigDecimalIsWrittenAndReadBackExactly() {
    register(PAYMENT);
    Map<String, Object> payment = new LinkedHashMap<>();
    payment.put("amount", EXACT);
    payment.put("count", new BigInteger("123456789012345678901234567890"));
    byte[] bytes = write(payment);
    assertEquals("{\"amount\":12345678901234567.123456789,\"count\":123456789012345678901234567890}", payload(bytes));

    JsonNode node = read(bytes);
    assertTrue(node.get("amount").isBigDecimal(), node.get("amount").getNodeType().toString());
    assertEquals(EXACT, node.get("amount").decimalValue());
    assertEquals(new BigInteger("123456789012345678901234567890"), node.get("count").bigIntegerValue());

    Payment pojo = read(bytes, "json.value.type", Payment.class.getName(), "json.fail.unknown.properties", false);
    assertEquals(EXACT, pojo.amount());
  }

  @Test
  void exactDecimalsAreValidatedAgainstTheSchema() {
    register(PAYMENT.replace("\"minimum\":0", "\"minimum\":0,\"multipleOf\":0.000000001"));
    byte[] bytes = write(Map.of("amount", EXACT));
    assertEquals(EXACT, this.<JsonNode>read(bytes).get("amount").decimalValue());
    SchemaViolationException negative = assertThrows(SchemaViolationException.class,
        () -> write(Map.of("amount", EXACT.negate())));
    assertTrue(negative.getMessage().contains("/amount"), negative.getMessage());
    assertThrows(SchemaViolationException.class, () -> write(Map.of("amount", new BigDecimal("0.0000000001"))));
  }

  @Test
  void jsonataRulesAndMigrationsKeepAnExactNumberExact() {
    register(PAYMENT, Rule.of("positive", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "amount > 1000"));
    register(PAYMENT.replace("\"amount\"", "\"total\""),
        Rule.of("positive2", RuleKind.CONDITION, RuleMode.WRITE, "JSONATA", "total > 1000"),
        Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
            "$merge([$sift($, function($v, $k) {$k != 'amount'}), {'total': $.amount}])"),
        Rule.of("down", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
            "$merge([$sift($, function($v, $k) {$k != 'total'}), {'amount': $.total}])"));
    byte[] v1 = write(Map.of("amount", EXACT), "use.latest.with.metadata", "v=1");
    assertThrows(RuleFailedException.class, () -> write(Map.of("amount", new BigDecimal("999.5")),
        "use.latest.with.metadata", "v=1"), "the condition compares a BigDecimal");

    JsonNode upgraded = read(v1, "use.latest.with.metadata", "v=2");
    assertEquals(EXACT, upgraded.get("total").decimalValue(), upgraded.toString());

    byte[] v2 = write(Map.of("total", EXACT), "use.latest.with.metadata", "v=2");
    JsonNode downgraded = read(v2, "use.latest.with.metadata", "v=1");
    assertEquals(EXACT, downgraded.get("amount").decimalValue(), downgraded.toString());
  }

  private static final String WITH_TIMES = """
      {"type":"object","properties":{
        "amount":{"type":"number"},
        "at":{"type":["number","string"]},
        "day":{"type":["array","string"]},
        "note":{"type":["string","null"]}},
       "required":["amount","at","day"]}""";
  private static final Payment PAYMENT_POJO = new Payment(EXACT, Instant.parse("2023-11-14T22:13:20.123456789Z"),
      LocalDate.of(2024, 1, 15), Optional.of("rent"));

  @Test
  void aPojoWithInstantLocalDateAndOptionalIsWrittenAsTheIncumbentWritesIt() {
    register(WITH_TIMES);
    byte[] bytes = write(PAYMENT_POJO);
    // The incumbent's default (json.write.dates.iso8601=false): dates as timestamps.
    assertEquals("{\"amount\":12345678901234567.123456789,\"at\":1700000000.123456789,\"day\":[2024,1,15],"
        + "\"note\":\"rent\"}", payload(bytes));
    assertEquals(PAYMENT_POJO, read(bytes, "json.value.type", Payment.class.getName()));

    Payment empty = new Payment(BigDecimal.ONE, PAYMENT_POJO.at(), PAYMENT_POJO.day(), Optional.empty());
    assertEquals(empty, read(write(empty), "json.value.type", Payment.class.getName()));
  }

  @Test
  void datesAreWrittenAsIso8601StringsWhenAsked() {
    register(WITH_TIMES);
    byte[] bytes = write(PAYMENT_POJO, "json.write.dates.iso8601", true);
    assertEquals("{\"amount\":12345678901234567.123456789,\"at\":\"2023-11-14T22:13:20.123456789Z\","
        + "\"day\":\"2024-01-15\",\"note\":\"rent\"}", payload(bytes));
    assertEquals(PAYMENT_POJO, read(bytes, "json.value.type", Payment.class.getName()));
  }

  /** Writes property names in snake case. */
  public static final class SnakeCase implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
  }

  @Test
  void aCustomizerNamedInTheConfigurationAdjustsTheMapperOfSerializerAndDeserializer() {
    register("{\"type\":\"object\",\"properties\":{\"full_name\":{\"type\":\"string\"}},\"required\":[\"full_name\"],"
        + "\"additionalProperties\":false}");
    byte[] bytes = write(new Named("Ada"), "json.object.mapper.customizer", SnakeCase.class.getName());
    assertEquals("{\"full_name\":\"Ada\"}", payload(bytes));
    assertEquals(new Named("Ada"), read(bytes, "json.value.type", Named.class.getName(),
        "json.object.mapper.customizer", SnakeCase.class.getName()));
    assertThrows(SchemaViolationException.class, () -> write(new Named("Ada")), "without it: fullName");
  }

  @Test
  void aCustomizerThatIsNoCustomizerIsAConfigError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new JsonContractSerializer<>(props(url, "json.object.mapper.customizer", String.class.getName()), false));
    assertTrue(e.getMessage().contains(ObjectMapperCustomizer.class.getName()), e.getMessage());
  }

  @Test
  void anApplicationsOwnObjectMapperIsUsedAndNeverChanged() {
    register("{\"type\":\"object\",\"properties\":{\"full_name\":{\"type\":\"string\"}},\"required\":[\"full_name\"]}");
    ObjectMapper own = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    byte[] bytes;
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(own)) {
      serializer.configure(props(url), false);
      bytes = serializer.serialize(TOPIC, new Named("Grace"));
    }
    assertEquals("{\"full_name\":\"Grace\"}", payload(bytes));
    try (JsonContractDeserializer<Named> deserializer = new JsonContractDeserializer<>(
        props(url, "json.value.type", Named.class.getName()), false, own)) {
      assertEquals(new Named("Grace"), deserializer.deserialize(TOPIC, bytes));
    }
    try (JsonContractSerde<Object> serde = new JsonContractSerde<>(own)) {
      serde.configure(props(url), false);
      assertEquals("{\"full_name\":\"Grace\"}", payload(serde.serializer().serialize(TOPIC, new Named("Grace"))));
    }
    assertTrue(own.getFactory().streamReadConstraints().getMaxNestingDepth() > 200, "the caller's mapper untouched");
    assertEquals(List.of(), List.copyOf(own.getRegisteredModuleIds()), "no modules added to the caller's mapper");
  }
}
