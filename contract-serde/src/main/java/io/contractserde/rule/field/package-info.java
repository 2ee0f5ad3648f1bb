/**
 * Field-level rules, for any format: {@link io.contractserde.rule.field.FieldRuleExecutor} walks a
 * record through its contract's {@link io.contractserde.format.shape.FieldShape}s (nested records,
 * arrays, maps, unions) and applies a {@link io.contractserde.rule.field.FieldTransform} to every
 * leaf field whose tags meet the rule's tags (every leaf when the rule has none). Transforms copy
 * what they change and never touch the caller's object; conditions fail naming the field. Which
 * fields a rule's tags reach is worked out once per contract, so a record's walk reads those only.
 * Executors
 * such as {@code CEL_FIELD} (and later field-level encryption) only say what to do with one value.
 */
package io.contractserde.rule.field;
