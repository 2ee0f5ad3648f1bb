package io.contractserde.avro;

import static io.contractserde.testing.SerdeProps.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.testing.TestRegistryServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mock://}, {@code file://} (and the in-test REST registry) find a record's schema as the
 * Confluent registry does: parsed, so a contract that spells out an inherited namespace or writes
 * {@code {"type":"string"}} for {@code "string"} is the record's schema; a real difference still is not.
 */
class CanonicalLookupTest {
  /** As an author writes it: namespaces spelled out, a primitive as an object, its own spacing. */
  static final String AS_WRITTEN = """
      {"namespace": "shop", "name": "Order", "type": "record", "fields": [
        {"name": "id", "type": {"type": "string"}},
        {"name": "item", "type": {"type": "record", "name": "Item", "namespace": "shop",
          "fields": [{"name": "sku", "type": "string"}]}}]}""";
  /** The same schema as a generated class carries it. */
  static final Schema RECORD_SCHEMA = new Schema.Parser().parse("""
      {"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"},
        {"name":"item","type":{"type":"record","name":"Item","fields":[{"name":"sku","type":"string"}]}}]}""");

  @TempDir Path dir;
  private final String scope = "canonical-" + System.nanoTime();
  private TestRegistryServer server;

  @AfterEach
  void cleanUp() {
    MockContractRegistry.dropScope(scope);
    if (server != null) {
      server.close();
    }
  }

  private static GenericRecord order(Schema schema) {
    GenericRecord item = new GenericData.Record(schema.getField("item").schema());
    item.put("sku", "sku-1");
    GenericRecord order = new GenericData.Record(schema);
    order.put("id", "o-1");
    order.put("item", item);
    return order;
  }

  private String registry(String kind) throws IOException {
    switch (kind) {
      case "mock" -> {
        MockContractRegistry.scope(scope).register("orders-value", SchemaDefinition.of("AVRO", AS_WRITTEN));
        return "mock://" + scope;
      }
      case "rest" -> {
        server = TestRegistryServer.start();
        server.register("orders-value", SchemaDefinition.of("AVRO", AS_WRITTEN));
        return server.url();
      }
      default -> {
        Files.createDirectories(dir.resolve("orders-value"));
        Files.writeString(dir.resolve("orders-value").resolve("1.json"),
            "{\"id\": 1, \"schema\": " + AS_WRITTEN + "}");
        return dir.toUri().toString();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "file", "rest"})
  void aContractSpelledDifferentlyIsTheRecordsRegisteredSchema(String kind) throws IOException {
    String url = registry(kind);
    byte[] written = new AvroContractSerializer<>(props(url), false).serialize("orders", order(RECORD_SCHEMA));
    assertEquals(1, ByteBuffer.wrap(written, 1, 4).getInt());
    GenericRecord read = new AvroContractDeserializer<GenericRecord>(props(url), false).deserialize("orders", written);
    assertEquals("sku-1", ((GenericRecord) read.get("item")).get("sku").toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mock", "file", "rest"})
  void aSchemaThatReallyDiffersIsStillNotRegistered(String kind) throws IOException {
    String url = registry(kind);
    Schema withDefault = new Schema.Parser().parse(RECORD_SCHEMA.toString()
        .replace("{\"name\":\"sku\",\"type\":\"string\"}", "{\"name\":\"sku\",\"type\":\"string\",\"default\":\"\"}"));
    SerializationException e = assertThrows(SerializationException.class,
        () -> new AvroContractSerializer<>(props(url), false).serialize("orders", order(withDefault)));
    assertTrue(e.getMessage().contains("not registered under subject 'orders-value'"), e.getMessage());
  }

  @Test
  void registeringTheSameSchemaSpelledDifferentlyGivesTheSameVersionAndId() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    RegisteredSchema first = registry.register("orders-value", SchemaDefinition.of("AVRO", AS_WRITTEN));
    RegisteredSchema again = registry.register("orders-value", SchemaDefinition.of("AVRO", RECORD_SCHEMA.toString()));
    assertEquals(first, again);
    assertEquals(first.id(), registry.register("other-value", SchemaDefinition.of("AVRO", RECORD_SCHEMA.toString())).id());
    assertThrows(ContractNotFoundException.class, () -> registry.lookup("orders-value",
        SchemaDefinition.of("AVRO", RECORD_SCHEMA.toString().replace("Item", "Article"))));
  }
}
