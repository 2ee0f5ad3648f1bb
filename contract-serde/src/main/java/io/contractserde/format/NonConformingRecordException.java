package io.contractserde.format;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A value that does not fit a schema. Carries the field path ({@code address.street},
 * {@code items[2].price}), the expected and the actual type, so the engines can add topic, subject
 * and version.
 */
public class NonConformingRecordException extends SerializationException {
  private final String fieldPath;
  private final String expected;
  private final String actual;

  public NonConformingRecordException(String fieldPath, String expected, String actual) {
    super(describe(fieldPath, expected, actual));
    this.fieldPath = fieldPath;
    this.expected = expected;
    this.actual = actual;
  }

  /** For subclasses that write their own message (several violations at once). */
  protected NonConformingRecordException(String message, String fieldPath, String expected, String actual) {
    super(message);
    this.fieldPath = fieldPath;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * The same failure with {@code context} (topic, subject, version, rule) in front of the message.
   * Subclasses that carry more return their own type.
   */
  public NonConformingRecordException inContext(String context) {
    return new NonConformingRecordException(context + ": " + getMessage(), fieldPath, expected, actual, this);
  }

  /** For {@link #inContext} of subclasses: the given message, the same details, this as cause. */
  protected NonConformingRecordException(String message, String fieldPath, String expected, String actual,
      Throwable cause) {
    super(message, cause);
    this.fieldPath = fieldPath;
    this.expected = expected;
    this.actual = actual;
  }

  private static String describe(String fieldPath, String expected, String actual) {
    return "field '" + (fieldPath.isEmpty() ? "<root>" : fieldPath) + "': expected " + expected + ", got " + actual;
  }

  /** Dotted path of the offending field; empty for the record itself. */
  public String fieldPath() {
    return fieldPath;
  }

  /** What the schema expects there. */
  public String expected() {
    return expected;
  }

  /** What the value holds there. */
  public String actual() {
    return actual;
  }
}
