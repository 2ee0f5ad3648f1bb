package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.avro.testdata.Order;
import io.contractserde.avro.testdata.Status;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.format.shape.TagPatterns;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

/** Avro schemas as field-level rules see them: tags, types, and rule values there and back. */
class AvroFieldShapesTest {
  static final Schema SCHEMA = new Schema.Parser().parse("""
      {"type":"record","name":"Node","namespace":"t","fields":[
        {"name":"label","type":"string","confluent:tags":["A"]},
        {"name":"weight","type":["null","double"],"default":null},
        {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["LEAF","BRANCH"]}},
        {"name":"hash","type":{"type":"fixed","name":"Hash","size":2}},
        {"name":"blob","type":"bytes"},
        {"name":"either","type":["int","string"]},
        {"name":"attrs","type":{"type":"map","values":"long"}},
        {"name":"children","type":{"type":"array","items":"Node"}}
      ]}""");

  private static RecordShape shape() {
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("t.Node.w*", new TreeSet<>(List.of("B")));
    return (RecordShape) AvroFieldShapes.of(SCHEMA, TagPatterns.compile(tags), AvroDatumKinds.DEFAULT);
  }

  private static GenericRecord node(String label, List<GenericRecord> children) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("label", new Utf8(label));
    r.put("weight", 2.5);
    r.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "LEAF"));
    r.put("hash", new GenericData.Fixed(SCHEMA.getField("hash").schema(), new byte[] {7, 8}));
    r.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    r.put("either", new Utf8("x"));
    r.put("attrs", new LinkedHashMap<>(Map.of(new Utf8("k"), 5L)));
    r.put("children", new GenericData.Array<>(SCHEMA.getField("children").schema(), children));
    return r;
  }

  @Test
  void fieldsCarryFullNamesTypesAndTags() {
    RecordShape shape = shape();
    RecordShape.Field label = shape.fields().get(0);
    assertEquals("t.Node.label", label.fullName());
    assertEquals(Set.of("A"), label.tags());
    assertEquals(Set.of("B"), shape.fields().get(1).tags(), "metadata.tags pattern t.Node.w*");
    assertEquals(FieldType.NULLABLE, shape.fields().get(1).shape().type());
    assertEquals(FieldType.COMBINED, shape.fields().get(5).shape().type());
    FieldShape children = shape.fields().get(7).shape();
    assertEquals(FieldType.ARRAY, children.type());
    assertEquals(shape, ((io.contractserde.format.shape.ArrayShape) children).elementShape(), "recursion reuses the shape");
  }

  @Test
  void ruleValuesArePlainJavaAndConvertBackToAnEqualRecord() {
    GenericRecord record = node("root", List.of(node("kid", List.of())));
    Object value = RuleValues.toRuleValue(shape(), record, (type, v) -> v);
    Map<?, ?> map = assertInstanceOf(Map.class, value);
    assertEquals("root", map.get("label"));
    assertEquals("LEAF", map.get("kind"));
    assertEquals(List.of(7, 8), toList((byte[]) map.get("hash")));
    assertEquals(List.of(1, 2, 3), toList((byte[]) map.get("blob")));
    assertEquals("x", map.get("either"));
    assertEquals(Map.of("k", 5L), map.get("attrs"));
    assertEquals("kid", ((Map<?, ?>) ((List<?>) map.get("children")).get(0)).get("label"));

    Object back = RuleValues.fromRuleValue(shape(), value, null);
    assertEquals(record, back, "generic record equality compares every field");
  }

  @Test
  void aViewConvertsOnlyWhatIsRead() {
    GenericRecord record = node("root", List.of(node("kid", List.of())));
    Map<?, ?> view = assertInstanceOf(Map.class, RuleValues.view(shape(), record, (type, v) -> v));
    Map<?, ?> converted = (Map<?, ?>) RuleValues.toRuleValue(shape(), record, (type, v) -> v);
    for (String key : List.of("label", "weight", "kind", "either", "attrs")) {
      assertEquals(converted.get(key), view.get(key), key);
    }
    assertEquals("kid", ((Map<?, ?>) ((List<?>) view.get("children")).get(0)).get("label"));
    assertEquals(converted.keySet(), view.keySet());
    assertTrue(view.containsKey("hash") && !view.containsKey("nope"));

    record.put("either", 2.5);
    Map<?, ?> lazy = (Map<?, ?>) RuleValues.view(shape(), record, (type, v) -> v);
    assertEquals("root", lazy.get("label"), "a field that fits is read");
    assertThrows(IllegalArgumentException.class, () -> lazy.get("either"), "the one that does not fit fails when read");
    assertThrows(IllegalArgumentException.class, () -> RuleValues.toRuleValue(shape(), record, (type, v) -> v));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aValueThatDoesNotFitNamesTheField() {
    Map<String, Object> map = new LinkedHashMap<>(
        (Map<String, Object>) RuleValues.toRuleValue(shape(), node("root", List.of()), (type, v) -> v));
    map.put("hash", new byte[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RuleValues.fromRuleValue(shape(), map, null));
    assertEquals("field t.Node.hash: expected fixed t.Hash of 2 bytes, got 1 bytes", e.getMessage());
    map.put("hash", new byte[] {1, 2});
    map.put("kind", "TREE");
    e = assertThrows(IllegalArgumentException.class, () -> RuleValues.fromRuleValue(shape(), map, null));
    assertTrue(e.getMessage().startsWith("field t.Node.kind: expected a symbol of enum t.Kind [LEAF, BRANCH]"), e.getMessage());
    map.put("kind", "LEAF");
    map.put("extra", 1);
    e = assertThrows(IllegalArgumentException.class, () -> RuleValues.fromRuleValue(shape(), map, null));
    assertEquals("'extra' is not a field of t.Node", e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGeneratedRecordComesBackAsItsClass() {
    RecordShape shape = (RecordShape) AvroFieldShapes.of(Order.SCHEMA$, TagPatterns.NONE, AvroDatumKinds.DEFAULT);
    Order order = new Order("o-1", 5, Status.NEW);
    Map<String, Object> map = new LinkedHashMap<>(
        (Map<String, Object>) RuleValues.toRuleValue(shape, order, (type, v) -> v));
    map.put("status", "PAID");
    Order back = assertInstanceOf(Order.class, RuleValues.fromRuleValue(shape, map, order));
    assertEquals(Status.PAID, back.status);
    assertEquals(Status.NEW, order.status, "the original is not modified");
  }

  private static List<Integer> toList(byte[] bytes) {
    return java.util.stream.IntStream.range(0, bytes.length).mapToObj(i -> (int) bytes[i]).toList();
  }
}
