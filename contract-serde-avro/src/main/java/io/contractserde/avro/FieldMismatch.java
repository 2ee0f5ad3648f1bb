package io.contractserde.avro;

import io.contractserde.format.NonConformingRecordException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A value that does not fit its schema, on its way up the walk: each level adds its segment of the
 * path, so no string is built while values fit. Carries no stack trace.
 */
final class FieldMismatch extends RuntimeException {
  private final Deque<String> path = new ArrayDeque<>();
  private final String expected;
  private final String actual;

  FieldMismatch(String expected, String actual) {
    super(null, null, false, false);
    this.expected = expected;
    this.actual = actual;
  }

  /** Adds the enclosing field ({@code name}) or element ({@code [3]}) in front of the path. */
  FieldMismatch at(String segment) {
    path.addFirst(segment);
    return this;
  }

  NonConformingRecordException toException() {
    return new NonConformingRecordException(String.join(".", path).replace(".[", "[").replace(".<", "<"),
        expected, actual);
  }
}
