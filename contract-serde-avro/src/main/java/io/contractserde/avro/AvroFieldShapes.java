package io.contractserde.avro;

import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.TagPatterns;
import io.contractserde.format.shape.UnionShape;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.Utf8;

/**
 * An Avro schema as field-level rules see it. A field's full name is its record's full name, a dot
 * and its name; its tags are its {@code confluent:tags} property and those of the contract's
 * matching {@code metadata.tags} patterns. Generic and generated (specific) records are both
 * read, and rebuilt in the form they came in.
 */
final class AvroFieldShapes {
  private final TagPatterns patterns;
  /** Resolves unions and converts logical values; reads POJOs' fields when it is a ReflectData. */
  private final SpecificData data;
  private final Map<String, RecordShape> records = new HashMap<>();

  private AvroFieldShapes(TagPatterns patterns, SpecificData data) {
    this.patterns = patterns;
    this.data = data;
  }

  /**
   * The shape of {@code schema}, for data of the given kinds: generic and generated records, and
   * POJOs when reflection is on. A logical-type value is seen as its underlying value (a date as
   * days since the epoch), as the JSONata data model shows it, and a new value takes the Java form
   * of the one it replaces.
   */
  static FieldShape of(Schema schema, TagPatterns patterns, AvroDatumKinds kinds) {
    return new AvroFieldShapes(patterns, kinds.rules()).shape(schema);
  }

  private FieldShape shape(Schema schema) {
    if (schema.getLogicalType() != null && schema.getType() != Schema.Type.FIXED) {
      return new Logical(schema, FieldType.valueOf(schema.getType().name()), data);
    }
    switch (schema.getType()) {
      case RECORD:
        return record(schema);
      case ARRAY:
        return new Array(shape(schema.getElementType()));
      case MAP:
        return new AvroMap(shape(schema.getValueType()));
      case UNION:
        List<FieldShape> branches = new ArrayList<>();
        for (Schema branch : schema.getTypes()) {
          branches.add(shape(branch));
        }
        return new Union(schema, branches, data);
      case ENUM:
        return new EnumLeaf(schema);
      case FIXED:
        return new FixedLeaf(schema);
      default:
        return new Primitive(FieldType.valueOf(schema.getType().name()),
            schema.getType() == Schema.Type.STRING && !(data instanceof ReflectData)
                && !"String".equals(schema.getProp(GenericData.STRING_PROP)));
    }
  }

  private RecordShape record(Schema schema) {
    RecordShape known = records.get(schema.getFullName());
    if (known != null) {
      return known;
    }
    Record record = new Record(schema, data);
    records.put(schema.getFullName(), record);
    List<RecordShape.Field> fields = new ArrayList<>(schema.getFields().size());
    for (Schema.Field f : schema.getFields()) {
      String fullName = schema.getFullName() + "." + f.name();
      fields.add(new RecordShape.Field(f.name(), fullName, patterns.tagsOf(fullName, inlineTags(f)), shape(f.schema())));
    }
    record.define(fields);
    return record;
  }

  private static Set<String> inlineTags(Schema.Field field) {
    Object tags = field.getObjectProp(TagPatterns.INLINE_TAGS);
    if (!(tags instanceof Collection<?> list)) {
      return Set.of();
    }
    Set<String> out = new LinkedHashSet<>();
    list.forEach(t -> out.add(String.valueOf(t)));
    return out;
  }

  private static final class Record extends RecordShape {
    private final Schema schema;
    private final SpecificData data;

    Record(Schema schema, SpecificData data) {
      super(schema.getFullName());
      this.schema = schema;
      this.data = data;
    }

    /**
     * True for generic and generated records: Avro conformance checks types, enum symbols, fixed
     * sizes and logical values, which the leaves convert or reject, and a record is rebuilt in the
     * form and schema of the one it replaces. False when POJOs may come (reflection): a POJO is
     * rebuilt through its own field types, which a rule value need not fit.
     */
    @Override
    public boolean buildsConforming() {
      return !(data instanceof ReflectData);
    }

    @Override
    public Object[] values(Object record) {
      if (!(record instanceof IndexedRecord r)) {
        return pojoValues(record);
      }
      Object[] values = new Object[r.getSchema().getFields().size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(i);
      }
      return values;
    }

