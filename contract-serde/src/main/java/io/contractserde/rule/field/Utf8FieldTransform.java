package io.contractserde.rule.field;

/**
 * A {@link FieldTransform} that takes string values as their UTF-8 bytes, for a transform that never
 * needs the text (field encryption): the walk hands a string field's value to {@link #applyUtf8}
 * without making a {@code String} of it, and makes the field's new value straight from the bytes
 * returned ({@link io.contractserde.format.shape.LeafShape#fromUtf8}), so an Avro {@code Utf8} stays
 * a {@code Utf8}. Nulls and values of other types go to {@link #apply}; so do the values of a
 * CONDITION.
 */
public interface Utf8FieldTransform extends FieldTransform {

  /**
   * The new value of a string field as UTF-8 bytes: {@code utf8} itself when unchanged.
   *
   * @param utf8 the field's value, which the transform must not modify
   * @throws io.contractserde.rule.RuleException when the value cannot be transformed
   */
  byte[] applyUtf8(FieldContext field, byte[] utf8);
}
