package io.contractserde.avro;

import static io.contractserde.testing.SerdeProps.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractRegistry;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.TestRegistryServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A contract's version belongs to (subject, id): the migration walk of a record takes the writer's
 * and the reader's versions in the record's own subject, even when one schema id is registered
 * under several subjects, and it crosses soft-deleted versions as the incumbent does. In
 * {@code mock://}, {@code file://} and over REST.
 */
class SubjectVersionsTest {
  /** v1: the customer's name. */
  static final String C1 = """
      {"type":"record","name":"Customer","fields":[{"name":"name","type":"string"}]}""";
  /** v2: name renamed to full_name, by an UPGRADE rule. */
  static final String C2 = """
      {"type":"record","name":"Customer","fields":[{"name":"full_name","type":"string"}]}""";
  /** v3: a tier, set to gold by an UPGRADE rule. */
  static final String C3 = """
      {"type":"record","name":"Customer","fields":[
        {"name":"full_name","type":"string"},{"name":"tier","type":"string","default":"none"}]}""";

  static final SchemaDefinition V1 = SchemaDefinition.of("AVRO", C1);
  static final SchemaDefinition V2 = SchemaDefinition.of("AVRO", C2).withRuleSet(migration(
      "$merge([$sift($, function($v, $k) {$k != 'name'}), {'full_name': name}])"));
  static final SchemaDefinition V3 = SchemaDefinition.of("AVRO", C3).withRuleSet(migration(
      "$merge([$, {'tier': 'gold'}])"));
  /** The first version of the other subject: v3's schema without its rule, so another id. */
  static final SchemaDefinition OTHER_V1 = SchemaDefinition.of("AVRO", C3);

  @TempDir Path dir;
  private final String scope = "subject-versions-" + System.nanoTime();
  private TestRegistryServer server;

  @AfterEach
  void cleanUp() {
    MockContractRegistry.dropScope(scope);
    if (server != null) {
      server.close();
    }
  }

  private static RuleSet migration(String expression) {
    return RuleSet.ofMigrationRules(List.of(
        Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", expression)));
  }

  private static GenericRecord record(String schema, String field, String value) {
    GenericRecord r = new GenericData.Record(new Schema.Parser().parse(schema));
    r.put(field, value);
    if (schema.equals(C3)) {
      r.put("tier", "silver");
    }
    return r;
  }

  private static int idOf(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  /** The URL of an empty registry of the kind: {@code mock}, {@code rest} or {@code file}. */
  private String url(String kind) {
    return switch (kind) {
      case "mock" -> "mock://" + scope;
      case "rest" -> (server = TestRegistryServer.start()).url();
      default -> dir.toUri().toString();
    };
  }

  /** Where to register contracts: null for a contract folder. */
  private ContractRegistry store(String kind) {
    return kind.equals("mock") ? MockContractRegistry.scope(scope) : kind.equals("rest") ? server.store() : null;
  }

  private void writeFile(String subject, int version, int id, SchemaDefinition definition) throws IOException {
    ObjectNode node = ContractJson.mapper().valueToTree(definition);
    node.put("id", id);
    Files.createDirectories(dir.resolve(subject));
    Files.writeString(dir.resolve(subject).resolve(version + ".json"), node.toPrettyString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "file", "rest"})
  void oneSchemaIdInTwoSubjectsMigratesThroughTheVersionsOfTheRecordsOwnSubject(String kind) throws IOException {
    String url = url(kind);
    ContractRegistry store = store(kind);
    int sharedId;
    if (store != null) {
      store.register("b-value", V1);
      store.register("b-value", V2);
      RegisteredSchema b3 = store.register("b-value", V3);
      store.register("a-value", OTHER_V1);
      RegisteredSchema a2 = store.register("a-value", V3);
      assertEquals(b3.id(), a2.id(), "one definition, one id, as in the registry");
      assertEquals(3, b3.version());
      assertEquals(2, a2.version());
      sharedId = a2.id();
    } else {
      writeFile("b-value", 1, 1, V1);
      writeFile("b-value", 2, 2, V2);
      writeFile("b-value", 3, 3, V3);
      writeFile("a-value", 1, 4, OTHER_V1);
      writeFile("a-value", 2, 3, V3);
      sharedId = 3;
    }

    AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url), false);
    byte[] fromA = producer.serialize("a", record(C3, "full_name", "Grace"));
    byte[] fromB = producer.serialize("b", record(C1, "name", "Ada"));
    assertEquals(sharedId, idOf(fromA));

    AvroContractDeserializer<GenericRecord> consumer =
        new AvroContractDeserializer<>(props(url, "use.latest.version", true), false);
    assertEquals("Grace", consumer.deserialize("a", fromA).get("full_name").toString());
    GenericRecord upgraded = consumer.deserialize("b", fromB);
    assertEquals("Ada", upgraded.get("full_name").toString(), "v1 -> v2 of subject b renames name");
    assertEquals("gold", upgraded.get("tier").toString(), "v2 -> v3 of subject b sets the tier");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "rest"})
  void aMigrationCrossesASoftDeletedMiddleVersion(String kind) {
    String url = url(kind);
    ContractRegistry store = store(kind);
    store.register("customers-value", V1);
    RegisteredSchema v2 = store.register("customers-value", V2);
    store.register("customers-value", V3);
    AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url), false);
    byte[] fromV1 = producer.serialize("customers", record(C1, "name", "Ada"));
    byte[] fromV2 = producer.serialize("customers", record(C2, "full_name", "Grace"));
    assertEquals(v2.id(), idOf(fromV2));
    if (kind.equals("rest")) {
      server.deleteVersion("customers-value", 2);
    } else {
      ((MockContractRegistry) store).deleteVersion("customers-value", 2);
    }

    AvroContractDeserializer<GenericRecord> pinnedToV3 =
        new AvroContractDeserializer<>(props(url, "use.latest.version", true), false);
    GenericRecord fromFirst = pinnedToV3.deserialize("customers", fromV1);
    assertEquals("Ada", fromFirst.get("full_name").toString());
    assertEquals("gold", fromFirst.get("tier").toString());
    GenericRecord fromDeleted = pinnedToV3.deserialize("customers", fromV2);
    assertEquals("Grace", fromDeleted.get("full_name").toString(), "written with the deleted version itself");
    assertEquals("gold", fromDeleted.get("tier").toString());
  }

  @Test
  void overRestTheMigrationAsksForTheDeletedVersionAsTheIncumbentDoes() {
    url("rest");
    server.register("customers-value", V1);
    server.register("customers-value", V2);
    server.register("customers-value", V3);
    byte[] fromV1 = new AvroContractSerializer<>(props(server.url()), false)
        .serialize("customers", record(C1, "name", "Ada"));
    server.deleteVersion("customers-value", 2);
    new AvroContractDeserializer<GenericRecord>(props(server.url(), "use.latest.version", true), false)
        .deserialize("customers", fromV1);
    assertEquals(1, server.requests().stream()
        .filter(r -> r.equals("GET /subjects/customers-value/versions/2?deleted=true")).count(), server.requests().toString());
  }
}
