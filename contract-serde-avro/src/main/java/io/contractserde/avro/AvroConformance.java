package io.contractserde.avro;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks an Avro datum against a contract schema, field by field, by name: a null where the schema
 * has none, a value of the wrong type, a missing or extra field, an enum symbol outside the set, a
 * fixed of the wrong size. The path is built only when something is wrong.
 *
 * <p>Returns whether the datum can be written as it is: Avro's writer goes by field position, so a
 * record whose schema has the contract's fields in another order conforms, but must be rebuilt.
 */
final class AvroConformance {
  private AvroConformance() {}

  /**
   * Checks {@code value}; {@code sameLayout} says its top-level record schema is known to equal
   * the contract's.
   *
   * @return true when the value can be written as it is
   */
  static boolean conforms(Schema schema, Object value, Layouts layouts) {
    try {
      return check(schema, value, layouts);
    } catch (FieldMismatch m) {
      throw m.toException();
    }
  }

  /** Which record schemas are known to equal which contract (sub-)schemas. */
  interface Layouts {
    boolean same(Schema recordSchema, Schema contractSchema);
  }

  private static boolean check(Schema s, Object v, Layouts data) {
    switch (s.getType()) {
      case RECORD -> {
        return checkRecord(s, v, data);
      }
      case UNION -> {
        return check(s.getTypes().get(branch(s, v)), v, data);
      }
      case ARRAY -> {
        if (!(v instanceof Collection<?> items)) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
        int i = 0;
        boolean asIs = true;
        for (Object item : items) {
          try {
            asIs &= check(s.getElementType(), item, data);
          } catch (FieldMismatch m) {
            throw m.at("[" + i + "]");
          }
          i++;
        }
        return asIs;
      }
      case MAP -> {
        if (!(v instanceof Map<?, ?> map)) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
        boolean asIs = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof CharSequence)) {
            throw new FieldMismatch("string map key", actual(e.getKey()));
          }
          try {
            asIs &= check(s.getValueType(), e.getValue(), data);
          } catch (FieldMismatch m) {
            throw m.at("[" + e.getKey() + "]");
          }
        }
        return asIs;
      }
      case ENUM -> require((v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>)
          && s.hasEnumSymbol(v.toString()), s, v);
      case FIXED -> require(v instanceof GenericFixed f && f.bytes().length == s.getFixedSize(), s, v);
      case STRING -> require(v instanceof CharSequence, s, v);
      case BYTES -> require(v instanceof ByteBuffer, s, v);
      case INT -> require(v instanceof Integer, s, v);
      case LONG -> require(v instanceof Long || v instanceof Integer, s, v);
      case FLOAT -> require(v instanceof Float, s, v);
      case DOUBLE -> require(v instanceof Double || v instanceof Float, s, v);
      case BOOLEAN -> require(v instanceof Boolean, s, v);
      case NULL -> require(v == null, s, v);
      default -> throw new FieldMismatch(typeName(s), actual(v));
    }
    return true;
  }

  /**
   * The union branch a value is written as: the branch of exactly its type, found without the
   * name look-ups of {@code GenericData.resolveUnion}, which decides when none is exact.
   */
  private static int branch(Schema union, Object v) {
    List<Schema> branches = union.getTypes();
    for (int i = 0; i < branches.size(); i++) {
      if (isExactly(branches.get(i), v)) {
        return i;
      }
    }
    try {
      return GenericData.get().resolveUnion(union, v);
    } catch (AvroRuntimeException e) {
      throw new FieldMismatch(typeName(union), actual(v));
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
      default -> false;
    };
  }

  private static boolean checkRecord(Schema s, Object v, Layouts data) {
    if (!(v instanceof IndexedRecord record)) {
      throw new FieldMismatch(typeName(s), actual(v));
    }
    Schema rs = record.getSchema();
    if (rs == s || data.same(rs, s)) {
      return checkFields(s, record, data);
    }
    if (!rs.getFullName().equals(s.getFullName())) {
      throw new FieldMismatch(typeName(s), actual(v));
    }
    boolean asIs = rs.getFields().size() == s.getFields().size();
    for (Schema.Field f : s.getFields()) {
      Schema.Field own = rs.getField(f.name());
      if (own == null) {
        throw new FieldMismatch(typeName(f.schema()),
            "nothing (the record's schema " + rs.getFullName() + " has no such field)")
            .at(f.name());
      }
      asIs &= own.pos() == f.pos() & checkField(f, record.get(own.pos()), data);
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
  private static boolean checkFields(Schema s, IndexedRecord record, Layouts data) {
    boolean asIs = true;
    List<Schema.Field> fields = s.getFields();
    for (int i = 0, n = fields.size(); i < n; i++) {
      asIs &= checkField(fields.get(i), record.get(i), data);
    }
    return asIs;
  }

  private static boolean checkField(Schema.Field f, Object value, Layouts data) {
    try {
      return check(f.schema(), value, data);
    } catch (FieldMismatch m) {
      throw m.at(f.name());
    }
  }

  private static void require(boolean ok, Schema s, Object v) {
    if (!ok) {
      throw new FieldMismatch(typeName(s), actual(v));
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
      default -> s.getName();
    };
  }

  /** A Java value as an Avro-ish type name for messages. */
  static String actual(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof IndexedRecord r) {
      return "record " + r.getSchema().getFullName();
    }
    if (v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>) {
      return "enum symbol " + v;
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