    /** A generic or generated record's fields by position, else {@link #values(Object)}'s. */
    @Override
    public Object[] values(Object record, int[] indexes) {
      if (!(record instanceof IndexedRecord r)) {
        return super.values(record, indexes);
      }
      Object[] values = new Object[indexes.length];
      for (int k = 0; k < indexes.length; k++) {
        values[k] = r.get(indexes[k]);
      }
      return values;
    }

    /** A generic record is copied as a whole (its schema and values) and the given fields set; others by {@link #build}. */
    @Override
    public Object with(Object like, int[] indexes, Object[] values) {
      if (like == null || like.getClass() != GenericData.Record.class) {
        return super.with(like, indexes, values);
      }
      GenericData.Record copy = new GenericData.Record((GenericData.Record) like, false);
      for (int k = 0; k < indexes.length; k++) {
        copy.put(indexes[k], values[k]);
      }
      return copy;
    }

    /**
     * A generic record gets the values set on itself (its {@code put} cannot fail half-way); others as
     * {@link #with}: a generated record's {@code put} casts, and one failing cast would leave it half set.
     */
    @Override
    public Object withInPlace(Object record, int[] indexes, Object[] values) {
      if (record == null || record.getClass() != GenericData.Record.class) {
        return with(record, indexes, values);
      }
      IndexedRecord r = (IndexedRecord) record;
      for (int k = 0; k < indexes.length; k++) {
        r.put(indexes[k], values[k]);
      }
      return r;
    }

    /** A POJO's fields, by the names of the contract's fields (one it lacks is null). */
    private Object[] pojoValues(Object pojo) {
      ReflectData data = (ReflectData) this.data; // POJOs come only with reflection
      Schema own = data.getSchema(pojo.getClass());
      List<Schema.Field> fields = schema.getFields();
      Object[] values = new Object[fields.size()];
      for (int i = 0; i < values.length; i++) {
        Schema.Field f = own.getField(fields.get(i).name());
        values[i] = f == null ? null : data.getField(pojo, f.name(), f.pos());
      }
      return values;
    }

    @Override
    public Object build(Object[] values, Object like) {
      if (like != null && AvroDatumKinds.isPojo(like) && this.data instanceof ReflectData data) {
        Object copy = SpecificData.newInstance(like.getClass(), schema);
        Schema own = data.getSchema(like.getClass());
        List<Schema.Field> fields = schema.getFields();
        for (int i = 0; i < values.length; i++) {
          Schema.Field f = own.getField(fields.get(i).name());
          if (f != null) {
            data.setField(copy, f.name(), f.pos(), values[i]);
          }
        }
        return copy;
      }
      IndexedRecord copy;
      if (like instanceof SpecificRecord s) {
        copy = (IndexedRecord) SpecificData.newInstance(s.getClass(), s.getSchema());
      } else {
        copy = new GenericData.Record(like instanceof IndexedRecord r ? r.getSchema() : schema);
      }
      for (int i = 0; i < values.length; i++) {
        copy.put(i, values[i]);
      }
      return copy;
    }
  }

  private static final class Array extends ArrayShape {
    Array(FieldShape elements) {
      super(elements);
    }

    @Override
    public List<?> elements(Object array) {
      if (array.getClass().isArray()) { // a POJO's Java array
        int n = java.lang.reflect.Array.getLength(array);
        List<Object> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          items.add(java.lang.reflect.Array.get(array, i));
        }
        return items;
      }
      return (List<?>) array;
    }

