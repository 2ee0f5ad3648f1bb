package io.contractserde.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.contractserde.format.RecordView;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSONata data model of JSON documents read in place: an object of a Jackson tree as a
 * {@link RecordView} whose fields are converted when read, and the tree of the next version built
 * from such a view by moving the nodes nobody changed.
 *
 * <p>The values are exactly those of the serde's mapper: {@code readValue(bytes, Object.class)}
 * for a document read from bytes, {@code convertValue(node, Object.class)} for a tree the caller
 * gives, and a tree built from a view is {@code valueToTree} of the model. That holds for the
 * mapper's settings as Jackson ships them, and for those the serde uses (exact decimals in trees);
 * a mapper set up otherwise ({@code json.object.mapper.customizer} or an application's own: its own
 * serializers or deserializers for these types, integer coercions, decimals trimmed in trees, keys
 * sorted, nulls or empty arrays left out...) is checked once, on a sample document, and when any value differs no
 * view is made: every conversion then goes through the mapper, as before views existed.
 * Immutable after construction; thread-safe.
 */
final class JsonDataModel {
  private static final Object NOT_READ = new Object();
  /** A document with every kind of value, in an order that is not sorted; see {@link #faithful}. */
  private static final String SAMPLE = "{\"b\":1,\"a\":[1,-2147483649,12345678901234567890123,1.10,1e3,-0.0,0.5,"
      + "1E-7,\"x\\u00e9\\ud83d\\ude00\",true,false,null,{},[]],\"d\":2.50,\"n\":null,\"s\":\"\","
      + "\"e\":[],\"o\":{\"z\":null,\"y\":{\"k\":[{\"q\":-1.0,\"p\":7}]}}}";

  private final ObjectMapper mapper;
  private final JsonNodeFactory nodes;
  /** Whether views are made at all: the mapper gives the values described above. */
  private final boolean viewable;
  /** A {@code DoubleNode} is a {@code Double} in the data model (floats are not read as BigDecimal). */
  private final boolean doublesStayDoubles;
  /** {@code valueToTree} trims a decimal's trailing zeros (the node factory's or JsonNodeFeature's say). */
  private final boolean trimsDecimals;

