package io.contractserde.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contractserde.contract.SchemaDefinition;
import io.contractserde.contract.SchemaReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code normalize.schemas} for JSON Schema: the incumbent's form, compact with sorted keys. */
class JsonNormalizeSchemasTest {

  @Test
  void theNormalFormSortsEveryObjectsKeysAndTheReferences() {
    String spelled = """
        {"type": "object", "title": "Order",
         "properties": {"total": {"type": "number", "minimum": 0}, "id": {"type": "string"}},
         "required": ["total", "id"]}""";
    SchemaReference b = new SchemaReference("b.json", "b", 1);
    SchemaReference a = new SchemaReference("a.json", "a", 2);
    SchemaDefinition normal = new JsonFormat(new JsonContractSerdeConfig(java.util.Map.of("schema.registry.url", "mock://normalize")), false, null).normalize(
        new SchemaDefinition("JSON", spelled, List.of(b, a, b), null, null));
    assertEquals("{\"properties\":{\"id\":{\"type\":\"string\"},\"total\":{\"minimum\":0,\"type\":\"number\"}},"
        + "\"required\":[\"total\",\"id\"],\"title\":\"Order\",\"type\":\"object\"}", normal.schema());
    assertEquals(List.of(a, b), normal.references());
  }
}
