package io.contractserde.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.contractserde.contract.ContractJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JSON Schema backward compatibility, the common cases: required, types, additionalProperties, enums. */
class JsonSchemaCompatibilityTest {
  static final String OLD = """
      {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": "integer"},
       "kind": {"enum": ["a", "b"]}, "inner": {"type": "object", "properties": {"x": {"type": ["string", "null"]}}}},
       "required": ["id"]}""";

  static List<String> problems(String reader) {
    try {
      JsonNode r = ContractJson.mapper().readTree(reader);
      return JsonSchemaCompatibility.backward(r, ContractJson.mapper().readTree(OLD));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void anOptionalPropertyAddedAndATypeWidenedAreCompatible() {
    assertEquals(List.of(), problems(OLD.replace("\"n\": {\"type\": \"integer\"}", "\"n\": {\"type\": \"number\"}, \"y\": {}")));
    assertEquals(List.of(), problems(OLD.replace("[\"a\", \"b\"]", "[\"a\", \"b\", \"c\"]")));
  }

  @Test
  void aNewlyRequiredPropertyIsBreaking() {
    assertEquals(List.of("/required: 'n' is now required, but old documents may lack it"),
        problems(OLD.replace("\"required\": [\"id\"]", "\"required\": [\"id\", \"n\"]")));
  }

  @Test
  void aNarrowedTypeIsBreakingAndNamesThePointer() {
    assertEquals(List.of("/properties/inner/properties/x: the type was [null, string] and is now [string],"
            + " so old documents with [null] values are refused"),
        problems(OLD.replace("[\"string\", \"null\"]", "\"string\"")));
  }

  @Test
  void closingAdditionalPropertiesIsBreaking() {
    assertEquals(List.of("/: additionalProperties is now false, so old documents with other properties are refused"),
        problems(OLD.replace("\"required\"", "\"additionalProperties\": false, \"required\"")));
  }

  @Test
  void aRemovedEnumValueIsBreaking() {
    assertEquals(List.of("/properties/kind: the enum value \"b\" was removed"), problems(OLD.replace(", \"b\"]", "]")));
  }
}
