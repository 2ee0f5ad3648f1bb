package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.util.AbstractCollection;
import java.util.Iterator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write that fails half-way leaves nothing behind: whatever broke (a record nested too deeply, a
 * getter that throws, a collection changed while it is written), the failure is a
 * {@code SerializationException}, and the next record of the same thread comes out byte for byte as
 * a fresh serializer writes it.
 */
class AvroWriteFailureTest {
  private static final Schema NODE = new Schema.Parser().parse("""
      {"type":"record","name":"Node","namespace":"t","fields":[
        {"name":"v","type":"int"},
        {"name":"next","type":["null","Node"],"default":null}]}""");
  private static final Schema BAG = new Schema.Parser().parse("""
      {"type":"record","name":"Bag","namespace":"t","fields":[
        {"name":"label","type":"string"},
        {"name":"items","type":{"type":"array","items":"string"}}]}""");

  private final String scope = "avro-write-failure-" + System.nanoTime();
  private final String url = "mock://" + scope;

  @BeforeEach
  void register() {
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    registry.register("nodes-value", SchemaDefinition.of("AVRO", NODE.toString()));
    registry.register("bags-value", SchemaDefinition.of("AVRO", BAG.toString()));
  }

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  private AvroContractSerializer<Object> serializer() {
    return new AvroContractSerializer<>(props(url, "use.latest.version", true), false);
  }

  private static GenericRecord chain(int depth) {
    GenericRecord head = null;
    for (int i = 0; i < depth; i++) {
      GenericRecord node = new GenericData.Record(NODE);
      node.put("v", i);
      node.put("next", head);
      head = node;
    }
    return head;
  }

  private static GenericRecord bag(String label, java.util.Collection<String> items) {
    GenericRecord bag = new GenericData.Record(BAG);
    bag.put("label", label);
    bag.put("items", items);
    return bag;
  }

  @Test
  void aRecordNestedTooDeeplyFailsAsASerializationExceptionAndTheNextWriteIsClean() {
    AvroContractSerializer<Object> serializer = serializer();
    GenericRecord small = chain(1);
    byte[] expected = serializer().serialize("nodes", small);
    assertArrayEquals(expected, serializer.serialize("nodes", small));
    // Deep enough to overflow in the conformance check, in the writer, or in both.
    for (int depth : new int[] {1_300, 3_000, 10_000, 200_000}) {
      SerializationException e = assertThrows(SerializationException.class,
          () -> serializer.serialize("nodes", chain(depth)), "depth " + depth);
      assertTrue(e.getMessage().contains("nested too deeply") && e.getMessage().contains("topic 'nodes'")
          && e.getMessage().contains("subject 'nodes-value'"), e.getMessage());
      assertArrayEquals(expected, serializer.serialize("nodes", small), "after a failure at depth " + depth);
    }
  }

  @Test
  void aCollectionChangedWhileItIsWrittenFailsAndLeavesNothingForTheNextRecord() {
    AvroContractSerializer<Object> serializer = serializer();
    GenericRecord small = bag("s", List.of("x"));
    byte[] expected = serializer().serialize("bags", small);
    assertArrayEquals(expected, serializer.serialize("bags", small));
    // Says it holds one item, then yields three, as a list another thread appends to does.
    java.util.Collection<String> growing = new AbstractCollection<>() {
      @Override
      public Iterator<String> iterator() {
        return List.of("a".repeat(300), "b".repeat(300), "c".repeat(300)).iterator();
      }

      @Override
      public int size() {
        return 1;
      }
    };
    SerializationException e = assertThrows(SerializationException.class,
        () -> serializer.serialize("bags", bag("big", growing)));
    assertTrue(e.getMessage().contains("topic 'bags'"), e.getMessage());
    assertArrayEquals(expected, serializer.serialize("bags", small));
  }

  @Test
  void aGetterThatThrowsHalfWayThroughTheWriteLeavesNothingForTheNextRecord() {
    AvroContractSerializer<Object> serializer = serializer();
    GenericRecord small = bag("s", List.of("x"));
    byte[] expected = serializer().serialize("bags", small);
    serializer.serialize("bags", small);
    // The first read of 'items' (the conformance check) works; the writer's read throws.
    GenericRecord flaky = new GenericData.Record(BAG) {
      private int reads;

      @Override
      public Object get(int i) {
        if (i == 1 && ++reads > 1) {
          throw new IllegalStateException("the backing store went away");
        }
        return super.get(i);
      }
    };
    flaky.put("label", "l".repeat(500));
    flaky.put("items", List.of("y"));
    SerializationException e = assertThrows(SerializationException.class, () -> serializer.serialize("bags", flaky));
    assertTrue(e.getMessage().contains("the backing store went away"), e.getMessage());
    assertArrayEquals(expected, serializer.serialize("bags", small));
    assertEquals(expected.length, serializer.serialize("bags", small).length);
  }
}
