package io.contractserde.json;

import io.contractserde.format.NonConformingRecordException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A document that breaks its JSON Schema. The message lists every violation with its JSON pointer;
 * {@link #fieldPath()} is the first one's.
 */
public class SchemaViolationException extends NonConformingRecordException {
  private final List<Violation> violations;

  SchemaViolationException(List<Violation> violations) {
    super(describe(violations), violations.get(0).pointer(), violations.get(0).message(), "a document that breaks it");
    this.violations = List.copyOf(violations);
  }

  private SchemaViolationException(String message, SchemaViolationException cause) {
    super(message, cause.fieldPath(), cause.expected(), cause.actual(), cause);
    this.violations = cause.violations;
  }

  @Override
  public SchemaViolationException inContext(String context) {
    return new SchemaViolationException(context + ": " + getMessage(), this);
  }

  private static String describe(List<Violation> violations) {
    return violations.size() + " JSON Schema violation(s): "
        + violations.stream().map(v -> (v.pointer().isEmpty() ? "<root>" : v.pointer()) + ": " + v.message())
            .collect(Collectors.joining("; "));
  }

  /** Every violation, in the validator's order. */
  public List<Violation> violations() {
    return violations;
  }

  /** One violation: where ({@code /items/2/price}), which keyword, and what it says. */
  public record Violation(String pointer, String keyword, String message) {}
}
