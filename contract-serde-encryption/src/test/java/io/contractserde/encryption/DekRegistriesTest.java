package io.contractserde.encryption;

import static io.contractserde.encryption.Pii.customer;
import static io.contractserde.encryption.Pii.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.avro.AvroContractDeserializer;
import io.contractserde.avro.AvroContractSerializer;
import io.contractserde.contract.ContractJson;
import io.contractserde.encryption.dek.Dek;
import io.contractserde.encryption.dek.DekRegistries;
import io.contractserde.encryption.dek.DekRegistry;
import io.contractserde.encryption.dek.FileDekRegistry;
import io.contractserde.encryption.dek.Kek;
import io.contractserde.encryption.dek.KeyExistsException;
import io.contractserde.encryption.dek.MockDekRegistry;
import io.contractserde.testing.Concurrently;
import io.contractserde.testing.SerdeProps;
import io.contractserde.testing.TestRegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DEK registry is chosen by the serde's {@code schema.registry.url}: the incumbent's REST API on
 * the same server (its paths, 404 and 409), {@code mock://} per scope, and a {@code file://} key folder
 * beside the contracts, where racing producers end with one DEK.
 */
class DekRegistriesTest {
  @TempDir
  Path dir;

  @Test
  void mockUrlsOfOneScopeShareOneRegistryAndOtherScopesDoNot() {
    DekRegistry a = DekRegistries.create(Map.of("schema.registry.url", "mock://dek-scope-a"), Clock.systemUTC());
    DekRegistry again = DekRegistries.create(Map.of("schema.registry.url", "mock://dek-scope-a"), Clock.systemUTC());
    DekRegistry b = DekRegistries.create(Map.of("schema.registry.url", "mock://dek-scope-b"), Clock.systemUTC());
    assertSame(a, again);
    a.createKek(Kek.of("k", "local-kms", "id"));
    assertNull(b.kek("k", false));
    MockDekRegistry.dropScope("dek-scope-a");
    MockDekRegistry.dropScope("dek-scope-b");
  }

  @Test
  void overRestTheSerdesCreateKeysAtTheIncumbentsPathsAndReadThemBack() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      Pii.register(server.store(), Pii.rule("ENCRYPT", "ERROR"));
      Map<String, Object> props = SerdeProps.props(server.url(), "rule.executors._default_.param.secret", Pii.SECRET);
      byte[] bytes;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
        bytes = serializer.serialize(Pii.TOPIC, customer(1));
        serializer.serialize(Pii.TOPIC, customer(2));
      }
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
        assertEquals("Alice-1", str(deserializer.deserialize(Pii.TOPIC, bytes), "name"));
      }
      List<String> dekRequests = server.requests().stream().filter(r -> r.contains("/dek-registry/")).toList();
      assertEquals(List.of(
          "GET /dek-registry/v1/keks/kek1?deleted=false",
          "POST /dek-registry/v1/keks",
          "GET /dek-registry/v1/keks/kek1/deks/customers-value?algorithm=AES256_GCM&deleted=false",
          "POST /dek-registry/v1/keks/kek1/deks/customers-value?rewrap=false",
          "GET /dek-registry/v1/keks/kek1?deleted=true",
          "GET /dek-registry/v1/keks/kek1/deks/customers-value?algorithm=AES256_GCM&deleted=true"), dekRequests,
          "KEK and DEK fetched once per serde, then cached");
      JsonNode dek = server.deks("kek1", Pii.SUBJECT, "AES256_GCM").get(1);
      assertEquals(84, dek.path("encryptedKeyMaterial").asText().length(), "a local-KMS-wrapped AES256_GCM DEK");
    }
  }

  @Test
  void overRestA409MeansAnotherProducerWonAndItsDekIsUsed() {
    try (TestRegistryServer server = TestRegistryServer.start()) {
      String contract = ContractJson.write(Pii.register(server.store(), Pii.rule("ENCRYPT", "ERROR")));
      Map<String, Object> props = SerdeProps.props(server.url(), "rule.executors._default_.param.secret", Pii.SECRET);
      byte[] first;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
        first = serializer.serialize(Pii.TOPIC, customer(1));
      }
      String stored = server.deks("kek1", Pii.SUBJECT, "AES256_GCM").get(1).path("encryptedKeyMaterial").asText();
      // The next producer finds no DEK at first (an injected 404), then loses the creation race (409).
      server.respondNext(200, contract).respondNext(200, KEK_JSON).respondNext(404, "{\"error_code\":40470,\"message\":\"Key not found\"}");
      byte[] second;
      try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
        second = serializer.serialize(Pii.TOPIC, customer(2));
      }
      assertEquals(2, server.requests().stream().filter(r -> r.startsWith("POST /dek-registry/v1/keks/kek1/deks/")).count(),
          "the second producer tried to create the DEK too");
      assertEquals(1, server.deks("kek1", Pii.SUBJECT, "AES256_GCM").size());
      assertEquals(stored, server.deks("kek1", Pii.SUBJECT, "AES256_GCM").get(1).path("encryptedKeyMaterial").asText());
      try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
        assertEquals("Alice-1", str(deserializer.deserialize(Pii.TOPIC, first), "name"));
        assertEquals("Alice-2", str(deserializer.deserialize(Pii.TOPIC, second), "name"));
      }
    }
  }

  private static final String KEK_JSON =
      "{\"name\":\"kek1\",\"kmsType\":\"local-kms\",\"kmsKeyId\":\"mykey\",\"shared\":false,\"ts\":1,\"deleted\":false}";

  @Test
  void aFileContractFolderGetsAKeyFolderBesideItWithTheDocumentedLayout() throws Exception {
    Path contracts = Files.createDirectories(dir.resolve("contracts").resolve(Pii.SUBJECT));
    Files.writeString(contracts.resolve("1.json"), ContractJson.mapper().writeValueAsString(Map.of(
        "id", 1, "schemaType", "AVRO", "schema", Vectors.SCHEMA,
        "ruleSet", Map.of("domainRules", List.of(Pii.rule("ENCRYPT", "ERROR"))))));
    Map<String, Object> props = SerdeProps.props(dir.resolve("contracts").toUri().toString(),
        "rule.executors._default_.param.secret", Pii.SECRET);
    byte[] bytes;
    try (AvroContractSerializer<GenericRecord> serializer = new AvroContractSerializer<>(props, false)) {
      bytes = serializer.serialize(Pii.TOPIC, customer(3));
    }
    Path keys = dir.resolve("keys");
    assertTrue(Files.isRegularFile(keys.resolve("keks/kek1.json")));
    Path dekFile = keys.resolve("deks/kek1/customers-value/AES256_GCM/1.json");
    JsonNode dek = ContractJson.mapper().readTree(dekFile.toFile());
    assertEquals(1, dek.path("version").asInt());
    assertEquals(84, dek.path("encryptedKeyMaterial").asText().length());
    try (Stream<Path> files = Files.walk(keys)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")), "no temporary file is left");
    }
    try (AvroContractDeserializer<GenericRecord> deserializer = new AvroContractDeserializer<>(props, false)) {
      assertEquals("123-45-6792", str(deserializer.deserialize(Pii.TOPIC, bytes), "ssn"));
    }
  }

  @Test
  void producersRacingInOneKeyFolderEndWithOneDekAndTheLosersAreTold() throws Exception {
    AtomicInteger created = new AtomicInteger();
    AtomicInteger lost = new AtomicInteger();
    Concurrently.forEachRecord(8, 1, i -> {
      FileDekRegistry own = new FileDekRegistry(dir, Clock.systemUTC());
      try {
        own.createDek(new Dek("kek1", "s-value", 1, "AES256_GCM", "material-" + i, null, 0, false));
        created.incrementAndGet();
      } catch (KeyExistsException e) {
        lost.incrementAndGet();
      }
    });
    assertEquals(1, created.get());
    assertEquals(7, lost.get());
    Dek dek = new FileDekRegistry(dir, Clock.systemUTC()).dek("kek1", "s-value", "AES256_GCM", DekRegistry.LATEST, false);
    assertTrue(dek.encryptedKeyMaterial().startsWith("material-"));
    new FileDekRegistry(dir, Clock.systemUTC()).createKek(Kek.of("k", "local-kms", "id"));
    assertThrows(KeyExistsException.class,
        () -> new FileDekRegistry(dir, Clock.systemUTC()).createKek(Kek.of("k", "local-kms", "other")));
  }

  @Test
  void aKeyFolderKeepsDeksWrappedNeverInClear() throws Exception {
    FileDekRegistry registry = new FileDekRegistry(dir, Clock.systemUTC());
    registry.createKek(Kek.of("k", "local-kms", "id"));
    Dek dek = registry.createDek(new Dek("k", "a/b:c", 0, "AES256_SIV", "d3JhcHBlZA==", null, 0, false));
    assertEquals(1, dek.version());
    assertInstanceOf(Dek.class, registry.dek("k", "a/b:c", "AES256_SIV", null, false));
    String json = Files.readString(dir.resolve("deks/k/a%2Fb%3Ac/AES256_SIV/1.json"));
    assertFalse(json.contains("keyMaterial\""), json);
  }
}
