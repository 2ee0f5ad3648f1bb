package io.contractserde.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.ContractJson;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.testing.TestRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;

/** The demo's contract folder, loaded into the in-test HTTP registry for the broker and interop tests. */
final class DemoContracts {
  static final Path FOLDER = Path.of("contracts");

  private DemoContracts() {}

  /** Registers v1 and v2 of the accounts and enriched orders subjects, in order. */
  static void registerAll(TestRegistryServer registry) throws IOException {
    for (String subject : List.of("accounts-value", "enriched_orders-value")) {
      for (int version = 1; version <= 2; version++) {
        ObjectNode node = (ObjectNode) file(subject, version);
        node.put("schema", node.get("schema").toString());
        registry.register(subject, ContractJson.mapper().treeToValue(node, RegisteredSchema.class).definition());
      }
    }
  }

  static Schema avroSchema(String subject, int version) throws IOException {
    return new Schema.Parser().parse(file(subject, version).get("schema").toString());
  }

  private static JsonNode file(String subject, int version) throws IOException {
    return ContractJson.mapper().readTree(Files.readString(FOLDER.resolve(subject).resolve(version + ".json")));
  }
}
