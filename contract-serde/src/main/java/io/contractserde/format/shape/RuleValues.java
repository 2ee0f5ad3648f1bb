package io.contractserde.format.shape;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conversions between a format's native values and rule values ({@code Map} for records and maps,
 * {@code List} for arrays, the leaf types of {@link LeafShape}), guided by a {@link FieldShape}.
 */
public final class RuleValues {
  private RuleValues() {}

  /** How an executor wants leaf values presented (CEL: every whole number a {@code Long}). */
  @FunctionalInterface
  public interface LeafAdapter {
    /** Presents a leaf's rule value ({@code value} null for a null) of the given type. */
    Object adapt(FieldType type, Object value);
  }

  /** The rule value of a native value of {@code shape}; nulls and leaves pass through {@code adapter}. */
  public static Object toRuleValue(FieldShape shape, Object value, LeafAdapter adapter) {
    if (value == null) {
      return adapter.adapt(FieldType.NULL, null);
    }
    if (shape instanceof RecordShape r) {
      List<RecordShape.Field> fields = r.fields();
      Object[] values = r.values(value);
      Map<String, Object> map = new LinkedHashMap<>(fields.size() * 2);
      for (int i = 0; i < values.length; i++) {
        RecordShape.Field f = fields.get(i);
        if (values[i] != null || r.has(value, i)) {
          map.put(f.name(), toRuleValue(f.shape(), values[i], adapter));
        }
      }
      r.otherValues(value).forEach((k, v) -> map.put(k, adaptPlain(v, adapter)));
      return map;
    }
    if (shape instanceof ArrayShape a) {
      List<?> elements = a.elements(value);
      List<Object> list = new ArrayList<>(elements.size());
      for (Object e : elements) {
        list.add(toRuleValue(a.elementShape(), e, adapter));
      }
      return list;
    }
    if (shape instanceof MapShape m) {
      Map<String, Object> entries = m.entries(value);
      entries.replaceAll((k, v) -> toRuleValue(m.valueShape(), v, adapter));
      return entries;
    }
    if (shape instanceof UnionShape u) {
      return toRuleValue(branch(u, value), value, adapter);
    }
    LeafShape leaf = (LeafShape) shape;
    return adapter.adapt(leaf.type(), leaf.toRuleValue(value));
  }

  /**
   * A read-only view of a native value as a rule value: records are maps and arrays lists whose
   * values are converted when first read, so an expression that reads two fields of a large record
   * converts two fields; a union is its branch's view; maps and leaves are converted at once. The
   * view is for one thread.
   */
  public static Object view(FieldShape shape, Object value, LeafAdapter adapter) {
    if (value == null) {
      return adapter.adapt(FieldType.NULL, null);
    }
    if (shape instanceof RecordShape r) {
      return new RecordView(r, value, adapter);
    }
    if (shape instanceof ArrayShape a) {
      return new ListView(a.elementShape(), a.elements(value), adapter);
    }
    if (shape instanceof UnionShape u) {
      return view(branch(u, value), value, adapter);
    }
    return toRuleValue(shape, value, adapter);
  }