  JsonDataModel(ObjectMapper mapper) {
    this.mapper = mapper;
    this.nodes = mapper.getDeserializationConfig().getNodeFactory();
    this.doublesStayDoubles = !mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    Boolean trims = mapper.getDeserializationConfig().getDatatypeFeatures()
        .getExplicitState(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    this.trimsDecimals = trims != null ? trims : nodes.willStripTrailingBigDecimalZeroes();
    this.viewable = faithful();
  }

  /** Whether documents and trees are read as views (the mapper passed the check). */
  boolean viewable() {
    return viewable;
  }

  // ---------------------------------------------------------------- reading

  /**
   * The data model of a document: an object as an owned view of the tree read from it, anything
   * else (or a mapper that fails the check) as {@code readValue(bytes, Object.class)}.
   *
   * @throws IOException as {@code readValue} throws it
   */
  Object decode(byte[] data, int offset, int length) throws IOException {
    if (viewable) {
      JsonNode tree;
      try {
        tree = mapper.readTree(data, offset, length);
      } catch (IOException | RuntimeException e) {
        tree = null; // the plain read below fails as it always has, or reads what the tree could not
      }
      if (tree != null && tree.getClass() == ObjectNode.class) {
        return new RecordView(new Fields(this, (ObjectNode) tree, true));
      }
    }
    return mapper.readValue(data, offset, length, Object.class);
  }

  /**
   * A view of {@code node} ({@code convertValue(node, Object.class)} as it is read); {@code owned}:
   * the tree belongs to the serde and every node is as {@code valueToTree} makes it, so its nodes
   * may move into the next tree. Null when views are not made or the node is not a plain object.
   */
  RecordView view(JsonNode node, boolean owned) {
    return viewable && node != null && node.getClass() == ObjectNode.class
        ? new RecordView(new Fields(this, (ObjectNode) node, owned)) : null;
  }

  /** The data model of one node: objects as views, arrays as lists, scalars as the mapper gives them. */
  private Object value(JsonNode n, boolean owned) {
    Class<?> c = n.getClass();
    if (c == TextNode.class) {
      return n.textValue();
    }
    if (c == IntNode.class || c == LongNode.class || c == DecimalNode.class || c == BigIntegerNode.class
        || (c == DoubleNode.class && doublesStayDoubles)) {
      return n.numberValue();
    }
    if (c == ObjectNode.class) {
      return new RecordView(new Fields(this, (ObjectNode) n, owned));
    }
    if (c == ArrayNode.class) {
      List<Object> list = new ArrayList<>(n.size());
      for (JsonNode item : n) {
        list.add(value(item, owned));
      }
      return list;
    }
    if (c == BooleanNode.class) {
      return n.booleanValue();
    }
    if (c == NullNode.class) {
      return null;
    }
    return mapper.convertValue(n, Object.class); // a double as BigDecimal, binary, a POJO...
  }

  /** One object's properties, for a {@link RecordView}: names and nodes taken once, in document order. */
  static final class Fields implements RecordView.Fields {
    private final JsonDataModel model;
    private final String[] names;
    private final JsonNode[] nodes;
    private final boolean owned;
    private Names key;

    Fields(JsonDataModel model, ObjectNode node, boolean owned) {
      this.model = model;
      this.owned = owned;
      int n = node.size();
      this.names = new String[n];
      this.nodes = new JsonNode[n];
      int i = 0;
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        names[i] = e.getKey();
        nodes[i++] = e.getValue();
      }
    }

    /** The names in order: equal for two objects with the same names in the same order. */
    @Override
    public Object schemaKey() {
      Names k = key;
      if (k == null) {
        k = new Names(names);
        key = k;
      }
      return k;
    }

    @Override
    public int count() {
      return names.length;
    }

    @Override
    public String name(int index) {
      return names[index];
    }

    @Override
    public int indexOf(String name) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public Object read(int index) {
      return model.value(nodes[index], owned);
    }

    /** The node of field {@code index}, as the tree holds it. */
    JsonNode node(int index) {
      return nodes[index];
    }
  }

  /** An object's property names in order, compared element by element (names Jackson reads are interned). */
  private static final class Names {
    private final String[] names;

    Names(String[] names) {
      this.names = names;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Names other && Arrays.equals(names, other.names);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(names);
    }

    @Override
    public String toString() {
      return Arrays.toString(names);
    }
  }

  // ---------------------------------------------------------------- building

  /** One tree being built: the objects whose nodes it has moved, and whether it stays owned. */
  static final class Building {
    /** The objects moved so far, by identity: the top one and a few nested ones as a rule. */
    private Fields[] moved;
    private int count;
    private boolean owned = true;

    /** True the first time: an object's nodes move into one place of a tree, never two. */
    private boolean firstMove(Fields fields) {
      for (int i = 0; i < count; i++) {
        if (moved[i] == fields) {
          return false;
        }
      }
      if (moved == null) {
        moved = new Fields[4];
      } else if (count == moved.length) {
        moved = Arrays.copyOf(moved, count * 2);
      }
      moved[count++] = fields;
      return true;
    }

    /** Whether every node is as {@code valueToTree} makes it, so a view of the tree may be owned. */
    boolean owned() {
      return owned;
    }
  }

  /** {@code mapper.valueToTree(model)}, built by moving unchanged nodes when the model is an owned view. */
  JsonNode tree(Object model) {
    Building building = new Building();
    building.owned = false; // nobody asks whether the tree may be viewed as owned: no node is checked
    return tree(model, building);
  }

  /** As {@link #tree(Object)}; {@code building} tells afterwards whether the tree may be viewed as owned. */
  JsonNode tree(Object model, Building building) {
    if (movable(model, building)) {
      try {
        return build((RecordView) model, building);
      } catch (IllegalArgumentException e) {
        // A value Jackson cannot write: the whole conversion below fails with today's message.
      }
    }
    return converted(model, building);
  }

  private boolean movable(Object model, Building building) {
    return model instanceof RecordView view && !view.isCopied()
        && view.fields() instanceof Fields f && f.owned && f.model == this && building.firstMove(f);
  }

