package io.contractserde.json;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.format.shape.UnionShape;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A JSON Schema as field-level rules see it. The document is {@code $}; a property's full name is
 * its object's path, a dot and its name ({@code $.customer.email}); array items share their
 * property's name. Types: {@code string}, {@code integer} (INT), {@code number} (DOUBLE),
 * {@code boolean}, {@code enum}/{@code const} (ENUM), objects with properties (records, with
 * {@code allOf} members' properties merged in), objects without (maps of
 * {@code additionalProperties}), arrays of {@code items}, a list of types or {@code oneOf}/{@code anyOf}
 * (a union whose branch is chosen by the value's JSON type), {@code $ref} inside the document and to
 * referenced subjects. A recursive {@code $ref} reuses the shape, and full names, of its first use.
 * Anything else is opaque: its values are visible to CEL as plain JSON but no field rule touches them.
 */
final class JsonFieldShapes {
  private final ObjectMapper mapper;
  private final TagPatterns patterns;
  private final Map<String, JsonNode> referenced;
  private final Map<JsonNode, FieldShape> byRefTarget = new IdentityHashMap<>();

  private JsonFieldShapes(ObjectMapper mapper, TagPatterns patterns, Map<String, JsonNode> referenced) {
    this.mapper = mapper;
    this.patterns = patterns;
    this.referenced = referenced;
  }

  static FieldShape of(JsonNode schema, Map<String, JsonNode> referenced, TagPatterns patterns, ObjectMapper mapper) {
    return new JsonFieldShapes(mapper, patterns, referenced).shape(schema, schema, "$");
  }

  private FieldShape shape(JsonNode schema, JsonNode document, String path) {
    if (!schema.isObject()) {
      return new Opaque(mapper);
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.isTextual()) {
      return reference(ref.textValue(), document, path);
    }
    if (schema.has("enum") || schema.has("const")) {
      return new Leaf(FieldType.ENUM, mapper);
    }
    JsonNode type = schema.get("type");
    if (type != null && type.isArray()) {
      List<FieldShape> branches = new ArrayList<>();
      for (JsonNode t : type) {
        ObjectNode single = ((ObjectNode) schema).deepCopy();
        single.set("type", t);
        branches.add(shape(single, document, path));
      }
      return new Union(branches, mapper);
    }
    for (String combiner : List.of("oneOf", "anyOf")) {
      JsonNode options = schema.get(combiner);
      if (options != null && options.isArray() && !schema.has("properties")) {
        List<FieldShape> branches = new ArrayList<>();
        options.forEach(option -> branches.add(shape(option, document, path)));
        return new Union(branches, mapper);
      }
    }
    String kind = type == null ? null : type.asText();
    Map<String, JsonNode> properties = properties(schema, document);
    if (!properties.isEmpty() && (kind == null || kind.equals("object"))) {
      return record(properties, document, path);
    }
    if (kind == null) {
      return new Opaque(mapper);
    }
    return switch (kind) {
      case "object" -> new JsonMap(schema.path("additionalProperties").isObject()
          ? shape(schema.get("additionalProperties"), document, path) : new Opaque(mapper), mapper);
      case "array" -> new Array(schema.path("items").isObject()
          ? shape(schema.get("items"), document, path) : new Opaque(mapper), mapper);
      case "string" -> new Leaf(FieldType.STRING, mapper);
      case "integer" -> new Leaf(FieldType.INT, mapper);
      case "number" -> new Leaf(FieldType.DOUBLE, mapper);
      case "boolean" -> new Leaf(FieldType.BOOLEAN, mapper);
      case "null" -> new Leaf(FieldType.NULL, mapper);
      default -> new Opaque(mapper);
    };
  }

  private FieldShape reference(String ref, JsonNode document, String path) {
    int hash = ref.indexOf('#');
    JsonNode target = document;
    if (hash != 0) {
      target = referenced.get(hash < 0 ? ref : ref.substring(0, hash));
      if (target == null) {
        return new Opaque(mapper);
      }
      document = target;
    }
    if (hash >= 0 && hash + 1 < ref.length()) {
      target = target.at(JsonPointer.compile(ref.substring(hash + 1)));
    }
    if (target.isMissingNode()) {
      return new Opaque(mapper);
    }
    FieldShape known = byRefTarget.get(target);
    if (known != null) {
      return known;
    }
    Map<String, JsonNode> properties = properties(target, document);
    String kind = target.path("type").asText(null);
    if (!properties.isEmpty() && (kind == null || kind.equals("object"))) {
      // Registered before its fields are built: a recursive reference finds it.
      Record record = new Record(path, mapper);
      byRefTarget.put(target, record);
      define(record, properties, document, path);
      return record;
    }
    byRefTarget.put(target, new Opaque(mapper));
    FieldShape shape = shape(target, document, path);
    byRefTarget.put(target, shape);
    return shape;
  }

  /** The properties of an object schema, with those of its {@code allOf} members merged in. */
  private Map<String, JsonNode> properties(JsonNode schema, JsonNode document) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    JsonNode allOf = schema.get("allOf");
    if (allOf != null && allOf.isArray()) {
      for (JsonNode member : allOf) {
        JsonNode resolved = member;
        JsonNode ref = member.get("$ref");
        if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
          resolved = document.at(JsonPointer.compile(ref.textValue().substring(1)));
        }
        if (resolved.isObject()) {
          out.putAll(properties(resolved, document));
        }
      }
    }
    JsonNode properties = schema.get("properties");
    if (properties != null && properties.isObject()) {
      properties.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  private RecordShape record(Map<String, JsonNode> properties, JsonNode document, String path) {
    Record record = new Record(path, mapper);
    define(record, properties, document, path);
    return record;
  }

  private void define(Record record, Map<String, JsonNode> properties, JsonNode document, String path) {
    List<RecordShape.Field> fields = new ArrayList<>(properties.size());
    properties.forEach((name, property) -> {
      String fullName = path + "." + name;
      fields.add(new RecordShape.Field(name, fullName, patterns.tagsOf(fullName, inlineTags(property)),
          shape(property, document, fullName)));
    });
    record.define(fields);
  }

  private static Set<String> inlineTags(JsonNode property) {
    JsonNode tags = property.get(TagPatterns.INLINE_TAGS);
    if (tags == null || !tags.isArray()) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    tags.forEach(t -> out.add(t.asText()));
    return out;
  }

  private static JsonNode node(Object value, ObjectMapper mapper) {
    return value instanceof JsonNode n ? n : mapper.valueToTree(value);
  }

  /** A document in the form {@code like} had: a JsonNode, or the POJO or map class it was. */
  private static Object asLike(JsonNode node, Object like, ObjectMapper mapper) {
    if (like == null || like instanceof JsonNode) {
      return node;
    }
    try {
      return mapper.treeToValue(node, like.getClass());
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot read the result as " + like.getClass().getName() + ": "
          + e.getMessage(), e);
    }
  }

  private static final class Record extends RecordShape {
    private final ObjectMapper mapper;

    Record(String path, ObjectMapper mapper) {
      super(path);
      this.mapper = mapper;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    public Object[] values(Object record) {
      JsonNode node = node(record, mapper);
      List<Field> fields = fields();
      Object[] values = new Object[fields.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = node.get(fields.get(i).name());
        values[i] = v == null || v.isNull() ? null : v;
      }
      return values;
    }

    @Override
    public Object[] values(Object record, int[] indexes) {
      JsonNode node = node(record, mapper);
      Object[] values = new Object[indexes.length];
      for (int k = 0; k < indexes.length; k++) {
        JsonNode v = node.get(fields().get(indexes[k]).name());
        values[k] = v == null || v.isNull() ? null : v;
      }
      return values;
    }

    /** As {@link #build} with {@code like}'s other properties as they are. */
    @Override
    public Object with(Object like, int[] indexes, Object[] values) {
      ObjectNode copy = mapper.createObjectNode();
      JsonNode original = like == null ? null : node(like, mapper);
      if (original instanceof ObjectNode o) {
        copy.setAll(o);
      }
      for (int k = 0; k < indexes.length; k++) {
        set(copy, fields().get(indexes[k]).name(), values[k]);
      }
      return asLike(copy, like, mapper);
    }

    /** An {@code ObjectNode} gets the values set on itself; anything else (a POJO) as {@link #with}. */
    @Override
    public Object withInPlace(Object record, int[] indexes, Object[] values) {
      if (!(record instanceof ObjectNode node)) {
        return with(record, indexes, values);
      }
      for (int k = 0; k < indexes.length; k++) {
        set(node, fields().get(indexes[k]).name(), values[k]);
      }
      return node;
    }

    @Override
    public boolean has(Object record, int index) {
      return node(record, mapper).has(fields().get(index).name());
    }

    @Override
    public Map<String, Object> otherValues(Object record) {
      JsonNode node = node(record, mapper);
      Map<String, Object> others = null;
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (indexOf(e.getKey()) < 0) {
          if (others == null) {
            others = new LinkedHashMap<>();
          }
          others.put(e.getKey(), mapper.convertValue(e.getValue(), Object.class));
        }
      }
      return others == null ? Map.of() : others;
    }

    @Override
    public Object build(Object[] values, Object like) {
      ObjectNode copy = mapper.createObjectNode();
      if (like != null) {
        JsonNode original = node(like, mapper);
        if (original instanceof ObjectNode o) {
          copy.setAll(o);
        }
      }
      List<Field> fields = fields();
      for (int i = 0; i < values.length; i++) {
        set(copy, fields.get(i).name(), values[i]);
      }
      return asLike(copy, like, mapper);
    }

    private static void set(ObjectNode copy, String name, Object value) {
      if (value != null) {
        copy.set(name, (JsonNode) value);
      } else if (copy.hasNonNull(name)) {
        // A value made null (by a field transform): absent and null properties stay as they were.
        copy.putNull(name);
      }
    }

    @Override
    public Object fromRuleMap(Map<?, ?> map, Object like) {
      return asLike(mapper.valueToTree(map), like, mapper);
    }
  }

  private static final class Array extends ArrayShape {
    private final ObjectMapper mapper;

    Array(FieldShape elements, ObjectMapper mapper) {
      super(elements);
      this.mapper = mapper;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    public List<?> elements(Object array) {
      List<JsonNode> elements = new ArrayList<>();
      node(array, mapper).forEach(e -> elements.add(e.isNull() ? null : e));
      return elements;
    }

    @Override
    public Object build(List<?> elements, Object like) {
      ArrayNode array = mapper.createArrayNode();
      for (Object e : elements) {
        array.add(e == null ? mapper.nullNode() : (JsonNode) e);
      }
      return array;
    }
  }

  private static final class JsonMap extends MapShape {
    private final ObjectMapper mapper;

    JsonMap(FieldShape values, ObjectMapper mapper) {
      super(values);
      this.mapper = mapper;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    public Map<String, Object> entries(Object map) {
      Map<String, Object> entries = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node(map, mapper).fields();
      it.forEachRemaining(e -> entries.put(e.getKey(), e.getValue().isNull() ? null : e.getValue()));
      return entries;
    }

    @Override
    public Object build(Map<String, ?> entries, Object like) {
      ObjectNode object = mapper.createObjectNode();
      entries.forEach((k, v) -> object.set(k, v == null ? mapper.nullNode() : (JsonNode) v));
      return object;
    }
  }

  private static final class Union extends UnionShape {
    private final ObjectMapper mapper;

    Union(List<FieldShape> branches, ObjectMapper mapper) {
      super(branches.size() == 2 && branches.stream().anyMatch(b -> b.type() == FieldType.NULL)
          ? FieldType.NULLABLE : FieldType.COMBINED, branches);
      this.mapper = mapper;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    public FieldShape branchOf(Object value) {
      JsonNode node = node(value, mapper);
      FieldShape fallback = null;
      for (FieldShape branch : branches()) {
        FieldShape b = branch;
        if (b instanceof Record r && node.isObject()) {
          boolean covers = true;
          for (Iterator<String> names = node.fieldNames(); names.hasNext() && covers; ) {
            String name = names.next();
            covers = r.fields().stream().anyMatch(f -> f.name().equals(name));
          }
          if (covers) {
            return b;
          }
          fallback = fallback == null ? b : fallback;
        } else if (accepts(b, node)) {
          return b;
        }
      }
      return fallback;
    }

    private static boolean accepts(FieldShape shape, JsonNode node) {
      return switch (shape.type()) {
        case MAP, RECORD -> node.isObject();
        case ARRAY -> node.isArray();
        case STRING -> node.isTextual();
        case INT -> node.isIntegralNumber();
        case DOUBLE -> node.isNumber();
        case BOOLEAN -> node.isBoolean();
        case ENUM -> true;
        case NULL -> shape instanceof Opaque;
        default -> false;
      };
    }
  }

  /** A JSON value of a scalar type. */
  private static class Leaf extends LeafShape {
    final ObjectMapper mapper;

    Leaf(FieldType type, ObjectMapper mapper) {
      super(type);
      this.mapper = mapper;
    }

    @Override
    public boolean acceptsNull() {
      return true;
    }

    @Override
    public Object toRuleValue(Object value) {
      JsonNode node = node(value, mapper);
      if (type() == FieldType.DOUBLE && node.isNumber()) {
        return node.doubleValue();
      }
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        return node.longValue();
      }
      return node.isTextual() ? node.textValue() : mapper.convertValue(node, Object.class);
    }

    @Override
    public Object fromRuleValue(Object value, Object like) {
      switch (type()) {
        case STRING:
          return TextNode.valueOf((String) narrow(FieldType.STRING, value));
        case INT:
          long l = (Long) narrow(FieldType.LONG, value);
          return l == (int) l ? IntNode.valueOf((int) l) : LongNode.valueOf(l);
        case DOUBLE:
          return DoubleNode.valueOf((Double) narrow(FieldType.DOUBLE, value));
        case BOOLEAN:
          return BooleanNode.valueOf((Boolean) narrow(FieldType.BOOLEAN, value));
        default:
          return mapper.valueToTree(value);
      }
    }
  }

  /**
   * A value whose schema says nothing usable (a boolean schema, no type, a tuple, a cycle that is
   * not through an object): CEL sees it as plain JSON; it is typed NULL so no field rule touches it.
   */
  private static final class Opaque extends Leaf {
    Opaque(ObjectMapper mapper) {
      super(FieldType.NULL, mapper);
    }
  }
}
