package io.contractserde.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code file://} registry: the folder layout, its checks (each a {@link ConfigException}
 * naming the file), and new files picked up while it runs, on a clock the tests move.
 */
class FileContractRegistryTest {
  @TempDir Path root;

  private void write(String subject, String file, String json) throws IOException {
    Files.createDirectories(root.resolve(subject));
    Files.writeString(root.resolve(subject).resolve(file), json);
  }

  @Test
  void readsTheFolderLayoutWithStringAndInlineSchemas() throws IOException {
    write("accounts-value", "1.json", """
        {"id": 101, "schema": "{\\"type\\":\\"record\\",\\"name\\":\\"Account\\",\\"fields\\":[{\\"name\\":\\"ssn\\",\\"type\\":\\"string\\"}]}",
         "metadata": {"properties": {"major_version": "1"}}}
        """);
    write("accounts-value", "2.json", """
        {"id": 102, "schemaType": "AVRO",
         "schema": {"type": "record", "name": "Account", "fields": [{"name": "national_id", "type": "string"}]},
         "metadata": {"properties": {"major_version": "2"}},
         "ruleSet": {"migrationRules": [{"name": "up", "mode": "UPGRADE", "type": "JSONATA", "expr": "$"}]}}
        """);
    Files.writeString(root.resolve("README.md"), "contracts of the accounts team");

    ContractRegistry registry = ContractRegistries.uncached(new ContractSerdeConfig(
        Map.of(ContractSerdeConfig.SCHEMA_REGISTRY_URL, root.toUri().toString())));
    RegisteredSchema v2 = registry.latest("accounts-value");
    assertEquals(2, v2.version());
    assertEquals(102, v2.id());
    assertTrue(v2.schema().contains("national_id"), "inline schema kept as text");
    assertEquals("up", v2.rules().migrationRules().get(0).name());
    assertEquals(1, registry.latestWithMetadata("accounts-value", Map.of("major_version", "1")).version());
    assertEquals("1", registry.byId(101, "accounts-value").property("major_version"));
    RegisteredSchema looked = registry.lookup("accounts-value", SchemaDefinition.of("AVRO",
        "{\"type\":\"record\",\"name\":\"Account\",\"fields\":[{\"name\":\"national_id\",\"type\":\"string\"}]}"));
    assertEquals(2, looked.version());
    RegistryException e = assertThrows(RegistryException.class,
        () -> registry.register("accounts-value", SchemaDefinition.of("AVRO", "\"string\"")));
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
  }

  @Test
  void aMissingIdIsAConfigErrorNamingTheFile() throws IOException {
    write("s", "1.json", "{\"schema\": \"\\\"string\\\"\"}");
    assertMessage("1.json", "has no integer 'id'");
  }

  @Test
  void aDuplicateIdIsAConfigErrorNamingBothFiles() throws IOException {
    write("a", "1.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\"}");
    write("b", "1.json", "{\"id\": 5, \"schema\": \"\\\"int\\\"\"}");
    String message = assertThrows(ConfigException.class, () -> new FileContractRegistry(root)).getMessage();
    assertTrue(message.contains("both use id 5") && message.contains("a/1.json") && message.contains("b/1.json"), message);
  }

  @Test
  void unreadableJsonIsAConfigError() throws IOException {
    write("s", "1.json", "{\"id\": 5, \"schema\": ");
    assertMessage("1.json", "is not readable JSON");
  }

  @Test
  void aFileNameThatIsNotAVersionIsAConfigError() throws IOException {
    write("s", "latest.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\"}");
    assertMessage("latest.json", "must be <version>.json");
  }

  @Test
  void anInvalidRuleIsAConfigErrorNamingTheFile() throws IOException {
    write("s", "1.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\", \"ruleSet\": {\"domainRules\": [{\"name\": \"x\", \"mode\": \"UPGRADE\", \"type\": \"JSONATA\"}]}}");
    assertMessage("1.json", "Domain and encoding rules can only be");
  }

  @Test
  void aSubjectConfigAndSampleFoldersAreLeftToTheTools() throws IOException {
    write("s", "1.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\"}");
    write("s", "config.json", "{\"compatibilityGroup\": \"major_version\"}");
    write("s/samples/1", "one.json", "\"a sample\"");
    FileContractRegistry registry = new FileContractRegistry(root);
    assertEquals(java.util.List.of(1), registry.versions("s"));
  }

