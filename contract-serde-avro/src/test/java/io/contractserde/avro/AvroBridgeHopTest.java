package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Status;
import io.contractserde.registry.MockContractRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hop without migration rules inside a chain that has rules elsewhere is bridged by Avro's own
 * schema resolution (aliases followed, enum defaults applied, defaults only where resolution gives
 * them), wherever it sits: first or last, upgrading or downgrading. Each expectation is checked
 * against {@code GenericDatumReader(writer, reader)} on the hop itself.
 */
class AvroBridgeHopTest {
  private static final String SUBJECT = "people-value";
  private static final String TOPIC = "people";
  private final String scope = "avro-bridge-" + System.nanoTime();

  @AfterEach
  void dropScope() {
    MockContractRegistry.dropScope(scope);
  }

  // --- an upgrade chain: v1 -> v2 (no rules: rename by alias, enum symbol dropped) -> v3 (rules)

  static final String UP1 = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"name","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","LEGACY"]}}]}""";
  /** v2 renames name to full_name by alias and drops LEGACY, which an enum default now absorbs. */
  static final String UP2 = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"full_name","type":"string","aliases":["name"]DEFAULT},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","UNKNOWN"],
          "default":"UNKNOWN"}}]}""";
  /** v3 adds greeting, filled by its UPGRADE rule, or renames full_name to display_name. */
  static final String UP3_GREETING = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"full_name","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","UNKNOWN"],
          "default":"UNKNOWN"}},
        {"name":"greeting","type":"string"}]}""";
  static final String UP3_RENAME = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"display_name","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","UNKNOWN"],
          "default":"UNKNOWN"}}]}""";

  private String registerUpgradeChain(String v2, String v3, Rule up, Rule down) {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register(SUBJECT, contract(UP1, 1, null, null));
    registry.register(SUBJECT, contract(v2, 2, null, null));
    registry.register(SUBJECT, contract(v3, 3, up, down));
    return "mock://" + scope;
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aRuleLessFirstHopFollowsTheAliasAndTheEnumDefaultBeforeTheNextHopsRule(boolean fastPath) {
    String v2 = UP2.replace("DEFAULT", "");
    String url = registerUpgradeChain(v2, UP3_GREETING,
        rule("greet", RuleMode.UPGRADE, "$merge([$, {'greeting': 'Hi ' & full_name}])"),
        rule("ungreet", RuleMode.DOWNGRADE, "$sift($, function($v, $k) {$k != 'greeting'})"));
    GenericRecord written = record(UP1, "id", "p-1", "name", "Ada", "status", "LEGACY");
    byte[] bytes = write(url, 1, written);

    GenericRecord asV2 = read(url, 2, bytes, fastPath);
    GenericRecord avroV2 = avroResolution(written, v2);
    assertEquals(avroV2, asV2, "v1 read as v2 is Avro's resolution");

    GenericRecord asV3 = read(url, 3, bytes, fastPath);
    assertEquals("Ada", str(asV3, "full_name"), "the alias was followed on the rule-less hop");
    assertEquals("UNKNOWN", str(asV3, "status"), "the enum default was applied on the rule-less hop");
    assertEquals(str(avroV2, "full_name"), str(asV3, "full_name"));
    assertEquals(str(avroV2, "status"), str(asV3, "status"));
    assertEquals("Hi Ada", str(asV3, "greeting"), "the rule of v3 saw the resolved record");
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aRenamedFieldWithADefaultTakesTheAliasedValueNotTheDefault(boolean fastPath) {
    String v2 = UP2.replace("DEFAULT", ",\"default\":\"unknown\"");
    String url = registerUpgradeChain(v2, UP3_RENAME,
        rule("display", RuleMode.UPGRADE,
            "$merge([$sift($, function($v, $k) {$k != 'full_name'}), {'display_name': $.full_name}])"),
        rule("undisplay", RuleMode.DOWNGRADE,
            "$merge([$sift($, function($v, $k) {$k != 'display_name'}), {'full_name': $.display_name}])"));
    GenericRecord written = record(UP1, "id", "p-2", "name", "Grace", "status", "PAID");
    byte[] bytes = write(url, 1, written);

    GenericRecord asV3 = read(url, 3, bytes, fastPath);
    assertEquals(str(avroResolution(written, v2), "full_name"), str(asV3, "display_name"));
    assertEquals("Grace", str(asV3, "display_name"), "not the default 'unknown'");
    assertEquals("PAID", str(asV3, "status"));
  }

  // --- a downgrade chain: v3 (rules) -> v2 -> v1 (no rules between v2 and v1) --------------------

  /** v1 knows full_name only by an alias of its name, and absorbs unknown statuses with OTHER. */
  static final String DOWN1 = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"name","type":"string","aliases":["full_name"]},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","OTHER"],
          "default":"OTHER"}}]}""";
  static final String DOWN2 = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"full_name","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","OTHER","REFUNDED"]}}]}""";
  static final String DOWN3 = """
      {"type":"record","name":"Person","fields":[
        {"name":"id","type":"string"},
        {"name":"full_name","type":"string"},
        {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","OTHER","REFUNDED"]}},
        {"name":"note","type":"string"}]}""";

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aRuleLessLastHopOfADowngradeIsAvroResolutionFromTheHigherToTheLowerVersion(boolean fastPath) {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register(SUBJECT, contract(DOWN1, 1, null, null));
    registry.register(SUBJECT, contract(DOWN2, 2, null, null));
    registry.register(SUBJECT, contract(DOWN3, 3,
        rule("note_up", RuleMode.UPGRADE, "$merge([$, {'note': ''}])"),
        rule("note_down", RuleMode.DOWNGRADE, "$sift($, function($v, $k) {$k != 'note'})")));
    String url = "mock://" + scope;
    GenericRecord written = record(DOWN3, "id", "p-3", "full_name", "Linus", "status", "REFUNDED", "note", "n");
    byte[] bytes = write(url, 3, written);

    GenericRecord asV1 = read(url, 1, bytes, fastPath);
    GenericRecord expected = avroResolution(record(DOWN2, "id", "p-3", "full_name", "Linus", "status", "REFUNDED"),
        DOWN1);
    assertEquals(expected, asV1, "v3 down to v2 by the rule, then Avro's resolution of v2 as v1");
    assertEquals("Linus", str(asV1, "name"), "the reader's alias was followed");
    assertEquals("OTHER", str(asV1, "status"), "the reader's enum default was applied");
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void aRuleLessHopThatAvroCannotResolveFailsNamingTheVersions(boolean fastPath) {
    // v2 drops LEGACY without an enum default: Avro's resolution rejects a LEGACY record.
    String v2 = UP2.replace("DEFAULT", "").replaceAll(",\\s*\"default\":\"UNKNOWN\"", "");
    String v3 = UP3_GREETING.replaceAll(",\\s*\"default\":\"UNKNOWN\"", "");
    String url = registerUpgradeChain(v2, v3,
        rule("greet", RuleMode.UPGRADE, "$merge([$, {'greeting': 'Hi ' & full_name}])"),
        rule("ungreet", RuleMode.DOWNGRADE, "$sift($, function($v, $k) {$k != 'greeting'})"));
    byte[] bytes = write(url, 1, record(UP1, "id", "p-4", "name", "Ada", "status", "LEGACY"));
    SerializationException e = assertThrows(SerializationException.class, () -> read(url, 3, bytes, fastPath));
    assertTrue(e.getMessage().contains("LEGACY") && e.getMessage().contains("version 2"), e.getMessage());
  }

  @ParameterizedTest(name = "fast path {0}")
  @ValueSource(booleans = {true, false})
  void anIntermediateVersionIsResolvedGenericallyEvenWhenTheReaderReadsGeneratedClasses(boolean fastPath) {
    String v1 = Order.SCHEMA$.toString();
    String v2 = v1.replace("{\"name\":\"amount\",\"type\":\"long\"}",
        "{\"name\":\"total\",\"type\":\"long\",\"aliases\":[\"amount\"]}");
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("orders-value", contract(v1, 1, null, null));
    registry.register("orders-value", contract(v2, 2, null, null));
    registry.register("orders-value", contract(v1, 3,
        rule("total_to_amount", RuleMode.UPGRADE,
            "$merge([$sift($, function($v, $k) {$k != 'total'}), {'amount': $.total}])"),
        rule("amount_to_total", RuleMode.DOWNGRADE,
            "$merge([$sift($, function($v, $k) {$k != 'amount'}), {'total': $.amount}])")));
    String url = "mock://" + scope;
    byte[] bytes;
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props(url, "use.latest.with.metadata", "app_version=1"), false)) {
      bytes = serializer.serialize("orders", new Order("o-1", 42, Status.PAID));
    }
    try (AvroContractDeserializer<Object> deserializer = new AvroContractDeserializer<>(props(url,
        "use.latest.with.metadata", "app_version=3", "specific.avro.reader", true, "migration.fast.path", fastPath),
        false)) {
      Order read = assertInstanceOf(Order.class, deserializer.deserialize("orders", bytes));
      assertEquals(42, read.amount, "v2 followed the alias, v3's rule renamed total back");
      assertEquals(Status.PAID, read.status);
    }
  }

  // --- helpers --------------------------------------------------------------------------------

  private static SchemaDefinition contract(String schema, int version, Rule up, Rule down) {
    return SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("app_version", String.valueOf(version))))
        .withRuleSet(up == null ? null : RuleSet.ofMigrationRules(List.of(up, down)));
  }

  private static Rule rule(String name, RuleMode mode, String expr) {
    return Rule.of(name, RuleKind.TRANSFORM, mode, "JSONATA", expr);
  }

  /** A record of {@code schema} from name/value pairs; enum symbols are given as strings. */
  static GenericRecord record(String schema, String... pairs) {
    Schema s = new Schema.Parser().parse(schema);
    GenericRecord r = new GenericData.Record(s);
    for (int i = 0; i < pairs.length; i += 2) {
      Schema.Field f = s.getField(pairs[i]);
      r.put(pairs[i], f.schema().getType() == Schema.Type.ENUM
          ? new GenericData.EnumSymbol(f.schema(), pairs[i + 1]) : pairs[i + 1]);
    }
    return r;
  }

  /** What Avro's own resolution gives for {@code record} read with {@code readerSchema}. */
  static GenericRecord avroResolution(GenericRecord record, String readerSchema) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
      encoder.flush();
      return new GenericDatumReader<GenericRecord>(record.getSchema(), new Schema.Parser().parse(readerSchema))
          .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] write(String url, int version, GenericRecord record) {
    try (AvroContractSerializer<Object> serializer = new AvroContractSerializer<>(
        props(url, "use.latest.with.metadata", "app_version=" + version), false)) {
      byte[] bytes = serializer.serialize(TOPIC, record);
      return Arrays.copyOf(bytes, bytes.length);
    }
  }

  private static GenericRecord read(String url, int version, byte[] bytes, boolean fastPath) {
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(
        props(url, "use.latest.with.metadata", "app_version=" + version, "migration.fast.path", fastPath), false)) {
      return deserializer.deserialize(TOPIC, bytes);
    }
  }
}