  /** The object of a view, in the view's entry order: a property nobody changed is its node itself. */
  private ObjectNode build(RecordView view, Building building) {
    Fields from = (Fields) view.fields();
    Map<String, Object> added = view.added();
    boolean adds = !added.isEmpty();
    ObjectNode out = nodes.objectNode();
    for (int i = 0; i < from.names.length; i++) {
      if (!view.visible(i)) {
        continue;
      }
      String name = from.names[i];
      if (adds && added.containsKey(name)) {
        out.set(name, node(added.get(name), building));
        continue;
      }
      Object seen = view.readValueOr(i, NOT_READ);
      // Unread, or read as a scalar (immutable, and the node is what valueToTree makes of it).
      out.set(name, seen == NOT_READ || !(seen instanceof Map || seen instanceof List)
          ? from.nodes[i] : node(seen, building));
    }
    if (adds) {
      for (Map.Entry<String, Object> e : added.entrySet()) {
        int at = from.indexOf(e.getKey());
        if (at < 0 || !view.visible(at)) {
          out.set(e.getKey(), node(e.getValue(), building));
        }
      }
    }
    return out;
  }

  /** {@code valueToTree(v)}: scalars made straight away, owned views built, the rest converted. */
  private JsonNode node(Object v, Building building) {
    if (v == null) {
      return nodes.nullNode();
    }
    Class<?> c = v.getClass();
    if (c == String.class) {
      return nodes.textNode((String) v);
    }
    if (c == Integer.class) {
      return nodes.numberNode((Integer) v);
    }
    if (c == Long.class) {
      return nodes.numberNode((Long) v);
    }
    if (c == BigDecimal.class) {
      return nodes.numberNode(trimsDecimals ? trimmed((BigDecimal) v) : (BigDecimal) v);
    }
    if (c == Boolean.class) {
      return nodes.booleanNode((Boolean) v);
    }
    if (c == BigInteger.class) {
      return nodes.numberNode((BigInteger) v);
    }
    if (movable(v, building)) {
      return build((RecordView) v, building);
    }
    return converted(v, building);
  }

  private static BigDecimal trimmed(BigDecimal v) {
    try {
      return v.stripTrailingZeros();
    } catch (ArithmeticException e) {
      return v; // a scale out of range: Jackson keeps the value as it is too
    }
  }

  private JsonNode converted(Object v, Building building) {
    JsonNode n = mapper.valueToTree(v);
    if (building.owned && !canonical(n)) {
      building.owned = false;
    }
    return n;
  }

  /** Whether {@code n} is what {@code valueToTree} makes of the data model of {@code n}. */
  private boolean canonical(JsonNode n) {
    Class<?> c = n.getClass();
    if (c == ObjectNode.class || c == ArrayNode.class) {
      for (JsonNode child : n) {
        if (!canonical(child)) {
          return false;
        }
      }
      return true;
    }
    if (c == DoubleNode.class) {
      return doublesStayDoubles || !Double.isFinite(n.doubleValue());
    }
    return c == TextNode.class || c == IntNode.class || c == LongNode.class || c == DecimalNode.class
        || c == BigIntegerNode.class || c == BooleanNode.class || c == NullNode.class;
  }

  // ---------------------------------------------------------------- the check