  /**
   * The native value of {@code shape} for a rule value. {@code like} is the native value it
   * replaces, or null: records and enums take its form (a generated class stays that class).
   *
   * @throws IllegalArgumentException naming the field path and the expected type when it does not fit
   */
  public static Object fromRuleValue(FieldShape shape, Object value, Object like) {
    if (value == null) {
      if (shape.acceptsNull()) {
        return null;
      }
      throw LeafShape.mismatch(shape, null);
    }
    if (shape instanceof RecordShape r) {
      if (!(value instanceof Map<?, ?> map)) {
        throw LeafShape.mismatch(shape, value);
      }
      return r.fromRuleMap(map, like);
    }
    if (shape instanceof ArrayShape a) {
      if (!(value instanceof List<?> list)) {
        throw LeafShape.mismatch(shape, value);
      }
      List<?> likeElements = like == null ? null : a.elements(like);
      List<Object> elements = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        Object likeElement = likeElements != null && i < likeElements.size() ? likeElements.get(i) : null;
        elements.add(fromRuleValue(a.elementShape(), list.get(i), likeElement));
      }
      return a.build(elements, like);
    }
    if (shape instanceof MapShape m) {
      if (!(value instanceof Map<?, ?> map)) {
        throw LeafShape.mismatch(shape, value);
      }
      Map<String, Object> likeEntries = like == null ? Map.of() : m.entries(like);
      Map<String, Object> entries = new LinkedHashMap<>(map.size() * 2);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        entries.put(key, fromRuleValue(m.valueShape(), e.getValue(), likeEntries.get(key)));
      }
      return m.build(entries, like);
    }
    if (shape instanceof UnionShape u) {
      return fromUnion(u, value, like);
    }
    return ((LeafShape) shape).fromRuleValue(value, like);
  }

  private static Object fromUnion(UnionShape u, Object value, Object like) {
    FieldShape likeBranch = like == null ? null : u.branchOf(like);
    if (likeBranch != null) {
      try {
        return fromRuleValue(likeBranch, value, like);
      } catch (IllegalArgumentException e) {
        // the value changed branch: try them all below
      }
    }
    for (FieldShape branch : u.branches()) {
      if (branch.type() == FieldType.NULL || branch == likeBranch) {
        continue;
      }
      try {
        return fromRuleValue(branch, value, null);
      } catch (IllegalArgumentException e) {
        // try the next branch
      }
    }
    throw LeafShape.mismatch(u, value);
  }

  /**
   * Plain Java (maps, lists, scalars: what {@link RecordShape#otherValues} gives) through
   * {@code adapter}, leaf by leaf.
   */
  private static Object adaptPlain(Object value, LeafAdapter adapter) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>(map.size() * 2);
      map.forEach((k, v) -> out.put(String.valueOf(k), adaptPlain(v, adapter)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(adaptPlain(v, adapter)));
      return out;
    }
    FieldType type = value == null ? FieldType.NULL
        : value instanceof CharSequence ? FieldType.STRING
        : value instanceof Integer ? FieldType.INT
        : value instanceof Long ? FieldType.LONG
        : value instanceof Float ? FieldType.FLOAT
        : value instanceof Number ? FieldType.DOUBLE
        : value instanceof Boolean ? FieldType.BOOLEAN
        : FieldType.BYTES;
    return adapter.adapt(type, value);
  }

  /**
   * A record seen through {@link #view}: each field converted on first read; the record's other
   * values (an open JSON object's undeclared properties) converted together, on first need.
   */
  private static final class RecordView extends AbstractMap<String, Object> {
    private static final Object UNREAD = new Object();
    private final RecordShape shape;
    private final Object record;
    private final Object[] values;
    private final Object[] seen;
    private final LeafAdapter adapter;
    private Map<String, Object> others;

    RecordView(RecordShape shape, Object record, LeafAdapter adapter) {
      this.shape = shape;
      this.record = record;
      this.values = shape.values(record);
      this.seen = new Object[values.length];
      Arrays.fill(seen, UNREAD);
      this.adapter = adapter;
    }

    private Map<String, Object> others() {
      if (others == null) {
        Map<String, Object> plain = shape.otherValues(record);
        if (plain.isEmpty()) {
          others = Map.of();
        } else {
          others = new LinkedHashMap<>(plain.size() * 2);
          plain.forEach((k, v) -> others.put(k, adaptPlain(v, adapter)));
        }
      }
      return others;
    }

    private Object value(int i) {
      Object v = seen[i];
      if (v == UNREAD) {
        v = view(shape.fields().get(i).shape(), values[i], adapter);
        seen[i] = v;
      }
      return v;
    }

    /** Whether the field at {@code i} is there: a null value may be an absent JSON property. */
    private boolean present(int i) {
      return values[i] != null || shape.has(record, i);
    }

    @Override
    public Object get(Object key) {
      int i = shape.indexOf(key);
      if (i >= 0) {
        return present(i) ? value(i) : null;
      }
      return others().get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      int i = shape.indexOf(key);
      return i >= 0 ? present(i) : others().containsKey(key);
    }

    @Override
    public int size() {
      int size = others().size();
      for (int i = 0; i < values.length; i++) {
        size += present(i) ? 1 : 0;
      }
      return size;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
          Iterator<Entry<String, Object>> rest = others().entrySet().iterator();
          return new Iterator<>() {
            private int next = skipAbsent(0);

            private int skipAbsent(int from) {
              int i = from;
              while (i < values.length && !present(i)) {
                i++;
              }
              return i;
            }

            @Override
            public boolean hasNext() {
              return next < values.length || rest.hasNext();
            }

            @Override
            public Entry<String, Object> next() {
              if (next >= values.length) {
                return rest.next();
              }
              int i = next;
              next = skipAbsent(i + 1);
              return new SimpleImmutableEntry<>(shape.fields().get(i).name(), value(i));
            }
          };
        }

        @Override
        public int size() {
          return RecordView.this.size();
        }
      };
    }
  }

  /** An array seen through {@link #view}: each element converted on first read. */
  private static final class ListView extends AbstractList<Object> {
    private final FieldShape elementShape;
    private final List<?> elements;
    private final Object[] seen;
    private final LeafAdapter adapter;

    ListView(FieldShape elementShape, List<?> elements, LeafAdapter adapter) {
      this.elementShape = elementShape;
      this.elements = elements;
      this.seen = new Object[elements.size()];
      this.adapter = adapter;
    }

    @Override
    public Object get(int index) {
      Object v = seen[index];
      if (v == null) {
        v = view(elementShape, elements.get(index), adapter);
        seen[index] = v;
      }
      return v;
    }

    @Override
    public int size() {
      return seen.length;
    }
  }

  /** The branch of {@code union} holding the non-null {@code value}. */
  static FieldShape branch(UnionShape union, Object value) {
    FieldShape branch = union.branchOf(value);
    if (branch == null) {
      throw new IllegalArgumentException("a " + value.getClass().getSimpleName() + " fits no branch of " + union);
    }
    return branch;
  }
}
