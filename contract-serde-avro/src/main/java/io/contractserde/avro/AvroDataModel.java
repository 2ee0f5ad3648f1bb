package io.contractserde.avro;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.util.Utf8;
import io.contractserde.format.RecordView;

/**
 * The JSONata data model of Avro data: Avro's JSON encoding, built straight from the datum and
 * back, with no JSON text in between.
 *
 * <ul>
 *   <li>records and maps become {@code Map}s, arrays {@code List}s, strings and enum symbols
 *       {@code String}s, numbers and booleans themselves;
 *   <li>a non-null union value is wrapped as {@code {"<branch full name>": value}} ({@code {"string": "x"}});
 *   <li>bytes and fixed become ISO-8859-1 strings, one char per byte;
 *   <li>logical types appear as their underlying values (a date is days since the epoch).
 * </ul>
 *
 * Building back ({@link #fromModel}) fills missing fields from their defaults, drops unknown ones,
 * accepts a union value wrapped or, when unambiguous, unwrapped, and names the field that does not fit.
 */
final class AvroDataModel {
  private AvroDataModel() {}

  /** The data model of {@code v}, whose Java form is that of {@code model} ({@link AvroDatumKinds#modelOf}). */
  static Object toModel(Schema s, Object v, GenericData model) {
    return toModel(s, v, model, null, -1, null);
  }

  /**
   * The data model of {@code v} as {@link #toModel}, with each record (at any depth) a
   * {@link RecordView} that reads its fields when asked, as {@code views} says: whether the records
   * belong to the serde (decoded for this one use), so a field may move from them into another
   * record as it is.
   */
  static Object view(Schema s, Object v, GenericData model, Views views) {
    if (s.getType() == Schema.Type.RECORD && s.getLogicalType() == null && v instanceof IndexedRecord record) {
      return new RecordView(new Fields(s, record, model, views));
    }
    return toModel(s, v, model, null, -1, views);
  }

  /**
   * How records become views: whether they are the serde's own, and how to tell that a record's
   * schema object has the layout of the schema it is read as (so fields are read by position).
   */
  record Views(boolean owned, AvroConformance.Layouts layouts) {}

