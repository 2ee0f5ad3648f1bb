package io.contractserde.rule.field;

/**
 * What a field-level rule does to one value. Made once per record by
 * {@link FieldRuleExecutor#newTransform}, used by one thread.
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
