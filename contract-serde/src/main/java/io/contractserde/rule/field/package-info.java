/**
 * Field-level rules, for any format: {@link io.contractserde.rule.field.FieldRuleExecutor} walks a
 * record through its contract's {@link io.contractserde.format.shape.FieldShape}s (nested records,
 * arrays, maps, unions) and applies a {@link io.contractserde.rule.field.FieldTransform} to every
 * leaf field whose tags meet the rule's tags (every leaf when the rule has none). Transforms copy
 * what they change and never touch the caller's object (a record the deserializer just decoded
 * gets its new values set on itself, once all are known); conditions fail naming the field. Which
 * fields a rule's tags reach is worked out once per contract, so a record's walk reads those only.
 * Executors such as {@code CEL_FIELD} and field-level encryption only say what to do with one value;
 * one that never needs a string's text takes it as UTF-8 bytes
 * ({@link io.contractserde.rule.field.Utf8FieldTransform}).
 */
package io.contractserde.rule.field;
