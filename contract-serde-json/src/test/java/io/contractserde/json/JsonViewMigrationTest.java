package io.contractserde.json;

import static io.contractserde.testing.SerdeProps.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleExecutor;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Migrations of JSON documents read as views of their Jackson trees give the documents the
 * interpreter gives ({@code jsonata.compiled=false}, {@code migration.fast.path=false}) and the
 * documents of the plain path, where every record is converted to maps and back (a mapper with an
 * identical {@code String} serializer of its own, which turns views off): computed and renamed
 * fields over up to three hops up and down, one of them without rules, nested objects read and
 * passed through, moved, or changed in place by a custom rule executor through {@code put}, exact
 * decimals and big integers, nulls, key order and node types.
 */
class JsonViewMigrationTest {
  private static final String TOPIC = "people";
  private static final String V1 = """
      {"type":"object","properties":{"id":{"type":"integer"},"name":{"type":"string"},
       "ssn":{"type":"string"},"address":{"type":"object","required":["city"]},"tags":{"type":"array"},
       "amount":{"type":"number"}},"required":["id","name","ssn","address"]}""";
  private static final String V2 = """
      {"type":"object","properties":{"id":{"type":"integer"},"first":{"type":"string"},
       "last":{"type":"string"},"national_id":{"type":"string"},"city":{"type":"string"},
       "address":{"type":"object"}},"required":["id","first","last","national_id"]}""";
  private static final String V3 = V2.replace("\"required\":[\"id\",", "\"required\":[\"id\",\"city\",");
  private static final String V4 = """
      {"type":"object","properties":{"id":{"type":"integer"},"home":{"type":"object"},
       "label":{"type":"string"},"stamp":{"type":"string"}},"required":["id","home","label"]}""";

  private static final String SPLIT = "$merge([$sift($, function($v, $k) {$k != 'name' and $k != 'ssn'}),"
      + " {'first': $substringBefore(name, ' '), 'last': $substringAfter(name, ' '), 'national_id': $.'ssn',"
      + " 'city': address.city, 'address': $merge([address, {'city': $uppercase(address.city)}])}])";
  private static final String JOIN = "$merge([$sift($, function($v, $k) {$k != 'first' and $k != 'last'"
      + " and $k != 'national_id' and $k != 'city'}), {'name': first & ' ' & last, 'ssn': national_id}])";
  private static final String MOVE = "$merge([$sift($, function($v, $k) {$k != 'address'}),"
      + " {'home': address, 'label': last & ', ' & first}])";
  private static final String MOVE_BACK = "$merge([$sift($, function($v, $k) {$k != 'home' and $k != 'label'"
      + " and $k != 'stamp'}), {'address': home}])";

  private final String scope = "json-view-migration-" + System.nanoTime();
  private final String url = "mock://" + scope;

  /**
   * A rule of type STAMP that changes the record in place: with expression {@code nested}, a tag
   * added to its list and, for odd ids, a country put into its address, leaving the record itself
   * as it is; with {@code stamp}, a stamp put on the record.
   */
  public static final class StampExecutor implements RuleExecutor {
    @Override
    public String type() {
      return "STAMP";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object transform(RuleContext ctx, Object message) {
      Map<String, Object> record = (Map<String, Object>) ctx.toModel(message);
      if (ctx.rule().expr().equals("stamp")) {
        record.put("stamp", "stamped " + record.get("id"));
        return record;
      }
      ((List<Object>) record.get("tags")).add("seen");
      if (((Number) record.get("id")).intValue() % 2 == 1) {
        ((Map<String, Object>) record.get("address")).put("country", "NZ");
      }
      return record;
    }
  }

