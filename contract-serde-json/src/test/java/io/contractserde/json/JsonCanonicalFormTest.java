package io.contractserde.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.SchemaCanonicalForm;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.MockContractRegistry;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * JSON Schemas are compared by the in-memory registries as parsed JSON trees, through the JSON
 * module's canonical form: key order and spacing do not matter, content does.
 */
class JsonCanonicalFormTest {
  static final String SCHEMA = """
      {"type": "object", "properties": {"id": {"type": "string"}, "qty": {"type": "integer"}}}""";
  static final String REORDERED = """
      {"properties":{"qty":{"type":"integer"},"id":{"type":"string"}},"type":"object"}""";

  @Test
  void theJsonModuleOffersItsCanonicalFormToTheRegistries() {
    assertTrue(ServiceLoader.load(SchemaCanonicalForm.class).stream()
        .anyMatch(p -> p.type() == JsonCanonicalForm.class && p.get().schemaType().equals("JSON")));
  }

  @Test
  void aSchemaWithItsKeysInAnotherOrderIsTheSameSchema() {
    MockContractRegistry registry = new MockContractRegistry("json-canonical");
    RegisteredSchema first = registry.register("orders-value", SchemaDefinition.of("JSON", SCHEMA));
    assertEquals(first, registry.register("orders-value", SchemaDefinition.of("JSON", REORDERED)));
    assertEquals(first, registry.lookup("orders-value", SchemaDefinition.of("JSON", REORDERED)));
    assertThrows(ContractNotFoundException.class, () -> registry.lookup("orders-value",
        SchemaDefinition.of("JSON", REORDERED.replace("integer", "number"))));
  }
}
