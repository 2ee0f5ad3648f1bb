package io.contractserde.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.RecordView;
import io.contractserde.testing.SerdeProps;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The edges of reading JSON documents as views: a payload that is not one JSON document fails
 * with the message it always had, a document whose top level is not an object is read as before,
 * a tree the mapper cannot build is read as before, a mapper that writes trees otherwise than maps
 * converts a caller's tree as before, a node of a kind the reader never makes is
 * converted as the mapper converts it, and an object placed twice in the next document is never
 * one node in two places.
 */
class JsonDataModelTest {

  /** Refuses duplicate keys in trees (not in maps). */
  public static final class NoDuplicatesInTrees implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }
  }

  /** Leaves empty arrays out of the objects of a tree it writes (not out of maps). */
  public static final class NoEmptyArraysInTrees implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.disable(SerializationFeature.WRITE_EMPTY_JSON_ARRAYS);
    }
  }

  /** Disables exact decimals: floats are read as doubles. */
  public static final class FloatsAsDoubles implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
  }

  private static JsonFormat format(Class<?> customizer) {
    Map<String, Object> props = SerdeProps.props("mock://json-data-model");
    if (customizer != null) {
      props.put("json.object.mapper.customizer", customizer.getName());
    }
    return new JsonFormat(new JsonContractSerdeConfig(props), false, null);
  }

  private static JsonContractSchema schema(JsonFormat format) {
    return (JsonContractSchema) format.parse(new RegisteredSchema("s", 1, 1, null, "JSON", "{}", null, null, null), null);
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPayloadThatIsNotOneJsonDocumentFailsWithTheMessageOfReadingItAsAnObject() {
    JsonFormat format = format(null);
    for (String payload : List.of("{\"a\":1} 2", "", "{\"a\":", "[1,2", "nul", "{\"a\":1}}")) {
      byte[] bytes = bytes(payload);
      JsonProcessingException plain = assertThrows(JsonProcessingException.class,
          () -> format.mapper().readValue(bytes, Object.class));
      SerializationException e = assertThrows(SerializationException.class,
          () -> schema(format).decodeModel(bytes, 0, bytes.length), payload);
      assertEquals("The payload is not a JSON document: " + plain.getOriginalMessage(), e.getMessage(), payload);
    }
    byte[] trailing = bytes("{\"a\":1} 2");
    assertTrue(assertThrows(SerializationException.class, () -> schema(format).decodeModel(trailing, 0, trailing.length))
        .getMessage().contains("java.lang.Object"), "the tree's message would name JsonNode");
  }

  @Test
  void aDocumentWhoseTopLevelIsNotAnObjectIsReadAsBefore() throws IOException {
    JsonFormat format = format(null);
    for (String json : List.of("[1,{\"a\":1.10},[]]", "\"x\"", "12", "1.10", "true")) {
      byte[] bytes = bytes(json);
      Object decoded = schema(format).decodeModel(bytes, 0, bytes.length);
      assertFalse(RecordView.toPlain(decoded) != decoded, json + ": no view anywhere in it");
      assertTrue(JsonDataModel.sameModel(format.mapper().readValue(bytes, Object.class), decoded), json);
    }
    assertNull(schema(format).decodeModel(bytes("null"), 0, 4));
  }

  @Test
  void aDocumentTheMappersTreeRefusesIsReadAsReadValueReadsIt() throws IOException {
    JsonFormat format = format(NoDuplicatesInTrees.class);
    byte[] bytes = bytes("{\"a\":1,\"b\":2,\"a\":3}");
    assertThrows(IOException.class, () -> format.mapper().readTree(bytes));
    Object decoded = schema(format).decodeModel(bytes, 0, bytes.length);
    assertEquals(Map.of("a", 3, "b", 2), decoded);
    assertTrue(JsonDataModel.sameModel(format.mapper().readValue(bytes, Object.class), decoded));
    assertInstanceOf(RecordView.class, schema(format).decodeModel(bytes("{\"a\":1}"), 0, 7), "other documents are views");
  }

  @Test
  void aMapperThatConvertsTreesOtherwiseThanItReadsDocumentsConvertsAnObjectNodeAsBefore() throws IOException {
    JsonFormat format = format(NoEmptyArraysInTrees.class);
    JsonNode tree = format.mapper().readTree("{\"e\":[],\"x\":1}");
    Object viewed = schema(format).view(tree);
    assertEquals(Map.of("x", 1), viewed, "as convertValue gives it");
    assertFalse(viewed instanceof RecordView);
  }

  @Test
  void nodesOfKindsTheReaderNeverMakesAreConvertedAsTheMapperConvertsThem() {
    for (Class<?> customizer : new Class<?>[] {null, FloatsAsDoubles.class}) {
      JsonFormat format = format(customizer);
      ObjectMapper mapper = format.mapper();
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      ObjectNode tree = nodes.objectNode();
      tree.put("decimal", new BigDecimal("1.10")).put("double", 2.5).put("float", 1.25f).put("short", (short) 3).put("small", BigInteger.TEN)
          .put("binary", new byte[] {1, 2, 3}).putPOJO("pojo", Map.of("k", 1.5));
      tree.putArray("items").add(0.1).add(-0.0f).addObject().put("d", 1e300);
      tree.putObject("nested").put("d", Double.NaN).putNull("none");
      Object viewed = schema(format).view(tree);
      assertInstanceOf(RecordView.class, viewed);
      Object expected = mapper.convertValue(tree, Object.class);
      assertTrue(JsonDataModel.sameModel(expected, RecordView.toPlain(viewed)), customizer + ": " + expected + " vs "
          + RecordView.toPlain(viewed));
    }
  }

  @Test
  void anObjectPlacedTwiceInTheNextDocumentIsTwoNodesNeverOneInTwoPlaces() {
    JsonFormat format = format(null);
    byte[] bytes = bytes("{\"id\":1,\"address\":{\"city\":\"London\",\"geo\":{\"lat\":51.50}}}");
    RecordView record = (RecordView) schema(format).decodeModel(bytes, 0, bytes.length);
    Object address = record.get("address");
    ObjectNode out = (ObjectNode) schema(format).fromModel(record.with(Map.of("copy", address)));
    assertEquals("{\"id\":1,\"address\":{\"city\":\"London\",\"geo\":{\"lat\":51.50}},"
        + "\"copy\":{\"city\":\"London\",\"geo\":{\"lat\":51.50}}}", out.toString());
    JsonNode geo = out.get("address").get("geo");
    assertNotSame(geo, out.get("copy").get("geo"));
    ((ObjectNode) geo).put("lat", 0);
    assertEquals("{\"lat\":51.50}", out.get("copy").get("geo").toString());
  }

  @Test
  void theNextDocumentTakesTheNodesNobodyChangedAsTheyWereRead() {
    JsonFormat format = format(null);
    byte[] bytes = bytes("{\"id\":1,\"address\":{\"city\":\"London\"},\"tags\":[1.10],\"name\":\"Ada\"}");
    RecordView record = (RecordView) schema(format).decodeModel(bytes, 0, bytes.length);
    JsonDataModel.Fields read = (JsonDataModel.Fields) record.fields();
    assertEquals("Ada", record.get("name"));
    ((List<?>) record.get("tags")).size();
    ObjectNode out = (ObjectNode) schema(format).fromModel(record.retain(i -> i != 0));
    assertEquals("{\"address\":{\"city\":\"London\"},\"tags\":[1.10],\"name\":\"Ada\"}", out.toString());
    assertSame(read.node(1), out.get("address"), "unread");
    assertSame(read.node(3), out.get("name"), "read as a string");
    assertNotSame(read.node(2), out.get("tags"), "read as a list, which may have changed");
  }
}
