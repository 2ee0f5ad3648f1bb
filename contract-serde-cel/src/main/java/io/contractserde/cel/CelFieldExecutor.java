package io.contractserde.cel;

import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.field.FieldContext;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code CEL_FIELD} rules: an expression applied to every primitive field whose tags meet the
 * rule's tags (every primitive field when the rule has none), with {@code value} (the field's
 * value), {@code fullName} ({@code example.User.ssn}, {@code $.ssn}), {@code name},
 * {@code typeName} ({@code STRING}, {@code INT}, ...), {@code tags} (list of strings),
 * {@code message} (the record holding the field) and {@code now}. Enum and fixed fields pass
 * through. A CONDITION fails on the first field whose result is {@code false}, naming it; a
 * TRANSFORM's result is narrowed to the field's type, and one that does not fit fails the rule.
 * The guard before {@code ;} works as in {@link CelExecutor}.
 */
public final class CelFieldExecutor extends FieldRuleExecutor {
  public static final String TYPE = "CEL_FIELD";

  private final CelPrograms programs = new CelPrograms(Map.of(
      "value", SimpleType.DYN,
      "fullName", SimpleType.STRING,
      "name", SimpleType.STRING,
      "typeName", SimpleType.STRING,
      "tags", ListType.create(SimpleType.STRING),
      "message", SimpleType.DYN));

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Reads the parameter {@code cel.regex.timeout.ms}: the most milliseconds one {@code matches} call
   * may take (default 1000); past it the rule fails.
   */
  @Override
  public void configure(Map<String, ?> params) {
    programs.configure(params);
  }

  /** The compilation error of the rule's expression (guard included), if any. */
  @Override
  public Optional<String> check(Rule rule) {
    return programs.check(rule);
  }

  @Override
  protected FieldTransform newTransform(RuleContext ctx) {
    CelPrograms.Program program = programs.program(ctx.rule().expr(), CelExecutor.ignoreGuard(ctx));
    boolean condition = ctx.rule().kind() == RuleKind.CONDITION;
    return new FieldTransform() {
      /** The last record whose fields were visited, bound once for all its fields. */
      private Object record;
      private Optional<Object> boundRecord;

      @Override
      public Object apply(FieldContext field, Object value) {
        if (!field.type().isPrimitive()) {
          return value;
        }
        Object celValue = CelValues.toCel(value);
        Object result = program.evaluate(name -> switch (name) {
          case "value" -> Optional.of(celValue);
          case "fullName" -> Optional.of(field.fullName());
          case "name" -> Optional.of(field.name());
          case "typeName" -> Optional.of(field.type().name());
          case "tags" -> Optional.of(List.copyOf(field.tags()));
          case "message" -> containing(field);
          case "now" -> Optional.of(Instant.now());
          default -> Optional.empty();
        });
        if (result == CelPrograms.Program.SKIPPED) {
          return condition ? Boolean.TRUE : value;
        }
        if (condition) {
          return result;
        }
        return result == celValue ? value : CelValues.fromCel(result);
      }

      private Optional<Object> containing(FieldContext field) {
        if (record != field.containingMessage() || boundRecord == null) {
          record = field.containingMessage();
          boundRecord = Optional.of(RuleValues.view(field.containingShape(), record, CelValues.LEAVES));
        }
        return boundRecord;
      }
    };
  }
}
