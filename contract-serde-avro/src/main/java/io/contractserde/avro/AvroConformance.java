package io.contractserde.avro;

import io.contractserde.format.shape.TagPatterns;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.reflect.ReflectData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Checks an Avro datum against a contract schema, field by field, by name: a null where the schema
 * has none, a value of the wrong type, a missing or extra field, an enum symbol outside the set, a
 * fixed of the wrong size. The path is built only when something is wrong.
 *
 * <p>Returns whether the datum can be written as it is by the writer of its data model (the
 * generated class's own {@code SpecificData}, with its logical-type conversions, for a specific
 * record; {@code GenericData} otherwise). Avro's writers go by position (field positions, and the
 * ordinals of generated enums), so everything that would not land under the contract's name is
 * {@link #rebuild rebuilt} by name instead: a record whose schema has the contract's fields in
 * another order or lacks a field the contract gives a default, a generated record whose class was
 * generated from another schema, a generated enum whose ordinal is not the contract's.
 */
final class AvroConformance {
  private AvroConformance() {}

  /**
   * Checks {@code value}; {@code layouts} says which record schemas are known to equal the
   * contract's, {@code model} is {@link AvroDatumKinds#modelOf} the value (a {@code ReflectData}
   * for a POJO, whose fields are read by name), and a field that carries one of
   * {@code tags} (or an inline tag) has no enum symbol shown in the error.
   *
   * @return true when the value can be written as it is; otherwise {@link #rebuild} it
   */
  static boolean conforms(Schema schema, Object value, Layouts layouts, GenericData model, TagPatterns tags) {
    try {
      return check(schema, value, layouts, model, null, -1);
    } catch (FieldMismatch m) {
      throw m.toException(tags);
    }
  }

  /** Which record schemas are known to equal which contract (sub-)schemas. */
  interface Layouts {
    boolean same(Schema recordSchema, Schema contractSchema);
  }

  /**
   * {@code owner} is the generated record holding {@code v} directly in field {@code pos} (its
   * conversion is the one the specific writer uses there), else null.
   */
  private static boolean check(Schema s, Object v, Layouts data, GenericData model, IndexedRecord owner, int pos) {
    switch (s.getType()) {
      case RECORD -> {
        return checkRecord(s, v, data, model);
      }
      case UNION -> {
        return check(s.getTypes().get(branch(s, v, model)), v, data, model, null, -1);
      }
      case ARRAY -> {
        Collection<?> items = items(v, model);
        if (items == null) {
          throw mismatch(typeName(s), v);
        }
        int i = 0;
        boolean asIs = true;
        for (Object item : items) {
          try {
            asIs &= check(s.getElementType(), item, data, model, null, -1);
          } catch (FieldMismatch m) {
            throw m.at("[" + i + "]");
          }
          i++;
        }
        return asIs;
      }
      case MAP -> {
        if (!(v instanceof Map<?, ?> map)) {
          throw mismatch(typeName(s), v);
        }
        boolean asIs = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof CharSequence)) {
            throw new FieldMismatch("string map key", actual(e.getKey()));
          }
          try {
            asIs &= check(s.getValueType(), e.getValue(), data, model, null, -1);
          } catch (FieldMismatch m) {
            throw m.at("[" + e.getKey() + "]");
          }
        }
        return asIs;
      }
      case ENUM -> {
        if (v instanceof Enum<?> e) {
          // The specific writer writes a generated enum by ordinal, the generic one not at all.
          require(s.hasEnumSymbol(e.name()), s, v);
          return model instanceof SpecificData && s.getEnumOrdinal(e.name()) == e.ordinal();
        }
        require(v instanceof GenericEnumSymbol<?> && s.hasEnumSymbol(v.toString()), s, v);
      }
      case FIXED -> {
        return v instanceof GenericFixed f && f.bytes().length == s.getFixedSize() || logical(s, v, model, owner, pos);
      }
      case STRING -> {
        return v instanceof CharSequence || logical(s, v, model, owner, pos);
      }
      case BYTES -> {
        return v instanceof ByteBuffer || v instanceof byte[] && model instanceof ReflectData
            || logical(s, v, model, owner, pos);
      }
      case INT -> {
        return v instanceof Integer || reflectInt(v, model) || logical(s, v, model, owner, pos);
      }
      case LONG -> {
        return v instanceof Long || v instanceof Integer || logical(s, v, model, owner, pos);
      }
      case FLOAT -> require(v instanceof Float, s, v);
      case DOUBLE -> require(v instanceof Double || v instanceof Float, s, v);
      case BOOLEAN -> require(v instanceof Boolean, s, v);
      case NULL -> require(v == null, s, v);
      default -> throw mismatch(typeName(s), v);
    }
    return true;
  }

  /**
   * A value of a logical type in its converted form ({@code Instant}, {@code LocalDate},
   * {@code BigDecimal}, {@code UUID}...): it conforms when the record's own data model (or the
   * generated class's conversion for the field) converts it to the underlying type, and is written
   * as it is when the writer would apply that very conversion.
   */
  private static boolean logical(Schema s, Object v, GenericData model, IndexedRecord owner, int pos) {
    LogicalType type = s.getLogicalType();
    if (v == null || type == null) {
      throw mismatch(typeName(s), v);
    }
    Conversion<?> own = owner instanceof SpecificRecordBase b ? b.getConversion(pos) : null;
    boolean ownConverts = own != null && converts(own, type, v);
    boolean modelConverts = model.getConversionByClass(v.getClass(), type) != null;
    if (!ownConverts && !modelConverts) {
      throw mismatch(typeName(s), v);
    }
    // The specific writer converts a field of a generated record by that field's own conversion,
    // every other value by the model's conversion for its class.
    return model instanceof SpecificData && owner instanceof SpecificRecordBase ? ownConverts : modelConverts;
  }

  private static boolean converts(Conversion<?> c, LogicalType type, Object v) {
    return c.getLogicalTypeName().equals(type.getName()) && c.getConvertedType().isInstance(v);
  }

  /** The conversion that turns {@code v} into the underlying type of {@code s}, or null. */
  private static Conversion<?> conversion(Schema s, Object v, GenericData model, IndexedRecord owner, int pos) {
    LogicalType type = s.getLogicalType();
    if (v == null || type == null) {
      return null;
    }
    Conversion<?> own = owner instanceof SpecificRecordBase b ? b.getConversion(pos) : null;
    return own != null && converts(own, type, v) ? own : model.getConversionByClass(v.getClass(), type);
  }

  /**
   * The union branch a value is written as: the branch of exactly its type, found without the
   * name look-ups of {@code GenericData.resolveUnion}, which decides when none is exact.
   */
  private static int branch(Schema union, Object v, GenericData model) {
    List<Schema> branches = union.getTypes();
    for (int i = 0; i < branches.size(); i++) {
      if (isExactly(branches.get(i), v)) {
        return i;
      }
    }
    try {
      return model.resolveUnion(union, v);
    } catch (AvroRuntimeException e) {
      throw mismatch(typeName(union), v);
    }
  }

  private static boolean isExactly(Schema s, Object v) {
    return switch (s.getType()) {
      case NULL -> v == null;
      case STRING -> v instanceof CharSequence;
      case INT -> v instanceof Integer;
      case LONG -> v instanceof Long;
      case FLOAT -> v instanceof Float;
      case DOUBLE -> v instanceof Double;
      case BOOLEAN -> v instanceof Boolean;
      case BYTES -> v instanceof ByteBuffer;
      case RECORD -> v instanceof IndexedRecord r && r.getSchema().getFullName().equals(s.getFullName());
      case ENUM -> v instanceof GenericEnumSymbol<?> e ? e.getSchema().getFullName().equals(s.getFullName())
          : v instanceof Enum<?> j && j.getDeclaringClass().getName().equals(s.getFullName());
      default -> false;
    };
  }

  /** The items of an array value: a collection, or for a POJO's field a Java array; else null. */
  private static Collection<?> items(Object v, GenericData model) {
    if (v instanceof Collection<?> items) {
      return items;
    }
    if (model instanceof ReflectData && v != null && v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(Array.get(v, i));
      }
      return items;
    }
    return null;
  }

  /** A POJO's {@code short}, {@code byte} or {@code char}: an Avro int, as ReflectData writes it. */
  private static boolean reflectInt(Object v, GenericData model) {
    return model instanceof ReflectData && (v instanceof Short || v instanceof Byte || v instanceof Character);
  }

  /** The schema ReflectData derives for a POJO's class (cached by ReflectData), or null for other values. */
  private static Schema pojoSchema(Object v, GenericData model) {
    if (model instanceof ReflectData reflect && AvroDatumKinds.isPojo(v)) {
      Schema own = reflect.getSchema(v.getClass());
      return own.getType() == Schema.Type.RECORD ? own : null;
    }
    return null;
  }

  /**
   * A POJO, field by field by name: ReflectData's writer reads its fields by name, so it is written
   * as it is unless it lacks a field the contract gives a default, or holds a Java enum whose
   * ordinal is not the contract's.
   */
  private static boolean checkPojo(Schema s, Object v, Schema own, Layouts data, ReflectData model) {
    boolean asIs = true;
    for (Schema.Field f : s.getFields()) {
      Schema.Field field = own.getField(f.name());
      if (field == null) {
        if (f.hasDefaultValue()) {
          asIs = false;
          continue;
        }
        throw new FieldMismatch(typeName(f.schema()),
            "nothing (the class " + v.getClass().getName() + " has no such field, and the contract gives it no default)")
            .at(f.name());
      }
      try {
        asIs &= check(f.schema(), model.getField(v, f.name(), field.pos()), data, model, null, -1);
      } catch (FieldMismatch m) {
        throw m.in(s, f);
      }
    }
    for (Schema.Field field : own.getFields()) {
      if (s.getField(field.name()) == null) {
        throw new FieldMismatch("no field of that name (the contract's " + s.getFullName() + " has none)",
            typeName(field.schema())).at(field.name());
      }
    }
    return asIs;
  }

  private static boolean checkRecord(Schema s, Object v, Layouts data, GenericData model) {
    if (!(v instanceof IndexedRecord record)) {
      Schema own = pojoSchema(v, model);
      if (own != null) {
        return checkPojo(s, v, own, data, (ReflectData) model);
      }
      throw mismatch(typeName(s), v);
    }
    Schema rs = record.getSchema();
    if (rs == s || data.same(rs, s)) {
      return checkFields(s, record, data, model);
    }
    if (!rs.getFullName().equals(s.getFullName())) {
      throw mismatch(typeName(s), v);
    }
    // A generated class of another schema is written by name: its enums, conversions and coders
    // all follow its own schema's positions.
    boolean asIs = rs.getFields().size() == s.getFields().size() && !(record instanceof SpecificRecord);
    for (Schema.Field f : s.getFields()) {
      Schema.Field own = rs.getField(f.name());
      if (own == null) {
        if (f.hasDefaultValue()) {
          asIs = false; // written with the contract's default, as Avro's resolution would give it
          continue;
        }
        throw new FieldMismatch(typeName(f.schema()),
            "nothing (the record's schema " + rs.getFullName() + " has no such field, and the contract gives"
            + " it no default)")
            .at(f.name());
      }
      asIs &= own.pos() == f.pos() & checkField(s, f, record, own.pos(), data, model);
    }
    for (Schema.Field own : rs.getFields()) {
      if (s.getField(own.name()) == null) {
        throw new FieldMismatch("no field of that name (the contract's " + s.getFullName() + " has none)",
            typeName(own.schema())).at(own.name());
      }
    }
    return asIs;
  }

  /** The fields of a record whose schema has the contract's layout, by position. */
  private static boolean checkFields(Schema s, IndexedRecord record, Layouts data, GenericData model) {
    boolean asIs = true;
    List<Schema.Field> fields = s.getFields();
    for (int i = 0, n = fields.size(); i < n; i++) {
      asIs &= checkField(s, fields.get(i), record, i, data, model);
    }
    return asIs;
  }

  private static boolean checkField(Schema s, Schema.Field f, IndexedRecord record, int pos, Layouts data,
      GenericData model) {
    try {
      return check(f.schema(), record.get(pos), data, model, record, pos);
    } catch (FieldMismatch m) {
      throw m.in(s, f);
    }
  }

  /**
   * {@code value}, which {@link #conforms} (but not as it is), rebuilt as a generic datum of the
   * contract's schema, by name all the way down: fields by name (those the record lacks take the
   * contract's default), enum symbols by name, union branches by type and name, logical values
   * converted to their underlying types by the record's own conversions.
   */
  static Object rebuild(Schema schema, Object value, GenericData model) {
    return rebuild(schema, value, model, null, -1);
  }

  private static Object rebuild(Schema s, Object v, GenericData model, IndexedRecord owner, int pos) {
    switch (s.getType()) {
      case RECORD -> {
        Schema pojo = pojoSchema(v, model);
        if (pojo != null) {
          GenericData.Record out = new GenericData.Record(s);
          for (Schema.Field f : s.getFields()) {
            Schema.Field own = pojo.getField(f.name());
            out.put(f.pos(), own == null
                ? GenericData.get().deepCopy(f.schema(), GenericData.get().getDefaultValue(f))
                : rebuild(f.schema(), ((ReflectData) model).getField(v, f.name(), own.pos()), model, null, -1));
          }
          return out;
        }
        IndexedRecord record = (IndexedRecord) v;
        Schema rs = record.getSchema();
        GenericData.Record out = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
          Schema.Field own = rs == s ? f : rs.getField(f.name());
          out.put(f.pos(), own == null
              ? GenericData.get().deepCopy(f.schema(), GenericData.get().getDefaultValue(f))
              : rebuild(f.schema(), record.get(own.pos()), model, record, own.pos()));
        }
        return out;
      }
      case UNION -> {
        return rebuild(s.getTypes().get(branch(s, v, model)), v, model, null, -1);
      }
      case ARRAY -> {
        Collection<?> items = items(v, model);
        GenericData.Array<Object> out = new GenericData.Array<>(items.size(), s);
        for (Object item : items) {
          out.add(rebuild(s.getElementType(), item, model, null, -1));
        }
        return out;
      }
      case MAP -> {
        Map<?, ?> map = (Map<?, ?>) v;
        Map<Object, Object> out = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(e.getKey(), rebuild(s.getValueType(), e.getValue(), model, null, -1));
        }
        return out;
      }
      case ENUM -> {
        return new GenericData.EnumSymbol(s, v instanceof Enum<?> e ? e.name() : v.toString());
      }
      default -> {
        return toRaw(s, v, model, owner, pos);
      }
    }
  }

  /** {@code v} in the underlying type of {@code s}'s logical type, when a conversion applies; else itself. */
  static Object toRaw(Schema s, Object v, GenericData model, IndexedRecord owner, int pos) {
    Conversion<?> c = conversion(s, v, model, owner, pos);
    if (c != null) {
      return Conversions.convertToRawType(v, s, s.getLogicalType(), c);
    }
    if (v instanceof byte[] bytes && s.getType() == Schema.Type.BYTES) {
      return ByteBuffer.wrap(bytes); // a POJO's bytes
    }
    if (reflectInt(v, model) && s.getType() == Schema.Type.INT) {
      return v instanceof Character c2 ? (int) c2 : ((Number) v).intValue();
    }
    return v;
  }

  /** A mismatch of the value {@code v}: its type, and for an enum symbol the symbol (see {@link FieldMismatch}). */
  static FieldMismatch mismatch(String expected, Object v) {
    return v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>
        ? new FieldMismatch(expected, "enum symbol", v.toString())
        : new FieldMismatch(expected, actual(v));
  }

  private static void require(boolean ok, Schema s, Object v) {
    if (!ok) {
      throw mismatch(typeName(s), v);
    }
  }

  /** The schema as a type name for messages: {@code string}, {@code record x.Account}, {@code ["null","string"]}. */
  static String typeName(Schema s) {
    return switch (s.getType()) {
      case RECORD -> "record " + s.getFullName();
      case ENUM -> "enum " + s.getFullName() + " " + s.getEnumSymbols();
      case FIXED -> "fixed " + s.getFullName() + " of " + s.getFixedSize() + " bytes";
      case UNION -> "union " + s.getTypes().stream()
          .map(t -> t.getType() == Schema.Type.RECORD ? t.getFullName() : t.getName()).toList();
      case ARRAY -> "array of " + typeName(s.getElementType());
      case MAP -> "map of " + typeName(s.getValueType());
      default -> s.getLogicalType() == null ? s.getName() : s.getName() + " (" + s.getLogicalType().getName() + ")";
    };
  }

  /** A Java value as an Avro-ish type name for messages: never the value itself. */
  static String actual(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof IndexedRecord r) {
      return "record " + r.getSchema().getFullName();
    }
    if (v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>) {
      return "enum symbol";
    }
    if (v instanceof CharSequence) {
      return "string";
    }
    if (v instanceof GenericFixed f) {
      return "fixed of " + f.bytes().length + " bytes";
    }
    if (v instanceof ByteBuffer) {
      return "bytes";
    }
    if (v instanceof Integer) {
      return "int";
    }
    if (v instanceof Long) {
      return "long";
    }
    if (v instanceof Float) {
      return "float";
    }
    if (v instanceof Double) {
      return "double";
    }
    if (v instanceof Boolean) {
      return "boolean";
    }
    if (v instanceof Collection<?>) {
      return "array";
    }
    if (v instanceof Map<?, ?>) {
      return "map";
    }
    return v.getClass().getName();
  }
}