  /**
   * {@code model} is the data model of the top-level value (a generated class's own, with its
   * conversions); {@code owner} the record holding {@code v} in field {@code pos}, or null;
   * {@code views} null for plain maps, else how records become views.
   */
  private static Object toModel(Schema s, Object v, GenericData model, IndexedRecord owner, int pos, Views views) {
    if (s.getLogicalType() != null && v != null) {
      v = AvroConformance.toRaw(s, v, model, owner, pos); // an Instant is its long, as in Avro's JSON
    }
    switch (s.getType()) {
      case RECORD -> {
        if (views != null && v instanceof IndexedRecord record) {
          return new RecordView(new Fields(s, record, model, views));
        }
        List<Schema.Field> fields = s.getFields();
        Map<String, Object> map = new LinkedHashMap<>(fields.size() * 2);
        if (!(v instanceof IndexedRecord) && model instanceof ReflectData reflect) {
          // A POJO: its fields by name (the conformance check has seen it has them, or their defaults).
          Schema own = reflect.getSchema(v.getClass());
          for (Schema.Field f : fields) {
            Schema.Field field = own.getField(f.name());
            Object fv = field == null
                ? GenericData.get().getDefaultValue(f)
                : reflect.getField(v, f.name(), field.pos());
            map.put(f.name(), toModel(f.schema(), fv, model, null, -1, null));
          }
          return map;
        }
        IndexedRecord record = (IndexedRecord) v;
        Schema rs = record.getSchema();
        for (Schema.Field f : fields) {
          Object fv;
          int at = f.pos();
          if (rs == s) {
            fv = record.get(at);
          } else {
            Schema.Field own = rs.getField(f.name());
            at = own == null ? -1 : own.pos();
            fv = own == null ? null : record.get(at);
          }
          map.put(f.name(), toModel(f.schema(), fv, model, record, at, views));
        }
        return map;
      }
      case UNION -> {
        if (v == null) {
          return null;
        }
        Schema branch = s.getTypes().get(model.resolveUnion(s, v));
        return branch.getType() == Schema.Type.NULL
            ? null
            : Collections.singletonMap(branch.getFullName(), toModel(branch, v, model, null, -1, views));
      }
      case ARRAY -> {
        if (v != null && v.getClass().isArray()) { // a POJO's Java array
          int n = java.lang.reflect.Array.getLength(v);
          List<Object> list = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            list.add(toModel(s.getElementType(), java.lang.reflect.Array.get(v, i), model, null, -1, views));
          }
          return list;
        }
        Collection<?> items = (Collection<?>) v;
        List<Object> list = new ArrayList<>(items.size());
        for (Object item : items) {
          list.add(toModel(s.getElementType(), item, model, null, -1, views));
        }
        return list;
      }
      case MAP -> {
        Map<?, ?> in = (Map<?, ?>) v;
        Map<String, Object> map = new LinkedHashMap<>(in.size() * 2);
        for (Map.Entry<?, ?> e : in.entrySet()) {
          map.put(e.getKey().toString(), toModel(s.getValueType(), e.getValue(), model, null, -1, views));
        }
        return map;
      }
      case STRING, ENUM -> {
        return v.toString();
      }
      case BYTES -> {
        return latin1(v instanceof ByteBuffer b ? bytes(b) : (byte[]) v);
      }
      case INT -> {
        return v instanceof Integer ? v : v instanceof Character c ? (int) c : ((Number) v).intValue(); // a POJO's short
      }
      case FIXED -> {
        return latin1(((GenericFixed) v).bytes());
      }
      default -> {
        return v;
      }
    }
  }

  /** One Avro record's fields, for a {@link RecordView}: read by position, converted one at a time. */
  static final class Fields implements RecordView.Fields {
    private final Schema schema;
    private final IndexedRecord record;
    private final GenericData model;
    private final Views views;
    /** Whether the record's fields sit where the schema's do: 0 not known yet, 1 yes, 2 no. */
    private byte samePositions;
    /** Which of the first 64 fields have moved into a record already ({@link #take}), one bit each. */
    private long taken;
    /** The same for the fields after the 64th; null until one of them has moved. */
    private boolean[] takenBeyond;

    Fields(Schema schema, IndexedRecord record, GenericData model, Views views) {
      this.schema = schema;
      this.record = record;
      this.model = model;
      this.views = views;
    }

    @Override
    public Object schemaKey() {
      return schema;
    }

    @Override
    public Object sharedSchemaKey() {
      return schema;
    }

    @Override
    public int count() {
      return schema.getFields().size();
    }

    @Override
    public String name(int index) {
      return schema.getFields().get(index).name();
    }

    @Override
    public int indexOf(String name) {
      Schema.Field f = schema.getField(name);
      return f == null ? -1 : f.pos();
    }

    @Override
    public Object read(int index) {
      Schema.Field f = schema.getFields().get(index);
      int at = recordPosition(index);
      Object fv = at < 0 ? null : record.get(at);
      Schema fs = f.schema();
      if (fs.getLogicalType() == null && fv != null) {
        switch (fs.getType()) {  // the common leaves, as toModel gives them
          case STRING:
            return fv.toString();
          case LONG: case DOUBLE: case BOOLEAN: case FLOAT:
            return fv;
          case INT:
            if (fv instanceof Integer) {
              return fv;
            }
            break;
          default:
            break;
        }
      }
      return toModel(fs, fv, model, record, at, views);
    }

    /** Where field {@code index} of the schema sits in the record (whose schema may be another object). */
    private int recordPosition(int index) {
      if (samePositions == 0) {
        Schema rs = record.getSchema();
        samePositions = (byte) (rs == schema || (rs.getType() == Schema.Type.RECORD && views.layouts() != null
            && views.layouts().same(rs, schema)) ? 1 : 2);
      }
      if (samePositions == 1) {
        return index;
      }
      Schema rs = record.getSchema();
      Schema.Field own = rs.getField(schema.getFields().get(index).name());
      return own == null ? -1 : own.pos();
    }

    /**
     * The value of field {@code index} as the record holds it, to move into a record being built:
     * itself the first time, a deep copy after (a view built twice, or two views of one record), so
     * no two places of the records built share a mutable object.
     */
    Object take(int index, GenericData data) {
      Object v = record.get(index);
      boolean first;
      if (index < 64) {
        first = (taken & (1L << index)) == 0;
        taken |= 1L << index;
      } else {
        if (takenBeyond == null) {
          takenBeyond = new boolean[record.getSchema().getFields().size()];
        }
        first = !takenBeyond[index];
        takenBeyond[index] = true;
      }
      return first ? v : data.deepCopy(schema.getFields().get(index).schema(), v);
    }

    /**
     * Per field of {@code target}, where its value comes from in this record, as
     * {@link AvroDataModel#movableFields} says; null when no value may move as it is: the record
     * must be the serde's own, in generic form.
     */
    int[] movableInto(Schema target, Movability movability) {
      if (!views.owned() || model != GenericData.get() || record.getSchema() != schema) {
        return null;
      }
      return movability.movableFields(schema, target);
    }
  }

  private static final Object NOT_READ = new Object();

  /** Which fields of one record schema may move as they are into another's; remembered per pair. */
  interface Movability {
    int[] movableFields(Schema from, Schema to);
  }

  /**
   * Per field of {@code to}, where its value comes from in a record of {@code from}: the position
   * {@code p} of the field of the same name and the same schema (its value may move as it is),
   * {@code -2 - p} for a field of the same name and another schema, -1 for none.
   * The same in every detail, doc and aliases too (which {@link Schema#equals} leaves out): a value
   * that moves keeps its own schema (a record's, an enum symbol's, a fixed's), and the reader must
   * find its own there, as Avro's reader gives it.
   */
  static int[] movableFields(Schema from, Schema to) {
    int[] out = new int[to.getFields().size()];
    for (Schema.Field f : to.getFields()) {
      Schema.Field source = from.getField(f.name());
      out[f.pos()] = source == null ? -1 : source.schema().equals(f.schema())
          && source.schema().toString().equals(f.schema().toString()) ? source.pos() : -2 - source.pos();
    }
    return out;
  }

  /**
   * Builds the record of {@code model}. A field of a {@link RecordView} of an owned record that
   * nobody changed, and whose schema is the target field's ({@code movability}), moves over as the
   * record holds it; everything else is built from the data model.
   */
  static Object fromModel(Schema s, Object model, GenericData data, Movability movability) {
    try {
      return build(s, model, data, movability);
    } catch (FieldMismatch m) {
      throw m.toException();
    }
  }

  private static Object build(Schema s, Object m, GenericData data, Movability movability) {
    switch (s.getType()) {
      case RECORD -> {
        if (!(m instanceof Map<?, ?> map)) {
          throw new FieldMismatch(AvroConformance.typeName(s), modelType(m));
        }
        if (movability != null && m instanceof RecordView view && !view.isCopied()
            && view.fields() instanceof Fields fields) {
          return buildFromView(s, view, fields, data, movability);
        }
        GenericData.Record record = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
          Object value;
          if (map.containsKey(f.name())) {
            try {
              value = build(f.schema(), map.get(f.name()), data, movability);
            } catch (FieldMismatch e) {
              throw e.at(f.name());
            }
          } else if (f.hasDefaultValue()) {
            value = data.deepCopy(f.schema(), data.getDefaultValue(f));
          } else {
            throw new FieldMismatch(AvroConformance.typeName(f.schema()),
                "nothing (the field is missing and has no default)")
                .at(f.name());
          }
          record.put(f.pos(), value);
        }
        return record;
      }
      case UNION -> {
        return buildUnion(s, m, data, movability);
      }
      case ARRAY -> {
        if (!(m instanceof List<?> list)) {
          throw new FieldMismatch(AvroConformance.typeName(s), modelType(m));
        }
        GenericData.Array<Object> array = new GenericData.Array<>(list.size(), s);
        for (int i = 0; i < list.size(); i++) {
          try {
            array.add(build(s.getElementType(), list.get(i), data, movability));
          } catch (FieldMismatch e) {
            throw e.at("[" + i + "]");
          }
        }
        return array;
      }
      case MAP -> {
        if (!(m instanceof Map<?, ?> map)) {
          throw new FieldMismatch(AvroConformance.typeName(s), modelType(m));
        }
        Map<Utf8, Object> out = new HashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          try {
            out.put(new Utf8(String.valueOf(e.getKey())), build(s.getValueType(), e.getValue(), data, movability));
          } catch (FieldMismatch x) {
            throw x.at("[" + e.getKey() + "]");
          }
        }
        return out;
      }
      case STRING -> {
        if (m instanceof String str) { // a class test before the interface's: see JsonataCompiler.isList
          return new Utf8(str);
        }
        if (m instanceof CharSequence cs) {
          return new Utf8(cs.toString());
        }
      }
      case ENUM -> {
        if (m instanceof CharSequence cs && s.hasEnumSymbol(cs.toString())) {
          return data.createEnum(cs.toString(), s);
        }
      }
      case BYTES -> {
        if (m instanceof CharSequence cs) {
          return ByteBuffer.wrap(cs.toString().getBytes(StandardCharsets.ISO_8859_1));
        }
      }
      case FIXED -> {
        if (m instanceof CharSequence cs && cs.length() == s.getFixedSize()) {
          return data.createFixed(null, cs.toString().getBytes(StandardCharsets.ISO_8859_1), s);
        }
      }
      case INT -> {
        if (m instanceof Number n && isIntegral(n) && n.longValue() == n.intValue()) {
          return n.intValue();
        }
      }
      case LONG -> {
        if (m instanceof Number n && isIntegral(n)) {
          return n.longValue();
        }
      }
      case FLOAT -> {
        if (m instanceof Number n) {
          return n.floatValue();
        }
      }
      case DOUBLE -> {
        if (m instanceof Number n) {
          return n.doubleValue();
        }
      }
      case BOOLEAN -> {
        if (m instanceof Boolean) {
          return m;
        }
      }
      case NULL -> {
        if (m == null) {
          return null;
        }
      }
    }
    throw new FieldMismatch(AvroConformance.typeName(s), modelType(m));
  }

  private static Object buildFromView(Schema s, RecordView view, Fields from, GenericData data, Movability movability) {
    GenericData.Record record = new GenericData.Record(s);
    Map<String, Object> added = view.added();
    int[] movable = from.movableInto(s, movability);
    List<Schema.Field> fields = s.getFields();
    // The added entries by target field: one look-up per entry, not one per field.
    boolean[] isAddedAt = null;
    Object[] addedAt = null;
    for (Map.Entry<String, Object> e : added.entrySet()) {
      Schema.Field target = s.getField(e.getKey());
      if (target != null) {
        if (isAddedAt == null) {
          isAddedAt = new boolean[fields.size()];
          addedAt = new Object[fields.size()];
        }
        isAddedAt[target.pos()] = true;
        addedAt[target.pos()] = e.getValue();
      }
    }
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field f = fields.get(i);
      String name = f.name();
      boolean isAdded = isAddedAt != null && isAddedAt[i];
      int source = movable == null ? from.indexOf(name) : movable[i] < -1 ? -2 - movable[i] : movable[i];
      int at = isAdded ? -1 : source;
      Object value;
      if (at >= 0 && view.visible(at)) {
        Object seen = view.readValueOr(at, NOT_READ);
        if (movable != null && movable[i] == at && (seen == NOT_READ || seen instanceof CharSequence
            || seen instanceof Number || seen instanceof Boolean)) {
          value = from.take(at, data); // nobody has seen it, or seen an immutable copy of it
        } else {
          value = buildField(f, view.field(at), data, movability);
        }
      } else if (isAdded) {
        value = buildField(f, addedAt[i], data, movability);
      } else if (f.hasDefaultValue()) {
        value = data.deepCopy(f.schema(), data.getDefaultValue(f));
      } else {
        throw new FieldMismatch(AvroConformance.typeName(f.schema()), "nothing (the field is missing and has no default)")
            .at(name);
      }
      record.put(f.pos(), value);
    }
    return record;
  }

  private static Object buildField(Schema.Field f, Object m, GenericData data, Movability movability) {
    try {
      return build(f.schema(), m, data, movability);
    } catch (FieldMismatch e) {
      throw e.at(f.name());
    }
  }

  private static Object buildUnion(Schema s, Object m, GenericData data, Movability movability) {
    List<Schema> branches = s.getTypes();
    if (m == null) {
      for (Schema b : branches) {
        if (b.getType() == Schema.Type.NULL) {
          return null;
        }
      }
      throw new FieldMismatch(AvroConformance.typeName(s), "null");
    }
    if (m instanceof Map<?, ?> map && map.size() == 1) {
      Object key = map.keySet().iterator().next();
      Integer index = key instanceof String name ? s.getIndexNamed(name) : null;
      if (index != null) {
        try {
          return build(branches.get(index), map.get(key), data, movability);
        } catch (FieldMismatch e) {
          throw e.at("<" + key + ">");
        }
      }
    }
    // An unwrapped value: the first branch it fits.
    for (Schema b : branches) {
      if (b.getType() == Schema.Type.NULL) {
        continue;
      }
      try {
        return build(b, m, data, movability);
      } catch (FieldMismatch ignored) {
        // try the next branch
      }
    }
    throw new FieldMismatch(AvroConformance.typeName(s), modelType(m));
  }

  private static boolean isIntegral(Number n) {
    if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
      return true;
    }
    double d = n.doubleValue();
    return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63;
  }

  static String modelType(Object m) {
    if (m == null) {
      return "null";
    }
    if (m instanceof Map<?, ?>) {
      return "object";
    }
    if (m instanceof List<?>) {
      return "array";
    }
    // Never the value: it may be a tagged (PII) field's. Its type and length say enough.
    if (m instanceof CharSequence cs) {
      return "string of " + cs.length() + " characters";
    }
    if (m instanceof Number || m instanceof Boolean) {
      return m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
    return m.getClass().getName();
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