  /**
   * Whether this mapper gives views the values its own conversions give: Jackson's own
   * (de)serializers for the model's types and trees, no integer coercion, no Java arrays, and on a
   * sample document with every kind of value, the same values and types in the same order by
   * every route (read, tree, view, conversion, tree of the model, nodes made here).
   */
  private boolean faithful() {
    if (mapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
        || mapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS)
        || mapper.isEnabled(DeserializationFeature.USE_JAVA_ARRAY_FOR_JSON_ARRAY)
        || nodes.objectNode().getClass() != ObjectNode.class || nodes.arrayNode().getClass() != ArrayNode.class) {
      return false;
    }
    try {
      if (!sameHandlers(mapper, new ObjectMapper())) {
        return false;
      }
      byte[] sample = SAMPLE.getBytes(StandardCharsets.UTF_8);
      Object plain = mapper.readValue(sample, Object.class);
      JsonNode tree = mapper.readTree(sample);
      if (tree.getClass() != ObjectNode.class) {
        return false;
      }
      Object viewed = RecordView.toPlain(new RecordView(new Fields(this, (ObjectNode) tree, true)));
      if (!sameModel(plain, viewed) || !sameModel(plain, mapper.convertValue(tree, Object.class))
          || !sameTree(mapper.valueToTree(plain), tree)) {
        return false;
      }
      RecordView untouched = new RecordView(new Fields(this, (ObjectNode) tree, true));
      RecordView read = new RecordView(new Fields(this, (ObjectNode) tree, true));
      read.forEach((k, v) -> { });
      if (!sameTree(build(untouched, new Building()), tree) || !sameTree(build(read, new Building()), tree)) {
        return false;
      }
      for (Object scalar : List.of("x", 7, 7L, -1L << 40, BigInteger.valueOf(5), new BigInteger("12345678901234567890123"),
          new BigDecimal("1.10"), new BigDecimal("1E+3"), true, false)) {
        if (!sameTree(node(scalar, new Building()), mapper.valueToTree(scalar))) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Whether {@code mapper} reads and writes the model's types and trees with the classes a plain mapper uses. */
  private static boolean sameHandlers(ObjectMapper mapper, ObjectMapper plain) throws IOException {
    for (Class<?> type : List.of(Object.class, JsonNode.class, ObjectNode.class)) {
      if (deserializer(mapper, type) != deserializer(plain, type)) {
        return false;
      }
    }
    for (Class<?> type : List.of(String.class, Integer.class, Long.class, BigInteger.class, BigDecimal.class,
        Double.class, Boolean.class, LinkedHashMap.class, ArrayList.class, RecordView.class, ObjectNode.class)) {
      if (serializer(mapper, type) != serializer(plain, type)) {
        return false;
      }
    }
    return true;
  }

  private static Class<?> deserializer(ObjectMapper mapper, Class<?> type) throws IOException {
    DefaultDeserializationContext ctxt = ((DefaultDeserializationContext) mapper.getDeserializationContext())
        .createDummyInstance(mapper.getDeserializationConfig());
    return ctxt.findRootValueDeserializer(mapper.constructType(type)).getClass();
  }

  private static Class<?> serializer(ObjectMapper mapper, Class<?> type) throws IOException {
    return mapper.getSerializerProviderInstance().findTypedValueSerializer(type, true, null).getClass();
  }

  /** Equal values of the same classes, map entries in the same order. */
  static boolean sameModel(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass() != b.getClass()) {
      return false;
    }
    if (a instanceof Map<?, ?> ma) {
      Map<?, ?> mb = (Map<?, ?>) b;
      if (ma.size() != mb.size()) {
        return false;
      }
      Iterator<? extends Map.Entry<?, ?>> ib = mb.entrySet().iterator();
      for (Map.Entry<?, ?> ea : ma.entrySet()) {
        Map.Entry<?, ?> eb = ib.next();
        if (!ea.getKey().equals(eb.getKey()) || !sameModel(ea.getValue(), eb.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!sameModel(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a instanceof byte[] bytes ? Arrays.equals(bytes, (byte[]) b) : a.equals(b);
  }

  /** Equal trees of the same node classes, properties in the same order, decimals of the same scale. */
  static boolean sameTree(JsonNode a, JsonNode b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.getClass() != b.getClass() || a.size() != b.size()) {
      return false;
    }
    if (a.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> ib = b.properties().iterator();
      for (Map.Entry<String, JsonNode> ea : a.properties()) {
        Map.Entry<String, JsonNode> eb = ib.next();
        if (!ea.getKey().equals(eb.getKey()) || !sameTree(ea.getValue(), eb.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray()) {
      for (int i = 0; i < a.size(); i++) {
        if (!sameTree(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    // DecimalNode's equals ignores the scale (1.10 = 1.1), BigDecimal's does not.
    return a.isNumber() ? a.numberValue().equals(b.numberValue()) : a.equals(b);
  }
}
