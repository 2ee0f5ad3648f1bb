package io.contractserde.json;

import static io.contractserde.json.EnrichedOrders.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A JSON write that fails (a document nested too deeply, a POJO whose getter throws) is a
 * {@code SerializationException}, and the next document of the same thread comes out byte for byte
 * as a fresh serializer writes it.
 */
class JsonWriteFailureTest {
  private static final String NODE = """
      {"$schema":"http://json-schema.org/draft-07/schema#","title":"Node","type":"object",
       "properties":{"v":{"type":"integer"},"next":{"$ref":"#"}},"required":["v"]}""";

  private final String scope = "json-write-failure-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @BeforeEach
  void register() {
    MockContractRegistry.scope(scope).register("nodes-value", SchemaDefinition.of("JSON", NODE));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private JsonContractSerializer<Object> serializer() {
    return new JsonContractSerializer<>(props(url, "use.latest.version", true), false);
  }

  private static ObjectNode chain(int depth) {
    ObjectNode head = null;
    for (int i = 0; i < depth; i++) {
      ObjectNode node = JsonNodeFactory.instance.objectNode().put("v", i);
      if (head != null) {
        node.set("next", head);
      }
      head = node;
    }
    return head;
  }

  @Test
  void aDocumentNestedTooDeeplyFailsAsASerializationExceptionAndTheNextWriteIsClean() {
    JsonContractSerializer<Object> serializer = serializer();
    ObjectNode small = chain(1);
    byte[] expected = serializer().serialize("nodes", small);
    for (int depth : new int[] {3_000, 200_000}) {
      SerializationException e = assertThrows(SerializationException.class,
          () -> serializer.serialize("nodes", chain(depth)), "depth " + depth);
      assertTrue(e.getMessage().contains("topic 'nodes'") && e.getMessage().contains("subject 'nodes-value'"),
          e.getMessage());
      assertArrayEquals(expected, serializer.serialize("nodes", small), "after a failure at depth " + depth);
    }
  }

  /** A POJO whose second getter throws. */
  public static final class Flaky {
    public int getV() {
      return 1;
    }

    public Map<String, Object> getNext() {
      throw new IllegalStateException("the backing store went away");
    }
  }

  @Test
  void aPojoWhoseGetterThrowsFailsAndLeavesNothingForTheNextDocument() {
    JsonContractSerializer<Object> serializer = serializer();
    Map<String, Object> small = new LinkedHashMap<>(Map.of("v", 7));
    byte[] expected = serializer().serialize("nodes", small);
    SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("nodes", new Flaky()));
    assertTrue(e.getMessage().contains("the backing store went away"), e.getMessage());
    assertArrayEquals(expected, serializer.serialize("nodes", small));
  }
}
