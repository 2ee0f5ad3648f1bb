package io.contractserde.avro;

import static io.contractserde.testing.SerdeProps.props;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code latest.cache.ttl.sec} as documented: 0 does not cache (every record sees the current
 * latest version), -1 never refreshes, and a contract folder ({@code file://}) picks up new
 * version files on the same TTL, without a restart.
 */
class LatestCacheTest {
  static final String SCHEMA = """
      {"type":"record","name":"Ping","fields":[{"name":"n","type":"int"}]}""";
  static final String SUBJECT = "pings-value";
  static final String TOPIC = "pings";

  @TempDir Path dir;
  private final String scope = "latest-cache-" + System.nanoTime();

  @AfterEach
  void dropScope() {
    MockContractRegistry.dropScope(scope);
  }

  /** The same schema as another version: another owner, so another id. */
  private static SchemaDefinition version(String owner) {
    return SchemaDefinition.of("AVRO", SCHEMA).withMetadata(Metadata.ofProperties(Map.of("owner", owner)));
  }

  private static GenericRecord ping(int n) {
    GenericRecord r = new GenericData.Record(new Schema.Parser().parse(SCHEMA));
    r.put("n", n);
    return r;
  }

  private static int idOf(byte[] framed) {
    return ByteBuffer.wrap(framed, 1, 4).getInt();
  }

  private AvroContractSerializer<Object> pinnedToLatest(String url, long ttlSeconds) {
    return new AvroContractSerializer<>(props(url, "use.latest.version", true, "latest.cache.ttl.sec", ttlSeconds), false);
  }

  @Test
  void withATtlOfZeroTheNextRecordIsWrittenWithTheVersionJustRegistered() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    RegisteredSchema v1 = registry.register(SUBJECT, version("a"));
    AvroContractSerializer<Object> producer = pinnedToLatest("mock://" + scope, 0);
    assertEquals(v1.id(), idOf(producer.serialize(TOPIC, ping(1))));
    assertEquals(v1.id(), idOf(producer.serialize(TOPIC, ping(2))));

    RegisteredSchema v2 = registry.register(SUBJECT, version("b"));
    assertEquals(v2.id(), idOf(producer.serialize(TOPIC, ping(3))));
  }

  @Test
  void withATtlOfZeroTheNextRecordIsReadWithTheVersionJustRegistered() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register(SUBJECT, version("a"));
    byte[] written = new AvroContractSerializer<>(props("mock://" + scope), false).serialize(TOPIC, ping(1));
    AvroContractDeserializer<GenericRecord> consumer = new AvroContractDeserializer<>(
        props("mock://" + scope, "use.latest.version", true, "latest.cache.ttl.sec", 0), false);
    assertEquals(1, consumer.deserialize(TOPIC, written).get("n"));

    String renamed = SCHEMA.replace("\"n\"", "\"m\"").replace("\"int\"}", "\"int\",\"aliases\":[\"n\"]}");
    registry.register(SUBJECT, SchemaDefinition.of("AVRO", renamed));
    assertEquals(1, consumer.deserialize(TOPIC, written).get("m"), "read into the new latest version at once");
  }

  @Test
  void withTtlsOfMinusOneAndTheDefaultTheVersionIsKeptUntilRefreshed() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    RegisteredSchema v1 = registry.register(SUBJECT, version("a"));
    AvroContractSerializer<Object> never = pinnedToLatest("mock://" + scope, -1);
    AvroContractSerializer<Object> byDefault =
        new AvroContractSerializer<>(props("mock://" + scope, "use.latest.version", true), false);
    assertEquals(v1.id(), idOf(never.serialize(TOPIC, ping(1))));
    assertEquals(v1.id(), idOf(byDefault.serialize(TOPIC, ping(1))));

    registry.register(SUBJECT, version("b"));
    assertEquals(v1.id(), idOf(never.serialize(TOPIC, ping(2))));
    assertEquals(v1.id(), idOf(byDefault.serialize(TOPIC, ping(2))), "within the 60 s default");
  }

  private void writeContract(int version, int id, SchemaDefinition definition) throws IOException {
    ObjectNode node = ContractJson.mapper().valueToTree(definition);
    node.put("id", id);
    Files.createDirectories(dir.resolve(SUBJECT));
    Files.writeString(dir.resolve(SUBJECT).resolve(version + ".json"), node.toPrettyString());
  }

  @Test
  void aContractFolderWithATtlOfZeroWritesTheNextRecordWithANewVersionFile() throws IOException {
    writeContract(1, 11, version("a"));
    AvroContractSerializer<Object> producer = pinnedToLatest(dir.toUri().toString(), 0);
    assertEquals(11, idOf(producer.serialize(TOPIC, ping(1))));

    writeContract(2, 12, version("b"));
    assertEquals(12, idOf(producer.serialize(TOPIC, ping(2))));
  }

  @Test
  void aContractFolderPicksUpANewVersionFileAfterTheTtl() throws Exception {
    writeContract(1, 11, version("a"));
    AvroContractSerializer<Object> producer = pinnedToLatest(dir.toUri().toString(), 1);
    assertEquals(11, idOf(producer.serialize(TOPIC, ping(1))));

    writeContract(2, 12, version("b"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    int id = 11;
    while (id == 11 && System.nanoTime() < deadline) {
      Thread.sleep(100);
      id = idOf(producer.serialize(TOPIC, ping(2)));
    }
    assertEquals(12, id, "the new version file, within a few TTLs and without a restart");
  }

  @Test
  void aConsumerReadsARecordOfANewContractFileAtOnce() throws IOException {
    writeContract(1, 11, version("a"));
    AvroContractDeserializer<GenericRecord> consumer =
        new AvroContractDeserializer<>(props(dir.toUri().toString()), false);
    writeContract(2, 12, version("b"));
    byte[] written = new AvroContractSerializer<>(props(dir.toUri().toString(), "use.schema.id", 12), false)
        .serialize(TOPIC, ping(5));
    assertEquals(5, consumer.deserialize(TOPIC, written).get("n"), "an unknown id reads the folder again");
  }
}
