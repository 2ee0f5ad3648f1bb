package io.contractserde.rule.field;

/**
 * What a field-level rule does to one value. Asked for once per record from
 * {@link FieldRuleExecutor#newTransform} and used by one thread for that record; an executor may
 * hand out one thread-safe transform for every record.
 */
@FunctionalInterface
public interface FieldTransform {

  /**
   * Transforms a field's rule value (see {@link io.contractserde.format.shape.LeafShape}; null, with
   * {@link FieldContext#type()} NULL, for a null in a union with a null branch): for a TRANSFORM
   * rule the new value (the same object when unchanged; null where the field's schema allows it),
   * for a CONDITION a boolean, where only {@code false} fails.
   *
   * @throws io.contractserde.rule.RuleException when the value cannot be transformed
   */
  Object apply(FieldContext field, Object value);
}
