package io.contractserde.tools;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Random Avro values of a schema, reproducible from the {@link Random} given: every union branch,
 * enum symbol and logical type (decimal within its precision, dates and timestamps in a plausible
 * range, UUIDs) can come out. Recursion is cut by preferring null branches and empty collections
 * once the value is deep.
 */
final class AvroSamples {
  private static final int MAX_DEPTH = 6;
  private static final long YEAR_2000_MS = 946_684_800_000L;
  private static final long HUNDRED_YEARS_MS = 100L * 365 * 24 * 3600 * 1000;

  private final Random random;

  AvroSamples(Random random) {
    this.random = random;
  }

  Object next(Schema schema) {
    return value(schema, 0);
  }

  private Object value(Schema schema, int depth) {
    LogicalType logical = schema.getLogicalType();
    switch (schema.getType()) {
      case RECORD: {
        GenericData.Record record = new GenericData.Record(schema);
        for (Schema.Field f : schema.getFields()) {
          record.put(f.pos(), value(f.schema(), depth + 1));
        }
        return record;
      }
      case UNION: {
        List<Schema> branches = schema.getTypes();
        if (depth >= MAX_DEPTH) {
          for (Schema b : branches) {
            if (b.getType() == Schema.Type.NULL) {
              return null;
            }
          }
        }
        return value(branches.get(random.nextInt(branches.size())), depth);
      }
      case ENUM: {
        List<String> symbols = schema.getEnumSymbols();
        return new GenericData.EnumSymbol(schema, symbols.get(random.nextInt(symbols.size())));
      }
      case ARRAY: {
        int n = depth >= MAX_DEPTH ? 0 : random.nextInt(4);
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(value(schema.getElementType(), depth + 1));
        }
        return new GenericData.Array<>(schema, list);
      }
      case MAP: {
        int n = depth >= MAX_DEPTH ? 0 : random.nextInt(4);
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(text(1 + random.nextInt(8)), value(schema.getValueType(), depth + 1));
        }
        return map;
      }
      case FIXED: {
        byte[] bytes = new byte[schema.getFixedSize()];
        if (logical instanceof LogicalTypes.Decimal decimal) {
          byte[] unscaled = unscaled(decimal.getPrecision(), bytes.length);
          System.arraycopy(unscaled, 0, bytes, bytes.length - unscaled.length, unscaled.length);
          if (unscaled.length > 0 && unscaled[0] < 0) {
            for (int i = 0; i < bytes.length - unscaled.length; i++) {
              bytes[i] = (byte) 0xff;
            }
          }
        } else {
          random.nextBytes(bytes);
        }
        return new GenericData.Fixed(schema, bytes);
      }
      case STRING:
        if (logical != null && logical.getName().equals("uuid")) {
          return new UUID(random.nextLong(), random.nextLong()).toString();
        }
        return text(random.nextInt(13));
      case BYTES: {
        if (logical instanceof LogicalTypes.Decimal decimal) {
          return ByteBuffer.wrap(unscaled(decimal.getPrecision(), 16));
        }
        byte[] bytes = new byte[random.nextInt(9)];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
      }
      case INT:
        if (logical != null && logical.getName().equals("date")) {
          return 10_957 + random.nextInt(36_500);
        }
        if (logical != null && logical.getName().equals("time-millis")) {
          return random.nextInt(86_400_000);
        }
        return random.nextInt(2001) - 1000;
      case LONG:
        if (logical != null && logical.getName().startsWith("timestamp") || logical != null
            && logical.getName().startsWith("local-timestamp")) {
          long ms = YEAR_2000_MS + (long) (random.nextDouble() * HUNDRED_YEARS_MS);
          return logical.getName().endsWith("micros") ? ms * 1000 : logical.getName().endsWith("nanos") ? ms * 1_000_000 : ms;
        }
        if (logical != null && logical.getName().equals("time-micros")) {
          return (long) random.nextInt(86_400_000) * 1000;
        }
        return random.nextLong() % 1_000_000_000L;
      case FLOAT:
        return (float) (random.nextInt(200_001) - 100_000) / 100f;
      case DOUBLE:
        return (random.nextInt(2_000_001) - 1_000_000) / 1000d;
      case BOOLEAN:
        return random.nextBoolean();
      case NULL:
      default:
        return null;
    }
  }

  private byte[] unscaled(int precision, int maxBytes) {
    int digits = 1 + random.nextInt(Math.max(1, Math.min(precision, 18)));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    BigInteger unscaled = new BigDecimal(sb.toString()).toBigInteger();
    if (random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    byte[] bytes = unscaled.toByteArray();
    return bytes.length <= maxBytes ? bytes : new byte[] {0};
  }

  private String text(int length) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
