package io.contractserde.avro;

import static io.contractserde.avro.Accounts.TOPIC;
import static io.contractserde.avro.Accounts.props;
import static io.contractserde.avro.Accounts.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroMigrationTest {
  @TempDir Path dir;
  private final String scope = "avro-migration-" + System.nanoTime();

  @AfterEach
  void dropScope() {
    MockContractRegistry.dropScope(scope);
  }

  /** Registers the accounts contracts in a mock scope or writes them to a contracts folder. */
  private String accountsRegistry(String kind) throws IOException {
    if (kind.equals("mock")) {
      Accounts.register(MockContractRegistry.scope(scope));
      return "mock://" + scope;
    }
    writeContract(Accounts.SUBJECT, 1, 101, Accounts.v1());
    writeContract(Accounts.SUBJECT, 2, 102, Accounts.v2());
    return dir.toUri().toString();
  }

  private void writeContract(String subject, int version, int id, SchemaDefinition definition) throws IOException {
    ObjectNode node = ContractJson.mapper().valueToTree(definition);
    node.put("id", id);
    // The folder form may hold the schema inline, as JSON.
    node.set("schema", ContractJson.mapper().readTree(definition.schema()));
    Files.createDirectories(dir.resolve(subject));
    Files.writeString(dir.resolve(subject).resolve(version + ".json"), node.toPrettyString());
  }

  private static AvroContractSerializer<Object> producer(String url, String major) {
    return new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "major_version=" + major), false);
  }

  private static AvroContractDeserializer<GenericRecord> consumer(String url, String major) {
    return major == null
        ? new AvroContractDeserializer<>(props(url), false)
        : new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "major_version=" + major), false);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "file"})
  void producersAndConsumersPinnedToEitherVersionReadEveryCombination(String kind) throws IOException {
    String url = accountsRegistry(kind);
    byte[] fromV1 = producer(url, "1").serialize(TOPIC, Accounts.v1Record(7));
    byte[] fromV2 = producer(url, "2").serialize(TOPIC, Accounts.v2Record(8));

    AvroContractDeserializer<GenericRecord> v1 = consumer(url, "1");
    AvroContractDeserializer<GenericRecord> v2 = consumer(url, "2");

    GenericRecord v1FromV1 = v1.deserialize(TOPIC, fromV1);
    assertEquals(Accounts.V1_SCHEMA, v1FromV1.getSchema());
    assertEquals("000000007", str(v1FromV1, "ssn"));
    assertEquals("nick7", str(v1FromV1, "nickname"));

    GenericRecord v2FromV1 = v2.deserialize(TOPIC, fromV1);
    assertEquals(Accounts.V2_SCHEMA, v2FromV1.getSchema(), "upgraded to v2's shape");
    assertEquals("000000007", str(v2FromV1, "national_id"));
    assertEquals("Name 7", str(v2FromV1, "name"));
    assertEquals("nick7", str(v2FromV1, "nickname"), "a union value survives the JSONata round trip");
    assertEquals(700L, v2FromV1.get("balance"));

    GenericRecord v1FromV2 = v1.deserialize(TOPIC, fromV2);
    assertEquals(Accounts.V1_SCHEMA, v1FromV2.getSchema(), "downgraded to v1's shape");
    assertEquals("000000008", str(v1FromV2, "ssn"));
    assertNull(v1FromV2.get("nickname"));
    assertEquals(800L, v1FromV2.get("balance"));

    GenericRecord v2FromV2 = v2.deserialize(TOPIC, fromV2);
    assertEquals("000000008", str(v2FromV2, "national_id"));

    AvroContractDeserializer<GenericRecord> unpinned = consumer(url, null);
    assertEquals(Accounts.V1_SCHEMA, unpinned.deserialize(TOPIC, fromV1).getSchema(), "the writer's shape");
    assertEquals(Accounts.V2_SCHEMA, unpinned.deserialize(TOPIC, fromV2).getSchema(), "the writer's shape");
  }

  @Test
  void autoRegistrationAgainstAContractFolderIsAConfigError() throws IOException {
    String url = accountsRegistry("file");
    org.apache.kafka.common.config.ConfigException e = assertThrows(org.apache.kafka.common.config.ConfigException.class,
        () -> new AvroContractSerializer<>(props(url, "auto.register.schemas", true), false));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void useLatestVersionReadsIntoTheNewestVersion() throws IOException {
    String url = accountsRegistry("mock");
    byte[] fromV1 = producer(url, "1").serialize(TOPIC, Accounts.v1Record(3));
    GenericRecord latest = new AvroContractDeserializer<GenericRecord>(props(url, "use.latest.version", true), false)
        .deserialize(TOPIC, fromV1);
    assertEquals("000000003", str(latest, "national_id"));
  }

  // --- a chain of three versions -------------------------------------------------------------

  static final String C1 = """
      {"type":"record","name":"Customer","fields":[
        {"name":"id","type":"string"},{"name":"name","type":"string"}]}""";
  /** v2 renames name to full_name. */
  static final String C2 = """
      {"type":"record","name":"Customer","fields":[
        {"name":"id","type":"string"},{"name":"full_name","type":"string"}]}""";
  /** v3 splits the id into a numeric customer_no. */
  static final String C3 = """
      {"type":"record","name":"Customer","fields":[
        {"name":"customer_no","type":"long"},{"name":"full_name","type":"string"}]}""";

  private static SchemaDefinition customer(String schema, int version, Rule up, Rule down) {
    return SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("app_version", String.valueOf(version))))
        .withRuleSet(up == null ? null : RuleSet.ofMigrationRules(List.of(up, down)));
  }

  private static Rule rule(String name, RuleMode mode, String expr) {
    return Rule.of(name, RuleKind.TRANSFORM, mode, "JSONATA", expr);
  }

  private String registerChain() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("customers-value", customer(C1, 1, null, null));
    registry.register("customers-value", customer(C2, 2,
        rule("name_up", RuleMode.UPGRADE, "{'id': id, 'full_name': name}"),
        rule("name_down", RuleMode.DOWNGRADE, "{'id': id, 'name': full_name}")));
    registry.register("customers-value", customer(C3, 3,
        rule("id_up", RuleMode.UPGRADE, "{'customer_no': $number($substringAfter(id, 'c-')), 'full_name': full_name}"),
        rule("id_down", RuleMode.DOWNGRADE, "{'id': 'c-' & $string(customer_no), 'full_name': full_name}")));
    return "mock://" + scope;
  }

  private static GenericRecord customerRecord(int version, long no, String name) {
    Schema schema = new Schema.Parser().parse(version == 1 ? C1 : version == 2 ? C2 : C3);
    GenericRecord r = new GenericData.Record(schema);
    if (version == 3) {
      r.put("customer_no", no);
    } else {
      r.put("id", "c-" + no);
    }
    r.put(version == 1 ? "name" : "full_name", name);
    return r;
  }

  @Test
  void aThreeVersionChainReadsInAllNineCombinations() {
    String url = registerChain();
    for (int writer = 1; writer <= 3; writer++) {
      byte[] bytes = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=" + writer), false)
          .serialize("customers", customerRecord(writer, 40 + writer, "Ada " + writer));
      for (int reader = 1; reader <= 3; reader++) {
        GenericRecord read = new AvroContractDeserializer<GenericRecord>(
            props(url, "use.latest.with.metadata", "app_version=" + reader), false).deserialize("customers", bytes);
        String combination = "writer v" + writer + ", reader v" + reader;
        assertEquals(customerRecord(reader, 40 + writer, "Ada " + writer).getSchema(), read.getSchema(), combination);
        assertEquals("Ada " + writer, str(read, reader == 1 ? "name" : "full_name"), combination);
        if (reader == 3) {
          assertEquals(40L + writer, read.get("customer_no"), combination);
        } else {
          assertEquals("c-" + (40 + writer), str(read, "id"), combination);
        }
      }
    }
  }

  @Test
  void aHopThatOnlyAddsADefaultedFieldIsBridgedBySchemaResolution() {
    String withCountry = C2.replace("]}", ",{\"name\":\"country\",\"type\":\"string\",\"default\":\"NL\"}]}");
    String v4 = withCountry.replace("\"full_name\"", "\"display_name\"");
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("customers-value", customer(C2, 1, null, null));
    registry.register("customers-value", customer(withCountry, 2, null, null));
    registry.register("customers-value", customer(v4, 3,
        rule("display_up", RuleMode.UPGRADE, "$merge([$sift($, function($v, $k) {$k != 'full_name'}), {'display_name': full_name}])"),
        rule("display_down", RuleMode.DOWNGRADE, "$merge([$sift($, function($v, $k) {$k != 'display_name'}), {'full_name': display_name}])")));
    String url = "mock://" + scope;
    GenericRecord v1 = new GenericData.Record(new Schema.Parser().parse(C2));
    v1.put("id", "c-1");
    v1.put("full_name", "Grace");
    byte[] bytes = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=1"), false)
        .serialize("customers", v1);
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(
        props(url, "use.latest.with.metadata", "app_version=3"), false).deserialize("customers", bytes);
    assertEquals("Grace", str(read, "display_name"));
    assertEquals("NL", str(read, "country"), "the rule-less hop 1 -> 2 filled the default");

    GenericRecord v3 = new GenericData.Record(new Schema.Parser().parse(v4));
    v3.put("id", "c-2");
    v3.put("display_name", "Linus");
    v3.put("country", "FI");
    byte[] newer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=3"), false)
        .serialize("customers", v3);
    GenericRecord old = new AvroContractDeserializer<GenericRecord>(
        props(url, "use.latest.with.metadata", "app_version=1"), false).deserialize("customers", newer);
    assertEquals("Linus", str(old, "full_name"));
    assertEquals(2, old.getSchema().getFields().size(), "country dropped on the way down");
  }

  @Test
  void aMigrationThatLeavesARequiredFieldOutNamesRuleAndField() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("customers-value", customer(C1, 1, null, null));
    registry.register("customers-value", customer(C2, 2,
        rule("forgets_full_name", RuleMode.UPGRADE, "{'id': id}"),
        rule("name_down", RuleMode.DOWNGRADE, "{'id': id, 'name': full_name}")));
    String url = "mock://" + scope;
    byte[] bytes = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=1"), false)
        .serialize("customers", customerRecord(1, 1, "Ada"));
    SerializationException e = assertThrows(SerializationException.class,
        () -> new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "app_version=2"), false)
            .deserialize("customers", bytes));
    assertTrue(e.getMessage().contains("forgets_full_name") && e.getMessage().contains("full_name")
        && e.getMessage().contains("missing"), e.getMessage());
  }

  @Test
  void aMigrationFailureNamesTopicSubjectWriterReaderAndRule() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("customers-value", customer(C1, 1, null, null));
    registry.register("customers-value", customer(C2, 2,
        rule("forgets_full_name", RuleMode.UPGRADE, "{'id': id}"),
        rule("stops", RuleMode.DOWNGRADE, "$error('no way down')")));
    String url = "mock://" + scope;
    byte[] v1 = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=1"), false)
        .serialize("customers", customerRecord(1, 1, "Ada"));
    SerializationException up = assertThrows(SerializationException.class,
        () -> new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "app_version=2"), false)
            .deserialize("customers", v1));
    assertTrue(up.getMessage().contains("topic 'customers'") && up.getMessage().contains("subject 'customers-value'")
        && up.getMessage().contains("schema id 1") && up.getMessage().contains(" to version 2 (schema id 2)")
        && up.getMessage().contains("forgets_full_name"), up.getMessage());

    GenericRecord c2 = new GenericData.Record(new Schema.Parser().parse(C2));
    c2.put("id", "c-2");
    c2.put("full_name", "Grace");
    byte[] v2 = new AvroContractSerializer<>(props(url, "use.latest.with.metadata", "app_version=2"), false)
        .serialize("customers", c2);
    RuleFailedException down = assertThrows(RuleFailedException.class,
        () -> new AvroContractDeserializer<>(props(url, "use.latest.with.metadata", "app_version=1"), false)
            .deserialize("customers", v2));
    assertEquals("stops", down.ruleName());
    assertTrue(down.getMessage().contains("topic 'customers'") && down.getMessage().contains("subject 'customers-value'")
        && down.getMessage().contains("migrating from ") && down.getMessage().contains("schema id 2")
        && down.getMessage().contains(" to version 1 (schema id 1)"), down.getMessage());
  }

  @Test
  void migrationsDoNotTouchTheCallersRecord() throws IOException {
    String url = accountsRegistry("mock");
    GenericRecord original = Accounts.v1Record(5);
    GenericRecord copy = new GenericData.Record((GenericData.Record) original, true);
    producer(url, "1").serialize(TOPIC, original);
    assertEquals(copy, original);
  }
}
