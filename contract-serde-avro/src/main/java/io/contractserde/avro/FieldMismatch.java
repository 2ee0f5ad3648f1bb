package io.contractserde.avro;

import io.contractserde.format.NonConformingRecordException;
import io.contractserde.format.shape.TagPatterns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * A value that does not fit its schema, on its way up the walk: each level adds its segment of the
 * path, so no string is built while values fit. Carries no stack trace.
 *
 * <p>It never carries a value of the record, only its type and length; the one exception is an
 * enum symbol (a name a schema declares), shown unless a field on the path carries a tag.
 */
final class FieldMismatch extends RuntimeException {
  private final Deque<String> path = new ArrayDeque<>();
  /** The fields on the path, innermost first, with the full name of the record declaring each. */
  private final List<Object[]> fields = new ArrayList<>(2);
  private final String expected;
  private final String actual;
  private final String symbol;

  FieldMismatch(String expected, String actual) {
    this(expected, actual, null);
  }

  /** {@code symbol}: the enum symbol the value holds, shown after {@code actual} unless tagged. */
  FieldMismatch(String expected, String actual, String symbol) {
    super(null, null, false, false);
    this.expected = expected;
    this.actual = actual;
    this.symbol = symbol;
  }

  /** Adds the enclosing field ({@code name}) or element ({@code [3]}) in front of the path. */
  FieldMismatch at(String segment) {
    path.addFirst(segment);
    return this;
  }

  /** Adds the enclosing field {@code field} of the record {@code record} in front of the path. */
  FieldMismatch in(Schema record, Schema.Field field) {
    fields.add(new Object[] {record.getFullName() + "." + field.name(), field});
    return at(field.name());
  }

  /** The failure, with no value of a tagged field (inline or by a {@code metadata.tags} pattern). */
  NonConformingRecordException toException(TagPatterns tags) {
    boolean tagged = false;
    for (Object[] f : fields) {
      tagged |= hasInlineTags((Schema.Field) f[1]) || !tags.tagsOf((String) f[0], Set.of()).isEmpty();
    }
    String shown = symbol == null ? actual : tagged ? actual + " of " + symbol.length() + " characters"
        : actual + " " + symbol;
    return new NonConformingRecordException(String.join(".", path).replace(".[", "[").replace(".<", "<"),
        expected, shown);
  }

  NonConformingRecordException toException() {
    return toException(TagPatterns.NONE);
  }

  private static boolean hasInlineTags(Schema.Field field) {
    return field.getObjectProp(TagPatterns.INLINE_TAGS) instanceof Collection<?> c && !c.isEmpty();
  }
}
