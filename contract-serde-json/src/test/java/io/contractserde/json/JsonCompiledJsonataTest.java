package io.contractserde.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.testing.CompiledJsonataFormatTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** The compiled JSONata cases every format must pass, with JSON documents. */
class JsonCompiledJsonataTest extends CompiledJsonataFormatTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  protected String format() {
    return "JSON";
  }

  @Override
  protected String schema(Map<String, String> fields) {
    return "{\"title\":\"Person\",\"type\":\"object\",\"properties\":{" + fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":{\"type\":\"" + (e.getValue().equals("long") ? "integer" : "string") + "\"}")
        .collect(Collectors.joining(",")) + "},\"required\":[" + fields.keySet().stream()
        .map(k -> "\"" + k + "\"").collect(Collectors.joining(",")) + "],\"additionalProperties\":false}";
  }

  @Override
  protected Object record(String schema, Map<String, Object> values) {
    return MAPPER.valueToTree(values);
  }

  @Override
  protected Object field(Object record, String name) {
    JsonNode v = ((JsonNode) record).get(name);
    return v == null || v.isNull() ? null : v.isNumber() ? (Object) v.asLong() : v.asText();
  }

  @Override
  protected Serializer<Object> serializer(Map<String, Object> props) {
    return new JsonContractSerializer<>(props, false);
  }

  @Override
  protected Deserializer<Object> deserializer(Map<String, Object> props) {
    return new JsonContractDeserializer<>(props, false);
  }
}
