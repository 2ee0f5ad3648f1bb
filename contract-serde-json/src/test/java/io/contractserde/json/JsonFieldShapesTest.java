package io.contractserde.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.format.shape.UnionShape;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** JSON Schemas as field-level rules see them: paths, tags, $ref (recursive too), unions, round trips. */
class JsonFieldShapesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = """
      {"type":"object","properties":{
        "id":{"type":"string"},
        "root":{"$ref":"#/definitions/Node"},
        "either":{"oneOf":[{"type":"integer"},{"type":"string"}]},
        "both":{"allOf":[{"$ref":"#/definitions/A"},{"properties":{"b":{"type":"boolean"}}}]}},
       "definitions":{
        "Node":{"type":"object","properties":{
          "label":{"type":"string","confluent:tags":["L"]},
          "children":{"type":"array","items":{"$ref":"#/definitions/Node"}}}},
        "A":{"type":"object","properties":{"a":{"type":"number"}}}}}""";

  private static RecordShape shape() throws Exception {
    TreeMap<String, SortedSet<String>> tags = new TreeMap<>();
    tags.put("$.both.*", new TreeSet<>(List.of("BOTH")));
    return (RecordShape) JsonFieldShapes.of(JSON.readTree(SCHEMA), Map.of(), TagPatterns.compile(tags), JSON);
  }

  @Test
  void propertiesHavePathsTagsAndTypes() throws Exception {
    RecordShape shape = shape();
    assertEquals(List.of("id", "root", "either", "both"), shape.fields().stream().map(RecordShape.Field::name).toList());
    RecordShape root = (RecordShape) shape.fields().get(1).shape();
    assertEquals("$.root.label", root.fields().get(0).fullName());
    assertEquals(Set.of("L"), root.fields().get(0).tags());
    ArrayShape children = (ArrayShape) root.fields().get(1).shape();
    assertSame(root, children.elementShape(), "a recursive $ref reuses its first shape");
    assertEquals(FieldType.COMBINED, shape.fields().get(2).shape().type());
    RecordShape both = (RecordShape) shape.fields().get(3).shape();
    assertEquals(List.of("$.both.a", "$.both.b"), both.fields().stream().map(RecordShape.Field::fullName).toList());
    assertEquals(Set.of("BOTH"), both.fields().get(1).tags());
  }

  @Test
  void aUnionBranchIsChosenByTheValuesJsonType() throws Exception {
    UnionShape either = (UnionShape) shape().fields().get(2).shape();
    assertEquals(FieldType.INT, either.branchOf(JSON.readTree("3")).type());
    assertEquals(FieldType.STRING, either.branchOf(JSON.readTree("\"x\"")).type());
    assertEquals(null, either.branchOf(JSON.readTree("true")));
  }

  @Test
  void aDocumentBecomesPlainJavaAndComesBackEqual() throws Exception {
    JsonNode doc = JSON.readTree("""
        {"id":"n","root":{"label":"a","children":[{"label":"b","children":[]}]},"either":7,"both":{"a":1.5,"b":true},
         "extra":{"k":[1,2]}}""");
    Object value = RuleValues.toRuleValue(shape(), doc, (type, v) -> v);
    assertEquals(Map.of("id", "n", "root", Map.of("label", "a", "children", List.of(Map.of("label", "b",
        "children", List.of()))), "either", 7L, "both", Map.of("a", 1.5, "b", true), "extra", Map.of("k", List.of(1, 2))),
        value, "undeclared properties are there too");
    // Whole numbers come back as longs (LongNode, not IntNode): the same JSON text.
    assertEquals(doc.toString(), RuleValues.fromRuleValue(shape(), value, doc).toString());
  }
}
