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
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  private void assertMessage(String file, String text) {
    String message = assertThrows(ConfigException.class, () -> new FileContractRegistry(root)).getMessage();
    assertTrue(message.contains(file) && message.contains(text), message);
  }
}
