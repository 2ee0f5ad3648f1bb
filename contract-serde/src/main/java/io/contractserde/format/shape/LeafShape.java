package io.contractserde.format.shape;

import java.nio.charset.StandardCharsets;

/**
 * A scalar: a primitive type, an enum or a fixed. Converts between the format's native values and
 * rule values: {@code String} (strings, enum symbols), {@code Integer}, {@code Long},
 * {@code Float}, {@code Double}, {@code Boolean}, {@code byte[]} (bytes, fixed).
 */
public abstract class LeafShape extends FieldShape {

  protected LeafShape(FieldType type) {
    super(type);
  }

  /** The rule value of a native, non-null value of this shape. */
  public abstract Object toRuleValue(Object value);

  /**
   * The native value of a rule value, narrowed to this shape's type where it fits (a whole
   * {@code Long} for an {@code int}); {@code like} is the value it replaces, or null.
   *
   * @throws IllegalArgumentException naming the expected type when the value does not fit
   */
  public abstract Object fromRuleValue(Object value, Object like);

  /**
   * The UTF-8 bytes of a native, non-null value of a STRING shape, for executors that work on the
   * bytes (field encryption); the caller must not modify the array. By default the rule value's bytes;
   * a format whose strings hold UTF-8 hands them over without making a {@code String}.
   */
  public byte[] utf8(Object value) {
    return ((String) toRuleValue(value)).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The native value of a STRING shape holding the text of {@code utf8} (which the value may keep),
   * like {@code like}, the value it replaces: by default {@link #fromRuleValue} of the decoded text.
   *
   * @throws IllegalArgumentException when the text does not fit the shape (a logical type's form)
   */
  public Object fromUtf8(byte[] utf8, Object like) {
    return fromRuleValue(new String(utf8, StandardCharsets.UTF_8), like);
  }

  /**
   * A rule value as the canonical Java type of a primitive {@code type}: {@code Integer} for INT
   * (from any whole number in range), {@code Long} for LONG, {@code Float} and {@code Double}
   * (from any number), {@code String} (from any char sequence), {@code Boolean}, {@code byte[]}
   * (from a {@code ByteBuffer} too), null for NULL.
   *
   * @throws IllegalArgumentException naming the expected and the actual type (never the value)
   */
  public static Object narrow(FieldType type, Object value) {
    switch (type) {
      case STRING:
        if (value instanceof CharSequence s) {
          return s.toString();
        }
        break;
      case INT:
        if (isWhole(value) && ((Number) value).longValue() == ((Number) value).intValue()) {
          return ((Number) value).intValue();
        }
        break;
      case LONG:
        if (isWhole(value)) {
          return ((Number) value).longValue();
        }
        break;
      case FLOAT:
        if (value instanceof Number n) {
          return n.floatValue();
        }
        break;
      case DOUBLE:
        if (value instanceof Number n) {
          return n.doubleValue();
        }
        break;
      case BOOLEAN:
        if (value instanceof Boolean) {
          return value;
        }
        break;
      case BYTES:
      case FIXED:
        if (value instanceof byte[]) {
          return value;
        }
        if (value instanceof java.nio.ByteBuffer b) {
          byte[] bytes = new byte[b.remaining()];
          b.duplicate().get(bytes);
          return bytes;
        }
        break;
      case NULL:
        if (value == null) {
          return null;
        }
        break;
      default:
        throw new IllegalArgumentException("Not a primitive type: " + type);
    }
    throw mismatch(type, value);
  }

  private static boolean isWhole(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return true;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p63;
    }
    return value instanceof java.math.BigInteger b && b.bitLength() < 64;
  }

  /** The error for a rule value that is not of {@code type}; names the value's class, never the value. */
  public static IllegalArgumentException mismatch(Object expected, Object value) {
    String actual = value == null ? "null" : value.getClass().getSimpleName();
    if (value instanceof Number && (expected == FieldType.INT || expected == FieldType.LONG)) {
      actual += " that is not a whole number in range";
    }
    String wanted = expected instanceof FieldType t ? t.name().toLowerCase(java.util.Locale.ROOT) : String.valueOf(expected);
    return new IllegalArgumentException("expected " + wanted + ", got " + actual);
  }
}
