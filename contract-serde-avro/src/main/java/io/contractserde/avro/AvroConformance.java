package io.contractserde.avro;

import java.nio.ByteBuffer;
import java.util.Collection;
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
 */
final class AvroConformance {
  private AvroConformance() {}

  static void check(Schema schema, Object value) {
    try {
      check(schema, value, GenericData.get());
    } catch (FieldMismatch m) {
      throw m.toException();
    }
  }

  private static void check(Schema s, Object v, GenericData data) {
    switch (s.getType()) {
      case RECORD -> checkRecord(s, v, data);
      case UNION -> {
        int branch;
        try {
          branch = data.resolveUnion(s, v);
        } catch (AvroRuntimeException e) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
        check(s.getTypes().get(branch), v, data);
      }
      case ARRAY -> {
        if (!(v instanceof Collection<?> items)) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
        int i = 0;
        for (Object item : items) {
          try {
            check(s.getElementType(), item, data);
          } catch (FieldMismatch m) {
            throw m.at("[" + i + "]");
          }
          i++;
        }
      }
      case MAP -> {
        if (!(v instanceof Map<?, ?> map)) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof CharSequence)) {
            throw new FieldMismatch("string map key", actual(e.getKey()));
          }
          try {
            check(s.getValueType(), e.getValue(), data);
          } catch (FieldMismatch m) {
            throw m.at("[" + e.getKey() + "]");
          }
        }
      }
      case ENUM -> {
        if (!(v instanceof GenericEnumSymbol<?> || v instanceof Enum<?>) || !s.hasEnumSymbol(v.toString())) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
      }
      case FIXED -> {
        if (!(v instanceof GenericFixed f) || f.bytes().length != s.getFixedSize()) {
          throw new FieldMismatch(typeName(s), actual(v));
        }
      }
      case STRING -> require(v instanceof CharSequence, s, v);
      case BYTES -> require(v instanceof ByteBuffer, s, v);
      case INT -> require(v instanceof Integer, s, v);
      case LONG -> require(v instanceof Long || v instanceof Integer, s, v);
      case FLOAT -> require(v instanceof Float, s, v);
      case DOUBLE -> require(v instanceof Double || v instanceof Float, s, v);
      case BOOLEAN -> require(v instanceof Boolean, s, v);
      case NULL -> require(v == null, s, v);
    }
  }

  private static void checkRecord(Schema s, Object v, GenericData data) {
    if (!(v instanceof IndexedRecord record)) {
      throw new FieldMismatch(typeName(s), actual(v));
    }
    Schema rs = record.getSchema();
    if (rs == s) {
      for (Schema.Field f : s.getFields()) {
        checkField(f, record.get(f.pos()), data);
      }
      return;
    }
    if (!rs.getFullName().equals(s.getFullName())) {
      throw new FieldMismatch(typeName(s), actual(v));
    }
    for (Schema.Field f : s.getFields()) {
      Schema.Field own = rs.getField(f.name());
      if (own == null) {
        throw new FieldMismatch(typeName(f.schema()), "nothing (the record's schema " + rs.getFullName() + " has no such field)")
            .at(f.name());
      }
      checkField(f, record.get(own.pos()), data);
    }
    for (Schema.Field own : rs.getFields()) {
      if (s.getField(own.name()) == null) {
        throw new FieldMismatch("no field of that name (the contract's " + s.getFullName() + " has none)",
            typeName(own.schema())).at(own.name());
      }
    }
  }

  private static void checkField(Schema.Field f, Object value, GenericData data) {
    try {
      check(f.schema(), value, data);
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
      case UNION -> "union " + s.getTypes().stream().map(t -> t.getType() == Schema.Type.RECORD ? t.getFullName() : t.getName()).toList();
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
