package io.contractserde.encryption;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's encryption tables cannot drift: every rule and executor parameter the module defines
 * is documented there with its default.
 */
class ReadmeEncryptionParamsTest {
  @Test
  void everyRuleAndExecutorParameterIsInTheReadmeWithItsDefault() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Field-level encryption"), readme.indexOf("## Configuration"));
    for (var def : java.util.List.of(EncryptParams.CONFIG, KeyRing.CONFIG)) {
      for (var key : def.configKeys().values()) {
        String defaultValue = key.defaultValue == null || key.defaultValue == org.apache.kafka.common.config.ConfigDef.NO_DEFAULT_VALUE
            || "".equals(key.defaultValue) || key.type == org.apache.kafka.common.config.ConfigDef.Type.LIST
            ? "" : String.valueOf(key.defaultValue);
        String row = section.lines().filter(l -> l.startsWith("| `" + key.name + "`")).findFirst().orElse(null);
        assertTrue(row != null, "the README's encryption section has no row for " + key.name);
        assertTrue(defaultValue.isEmpty() || row.contains("`" + defaultValue + "`"),
            key.name + " has the default " + defaultValue + " but the README says: " + row);
      }
    }
  }
}