  /** Writes strings as Jackson does, through a serializer of its own: the mapper then makes no views. */
  public static final class OwnStringSerializer implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.registerModule(new SimpleModule().addSerializer(String.class, new StdSerializer<>(String.class) {
        @Override
        public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
          gen.writeString(value);
        }
      }));
    }
  }

  @BeforeEach
  void register() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register(TOPIC + "-value", version(V1, 1));
    registry.register(TOPIC + "-value", version(V2, 2).withRuleSet(RuleSet.ofMigrationRules(List.of(
        Rule.of("split", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", SPLIT),
        Rule.of("tag", RuleKind.TRANSFORM, RuleMode.UPGRADE, "STAMP", "nested"),
        Rule.of("join", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA", JOIN)))));
    registry.register(TOPIC + "-value", version(V3, 3));
    registry.register(TOPIC + "-value", version(V4, 4).withRuleSet(RuleSet.ofMigrationRules(List.of(
        Rule.of("move", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", MOVE),
        Rule.of("stamp", RuleKind.TRANSFORM, RuleMode.UPGRADE, "STAMP", "stamp"),
        Rule.of("move_back", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA", MOVE_BACK)))));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private static SchemaDefinition version(String schema, int major) {
    return SchemaDefinition.of("JSON", schema)
        .withMetadata(Metadata.ofProperties(Map.of("major_version", String.valueOf(major))));
  }

  /** The three ways to read: views and compiled rules, the interpreter, the plain path. */
  private enum Path { COMPILED, INTERPRETED, PLAIN }

  private Map<String, Object> config(int major, Path path) {
    boolean compiled = path != Path.INTERPRETED;
    Map<String, Object> props = props(url, "use.latest.with.metadata", "major_version=" + major,
        "jsonata.compiled", String.valueOf(compiled), "migration.fast.path", String.valueOf(compiled),
        "rule.executors", "stamp", "rule.executors.stamp.class", StampExecutor.class.getName());
    if (path == Path.PLAIN) {
      props.put("json.object.mapper.customizer", OwnStringSerializer.class.getName());
    }
    return props;
  }

  private byte[] write(int major, String json) throws IOException {
    try (JsonContractSerializer<Object> serializer = new JsonContractSerializer<>(config(major, Path.COMPILED), false)) {
      return serializer.serialize(TOPIC, new JsonFormat(new JsonContractSerdeConfig(props(url)), false, null).mapper()
          .readTree(json));
    }
  }

  private JsonNode read(int major, Path path, byte[] bytes) {
    try (JsonContractDeserializer<JsonNode> deserializer = new JsonContractDeserializer<>(config(major, path), false)) {
      return deserializer.deserialize(TOPIC, bytes);
    }
  }

  /** Reads {@code bytes} as {@code major} on all three paths: the same document, node for node. */
  private JsonNode readAlike(int major, byte[] bytes) {
    JsonNode compiled = read(major, Path.COMPILED, bytes);
    JsonNode interpreted = read(major, Path.INTERPRETED, bytes);
    JsonNode plain = read(major, Path.PLAIN, bytes);
    assertTrue(JsonDataModel.sameTree(interpreted, compiled), "interpreted " + interpreted + "\n compiled " + compiled);
    assertTrue(JsonDataModel.sameTree(plain, compiled), "plain " + plain + "\n compiled " + compiled);
    return compiled;
  }

  private static String person(int id) {
    return "{\"id\":" + id + ",\"name\":\"Ada Lovelace\",\"ssn\":\"123-45-6789\",\"note\":null,"
        + "\"address\":{\"street\":\"1 Main\",\"city\":\"London\",\"zip\":null,\"geo\":{\"lat\":51.50,\"lon\":-0.0}},"
        + "\"tags\":[\"a\",{\"k\":1.10},[1e3]],\"amount\":1.10,\"big\":12345678901234567890123,\"n\":-2147483649}";
  }

  @Test
  void upgradesOverOneTwoAndThreeHopsGiveTheDocumentsOfTheInterpreterAndOfThePlainPath() throws IOException {
    for (int id : new int[] {6, 7}) {
      byte[] v1 = write(1, person(id));
      JsonNode v2 = readAlike(2, v1);
      assertEquals("[\"id\",\"note\",\"address\",\"tags\",\"amount\",\"big\",\"n\",\"first\",\"last\",\"national_id\","
          + "\"city\"]", names(v2));
      assertEquals("London", v2.get("city").textValue());
      assertEquals("LONDON", v2.get("address").get("city").textValue());
      assertEquals(id % 2 == 1, v2.get("address").has("country"), v2.toString());
      assertEquals("[\"a\",{\"k\":1.10},[1E+3],\"seen\"]", v2.get("tags").toString());
      assertEquals(new BigDecimal("1.10"), v2.get("amount").decimalValue(), "exact, trailing zero kept");
      assertTrue(v2.get("big").isBigInteger() && v2.get("n").isLong(), v2.toString());
      readAlike(3, v1);
      JsonNode v4 = readAlike(4, v1);
      assertEquals("stamped " + id, v4.get("stamp").textValue());
      assertEquals("Lovelace, Ada", v4.get("label").textValue());
      assertEquals("[\"a\",{\"k\":1.10},[1E+3],\"seen\"]", v4.get("tags").toString());
      assertEquals(id % 2 == 1, v4.get("home").has("country"), v4.toString());
      assertEquals("{\"lat\":51.50,\"lon\":0.0}", v4.get("home").get("geo").toString());
    }
  }

  @Test
  void downgradesOverOneTwoAndThreeHopsGiveTheDocumentsOfTheInterpreterAndOfThePlainPath() throws IOException {
    byte[] v1 = write(1, person(7));
    byte[] v4 = write(4, readAlike(4, v1).toString());
    readAlike(3, v4);
    readAlike(2, v4);
    JsonNode back = readAlike(1, v4);
    assertEquals("Ada Lovelace", back.get("name").textValue());
    assertEquals("123-45-6789", back.get("ssn").textValue());
    assertEquals("NZ", back.get("address").get("country").textValue(), "the in-place change went the whole way");
    assertFalse(back.has("stamp") || back.has("home") || back.has("first"), back.toString());
    assertEquals(new BigDecimal("1.10"), back.get("amount").decimalValue());
  }

  @Test
  void theViewOfTheSerdesMapperIsWhatTheCompiledPathReads() {
    assertTrue(new JsonDataModel(new JsonFormat(new JsonContractSerdeConfig(props(url)), false, null).mapper())
        .viewable(), "else the compiled path above would be the plain path too");
    assertFalse(new JsonDataModel(new JsonFormat(new JsonContractSerdeConfig(config(1, Path.PLAIN)), false, null)
        .mapper()).viewable(), "else the plain path above would read views too");
  }

  private static String names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names.stream().map(n -> "\"" + n + "\"").toList().toString().replace(", ", ",");
  }
}