    @Override
    public Object build(List<?> elements, Object like) {
      return new ArrayList<>(elements);
    }
  }

  private static final class AvroMap extends MapShape {
    AvroMap(FieldShape values) {
      super(values);
    }

    @Override
    public Map<String, Object> entries(Object map) {
      Map<?, ?> m = (Map<?, ?>) map;
      Map<String, Object> entries = new LinkedHashMap<>(m.size() * 2);
      m.forEach((k, v) -> entries.put(k.toString(), v));
      return entries;
    }

    @Override
    public Object build(Map<String, ?> entries, Object like) {
      return new LinkedHashMap<>(entries);
    }
  }

  private static final class Union extends UnionShape {
    private final Schema schema;
    private final SpecificData data;

    Union(Schema schema, List<FieldShape> branches, SpecificData data) {
      super(branches.size() == 2 && branches.stream().anyMatch(b -> b.type() == FieldType.NULL)
          ? FieldType.NULLABLE : FieldType.COMBINED, branches);
      this.schema = schema;
      this.data = data;
    }

    @Override
    public FieldShape branchOf(Object value) {
      try {
        return branches().get(data.resolveUnion(schema, value));
      } catch (AvroRuntimeException e) {
        return null;
      }
    }
  }

  private static final class Primitive extends LeafShape {
    /** True for a string whose records hold {@code Utf8} (generic and generated ones, unless the schema asks for String). */
    private final boolean utf8Strings;

    Primitive(FieldType type, boolean utf8Strings) {
      super(type);
      this.utf8Strings = utf8Strings;
    }

    @Override
    public Object toRuleValue(Object value) {
      if (value instanceof CharSequence s) {
        return s.toString();
      }
      if (value instanceof ByteBuffer b) {
        return narrow(FieldType.BYTES, b);
      }
      return value;
    }

    @Override
    public Object fromRuleValue(Object value, Object like) {
      Object narrowed = narrow(type(), value);
      return type() == FieldType.BYTES ? ByteBuffer.wrap((byte[]) narrowed) : narrowed;
    }

    /** A {@code Utf8}'s own bytes (copied only when its array is longer than its text). */
    @Override
    public byte[] utf8(Object value) {
      if (value instanceof Utf8 u) {
        byte[] bytes = u.getBytes();
        return bytes.length == u.getByteLength() ? bytes : Arrays.copyOf(bytes, u.getByteLength());
      }
      return super.utf8(value);
    }

    /**
     * A {@code Utf8} wrapping the bytes where the record takes one (no {@code String} made, and none
     * encoded again on write), else a {@code String}: in a POJO, or where the schema asks for String.
     */
    @Override
    public Object fromUtf8(byte[] utf8, Object like) {
      return utf8Strings || like instanceof Utf8 ? new Utf8(utf8) : super.fromUtf8(utf8, like);
    }
  }

  /**
   * A logical type: its rule value is the underlying value (a date's days, a decimal's bytes), and
   * a new value is converted back when the value it replaces was converted ({@code LocalDate}).
   */
  private static final class Logical extends LeafShape {
    private final Schema schema;
    private final LogicalType logicalType;
    private final Primitive raw;
    private final SpecificData data;

    Logical(Schema schema, FieldType type, SpecificData data) {
      super(type);
      this.schema = schema;
      this.logicalType = schema.getLogicalType();
      this.raw = new Primitive(type, false);
      this.data = data;
    }

    @Override
    public Object toRuleValue(Object value) {
      Conversion<?> c = data.getConversionByClass(value.getClass(), logicalType);
      return raw.toRuleValue(c == null ? value : Conversions.convertToRawType(value, schema, logicalType, c));
    }

    @Override
    public Object fromRuleValue(Object value, Object like) {
      Object underlying = raw.fromRuleValue(value, like);
      Conversion<?> c = like == null ? null : data.getConversionByClass(like.getClass(), logicalType);
      return c == null ? underlying : Conversions.convertToLogicalType(underlying, schema, logicalType, c);
    }
  }

  private static final class EnumLeaf extends LeafShape {
    private final Schema schema;

    EnumLeaf(Schema schema) {
      super(FieldType.ENUM);
      this.schema = schema;
    }

    @Override
    public Object toRuleValue(Object value) {
      return value instanceof Enum<?> e ? e.name() : value.toString();
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object fromRuleValue(Object value, Object like) {
      if (!(value instanceof CharSequence) || !schema.hasEnumSymbol(value.toString())) {
        throw mismatch("a symbol of enum " + schema.getFullName() + " " + schema.getEnumSymbols(), value);
      }
      if (like instanceof Enum<?> e) {
        return Enum.valueOf((Class) e.getDeclaringClass(), value.toString());
      }
      return new GenericData.EnumSymbol(schema, value.toString());
    }
  }

  private static final class FixedLeaf extends LeafShape {
    private final Schema schema;

    FixedLeaf(Schema schema) {
      super(FieldType.FIXED);
      this.schema = schema;
    }

    @Override
    public Object toRuleValue(Object value) {
      return ((GenericFixed) value).bytes().clone();
    }

    @Override
    public Object fromRuleValue(Object value, Object like) {
      byte[] bytes = (byte[]) narrow(FieldType.FIXED, value);
      if (bytes.length != schema.getFixedSize()) {
        throw new IllegalArgumentException("expected fixed " + schema.getFullName() + " of " + schema.getFixedSize()
            + " bytes, got " + bytes.length + " bytes");
      }
      return like == null || like instanceof GenericData.Fixed
          ? new GenericData.Fixed(schema, bytes)
          : SpecificData.get().createFixed(null, bytes, schema);
    }
  }
}
