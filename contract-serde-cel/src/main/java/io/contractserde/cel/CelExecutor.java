package io.contractserde.cel;

import dev.cel.common.types.SimpleType;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code CEL} rules: an expression over the whole record, bound as {@code message} (records
 * and maps as maps, arrays as lists, enum symbols as strings, bytes as CEL bytes, every whole
 * number an int and every other number a double), with {@code now} the time of evaluation.
 *
 * <ul>
 *   <li>The text before the first {@code ;} is a guard, unless the rule parameter
 *       {@value #IGNORE_GUARD_SEPARATOR} is {@code true}: when the guard fails or gives anything
 *       but {@code true}, the rule passes (CONDITION) or leaves the record as it is (TRANSFORM).
 *   <li>CONDITION: only {@code false} fails.
 *   <li>TRANSFORM: the result becomes a record of the target contract again (a generated Avro
 *       class stays that class, a JSON POJO that POJO); a result that does not fit fails the
 *       rule, naming the field; the expression {@code message} leaves the record as it is.
 *   <li>As a migration rule, {@code message} is the record in the data model and so is the result.
 *   <li>A list at the top level is passed through unevaluated, as the incumbent does.
 * </ul>
 */
public final class CelExecutor implements RuleExecutor {
  public static final String TYPE = "CEL";
  /** The rule parameter that makes {@code ;} part of the expression instead of a guard separator. */
  public static final String IGNORE_GUARD_SEPARATOR = "cel.ignore.guard.separator";

  private final CelPrograms programs = new CelPrograms(Map.of("message", SimpleType.DYN));

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

  @Override
  public Object transform(RuleContext ctx, Object message) {
    if (message instanceof List<?>) {
      return message;
    }
    CelPrograms.Program program = programs.program(ctx.rule().expr(), ignoreGuard(ctx));
    FieldShape shape = ctx.modelMessages() ? null : ctx.target().fieldShape();
    Object bound = shape != null
        ? RuleValues.view(shape, message, CelValues.LEAVES)
        : CelValues.toCel(ctx.toModel(message));
    Optional<Object> boundMessage = Optional.of(bound);
    Object result = program.evaluate(name -> switch (name) {
      case "message" -> boundMessage;
      case "now" -> Optional.of(Instant.now());
      default -> Optional.empty();
    });
    boolean condition = ctx.rule().kind() == RuleKind.CONDITION;
    if (result == CelPrograms.Program.SKIPPED) {
      return condition ? Boolean.TRUE : message;
    }
    if (condition || result == bound) {
      return condition ? result : message;
    }
    Object value = CelValues.fromCel(result);
    if (shape == null) {
      return ctx.fromModel(value);
    }
    try {
      return RuleValues.fromRuleValue(shape, value, message);
    } catch (IllegalArgumentException e) {
      throw new RuleException("The transform's result does not fit the contract: " + e.getMessage());
    }
  }

  /** The compilation error of the rule's expression (guard included), if any. */
  @Override
  public Optional<String> check(Rule rule) {
    return programs.check(rule);
  }

  static boolean ignoreGuard(RuleContext ctx) {
    return Boolean.parseBoolean(ctx.parameter(IGNORE_GUARD_SEPARATOR));
  }
}
