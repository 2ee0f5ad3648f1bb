package io.contractserde.cel;

import dev.cel.common.values.CelByteString;
import dev.cel.common.values.NullValue;
import io.contractserde.format.shape.RuleValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Conversions between rule values and the values cel-java works with: every whole number a
 * {@code Long}, every floating point number a {@code Double}, bytes a {@code CelByteString}, null
 * CEL's {@code NullValue}; and back, with CEL's values turned into plain Java again.
 */
final class CelValues {
  /** Presents the leaves of a record to CEL while {@link RuleValues} walks it. */
  static final RuleValues.LeafAdapter LEAVES = (type, value) -> toCel(value);

  private CelValues() {}

  /** A scalar, or a whole tree of maps and lists (the data model), as CEL values. */
  static Object toCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof String || value instanceof Long || value instanceof Double || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    // Exact JSON numbers: CEL has no decimal type, so a fraction is a double, as in the incumbent.
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof BigInteger i) {
      return i.bitLength() < 64 ? (Object) i.longValue() : (Object) i.doubleValue();
    }
    if (value instanceof byte[] bytes) {
      return CelByteString.of(bytes);
    }
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    return eachValue(value, CelValues::toCel);
  }

  /** A CEL result as a rule value: {@code NullValue} to null, bytes to {@code byte[]}, maps and lists copied. */
  static Object fromCel(Object value) {
    if (value == null || value instanceof NullValue || value instanceof com.google.protobuf.NullValue) {
      return null;
    }
    if (value instanceof CelByteString bytes) {
      return bytes.toByteArray();
    }
    if (value instanceof com.google.protobuf.ByteString bytes) {
      return bytes.toByteArray();
    }
    if (value instanceof com.google.common.primitives.UnsignedLong u) {
      return u.longValue();
    }
    return eachValue(value, CelValues::fromCel);
  }

  /** A copy of a map (string keys) or a list with {@code convert} applied to each value; anything else as it is. */
  private static Object eachValue(Object value, UnaryOperator<Object> convert) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>(map.size() * 2);
      map.forEach((k, v) -> out.put(k instanceof CharSequence ? k.toString() : k, convert.apply(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(convert.apply(v)));
      return out;
    }
    return value;
  }
}