  @Test
  void aMissingFolderIsAConfigError() {
    assertTrue(assertThrows(ConfigException.class, () -> new FileContractRegistry(root.resolve("nope")))
        .getMessage().contains("does not exist"));
  }

  @Test
  void oneDefinitionUnderTwoSubjectsMayCarryOneId() throws IOException {
    write("a", "1.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\"}");
    write("b", "1.json", "{\"id\": 4, \"schema\": \"\\\"int\\\"\"}");
    write("b", "2.json", "{\"id\": 5, \"schema\": \"\\\"string\\\"\"}");
    FileContractRegistry registry = new FileContractRegistry(root);
    assertEquals(5, registry.latest("b").id());
    assertEquals(2, registry.versionOf("b", 5));
    assertEquals(1, registry.versionOf("a", 5));
    write("c", "1.json", "{\"id\": 5, \"schema\": \"\\\"long\\\"\"}");
    String message = assertThrows(ConfigException.class, () -> new FileContractRegistry(root)).getMessage();
    assertTrue(message.contains("both use id 5 for different contracts"), message);
  }

  private static String contract(int id, String owner) {
    return "{\"id\": " + id + ", \"schema\": \"\\\"string\\\"\", \"metadata\": {\"properties\": {\"owner\": \""
        + owner + "\"}}}";
  }

  @Test
  void aNewVersionFileIsSeenOnceTheRescanIntervalHasPassed() throws IOException {
    write("s", "1.json", contract(1, "a"));
    AtomicLong nanos = new AtomicLong();
    FileContractRegistry registry = new FileContractRegistry(root, Duration.ofSeconds(60), nanos::get);
    assertEquals(1, registry.latest("s").version());

    write("s", "2.json", contract(2, "b"));
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertEquals(1, registry.latest("s").version(), "within the interval: the folder as read");
    assertEquals(List.of(1), registry.versions("s"));
    nanos.addAndGet(Duration.ofSeconds(1).toNanos());
    assertEquals(2, registry.latest("s").version());
    assertEquals(List.of(1, 2), registry.versions("s"));
    assertEquals("b", registry.latestWithMetadata("s", Map.of("owner", "b")).property("owner"));
  }

  @Test
  void anUnknownIdOrSubjectReadsTheFolderAtOnce() throws IOException {
    write("s", "1.json", contract(1, "a"));
    FileContractRegistry registry = new FileContractRegistry(root, Duration.ofSeconds(60), () -> 0L);
    write("s", "2.json", contract(2, "b"));
    write("t", "1.json", contract(3, "c"));
    assertEquals("b", registry.byId(2, "s").property("owner"), "a record naming a new id is read");
    assertEquals(3, registry.byVersion("t", 1).id());
    assertEquals(2, registry.latest("s").version());
  }

  @Test
  void aFolderReadOnceNeverSeesNewFiles() throws IOException {
    write("s", "1.json", contract(1, "a"));
    FileContractRegistry registry = new FileContractRegistry(root);
    write("s", "2.json", contract(2, "b"));
    assertThrows(ContractNotFoundException.class, () -> registry.byId(2, "s"));
    assertEquals(1, registry.latest("s").version());
  }

  @Test
  void filesAlreadyReadAreImmutableHistoryAndABrokenNewFileIsSkippedUntilFixed() throws IOException {
    write("s", "1.json", contract(1, "a"));
    FileContractRegistry registry = new FileContractRegistry(root, Duration.ZERO, () -> 0L);
    write("s", "1.json", contract(1, "changed"));
    write("s", "2.json", "{\"id\": 2, \"schema\": ");
    write("s", "3.json", contract(1, "reuses id 1 for another contract"));
    assertEquals(1, registry.latest("s").version(), "the broken files are skipped");
    assertEquals("a", registry.byVersion("s", 1).property("owner"));

    write("s", "2.json", contract(2, "b"));
    assertEquals(2, registry.latest("s").version(), "read again once it changed");
  }

  private void assertMessage(String file, String text) {
    String message = assertThrows(ConfigException.class, () -> new FileContractRegistry(root)).getMessage();
    assertTrue(message.contains(file) && message.contains(text), message);
  }
}
