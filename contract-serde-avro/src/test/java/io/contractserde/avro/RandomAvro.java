package io.contractserde.avro;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Random Avro field types and values for property tests: every kind of Avro data a record holds
 * (nested records, enums, fixed, bytes, unions of null, string and a record, arrays and maps of
 * records and strings, decimal, date, timestamp-millis and uuid), each named type with a name of
 * its own. Deterministic for a seed.
 */
final class RandomAvro {
  private final Random random;
  private int names;

  RandomAvro(Random random) {
    this.random = random;
  }

  /** The JSON of a field: name, type, and default when given. */
  static String field(String name, String type, String defaultJson) {
    return "{\"name\":\"" + name + "\",\"type\":" + type + (defaultJson == null ? "" : ",\"default\":" + defaultJson) + "}";
  }

  /** The JSON of a record type with the given field JSONs. */
  static String record(String name, List<String> fields) {
    return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"gen\",\"fields\":[" + String.join(",", fields)
        + "]}";
  }

  /** A random type; records nest up to {@code depth} levels. */
  String type(int depth) {
    int kinds = depth > 0 ? 21 : 16;
    return switch (random.nextInt(kinds)) {
      case 0 -> "\"string\"";
      case 1 -> "\"int\"";
      case 2 -> "\"long\"";
      case 3 -> "\"double\"";
      case 4 -> "\"float\"";
      case 5 -> "\"boolean\"";
      case 6 -> "\"bytes\"";
      case 7 -> "{\"type\":\"fixed\",\"name\":\"F" + names++ + "\",\"size\":4}";
      case 8 -> "{\"type\":\"enum\",\"name\":\"E" + names++ + "\",\"symbols\":[\"A\",\"B\",\"C\"]}";
      case 9 -> "[\"null\",\"string\"]";
      case 10 -> "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}";
      case 11 -> "{\"type\":\"int\",\"logicalType\":\"date\"}";
      case 12 -> "{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}";
      case 13 -> "{\"type\":\"string\",\"logicalType\":\"uuid\"}";
      case 14 -> "{\"type\":\"array\",\"items\":\"string\"}";
      case 15 -> "{\"type\":\"map\",\"values\":\"string\"}";
      case 16, 17 -> recordType(depth - 1);
      case 18 -> "[\"null\"," + recordType(depth - 1) + "]";
      case 19 -> "[\"null\",\"string\"," + recordType(depth - 1) + "]";
      default -> random.nextBoolean() ? "{\"type\":\"array\",\"items\":" + recordType(depth - 1) + "}"
          : "{\"type\":\"map\",\"values\":" + recordType(depth - 1) + "}";
    };
  }

  /** A record type of one to four random fields. */
  String recordType(int depth) {
    List<String> fields = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      fields.add(field("f" + i, type(depth), null));
    }
    return record("R" + names++, fields);
  }

  /** A random value of {@code s}, in the generic form without conversions (logical values raw). */
  Object value(Schema s) {
    String logical = s.getLogicalType() == null ? null : s.getLogicalType().getName();
    return switch (s.getType()) {
      case RECORD -> {
        GenericRecord r = new GenericData.Record(s);
        for (Schema.Field f : s.getFields()) {
          r.put(f.pos(), value(f.schema()));
        }
        yield r;
      }
      case STRING -> "uuid".equals(logical) ? new UUID(random.nextLong(), random.nextLong()).toString() : string();
      case INT -> "date".equals(logical) ? random.nextInt(40_000) - 10_000 : random.nextInt();
      case LONG -> "timestamp-millis".equals(logical) ? random.nextLong() % 4_000_000_000_000L : random.nextLong();
      case DOUBLE -> random.nextInt(3) == 0 ? (double) random.nextInt(100) : random.nextDouble() * 1e6 - 5e5;
      case FLOAT -> random.nextFloat() * 100;
      case BOOLEAN -> random.nextBoolean();
      case BYTES -> "decimal".equals(logical)
          ? ByteBuffer.wrap(BigInteger.valueOf(random.nextInt(1_999_999_999) - 999_999_999L).toByteArray())
          : ByteBuffer.wrap(bytes(random.nextInt(6)));
      case FIXED -> new GenericData.Fixed(s, bytes(s.getFixedSize()));
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(random.nextInt(s.getEnumSymbols().size())));
      case UNION -> {
        Schema branch = s.getTypes().get(random.nextInt(s.getTypes().size()));
        yield value(branch);
      }
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(value(s.getElementType()));
        }
        yield new GenericData.Array<>(s, items);
      }
      case MAP -> {
        Map<Object, Object> m = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          m.put(new Utf8("k" + random.nextInt(9)), value(s.getValueType()));
        }
        yield m;
      }
      case NULL -> null;
    };
  }

  /** Two words, sometimes with non-ASCII letters or an empty first word. */
  String string() {
    String[] words = {"ada", "grace", "Zoë", "", "x y", "élan", "42"};
    return words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)];
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
