/**
 * How a format describes the structure of its schemas to field-level rules: a tree of
 * {@link io.contractserde.format.shape.FieldShape}s (records, arrays, maps, unions, leaves) with each
 * record field's full name and tags, and the conversions between a format's native values and
 * <em>rule values</em> (plain Java: {@code Map}, {@code List}, {@code String}, boxed numbers,
 * {@code Boolean}, {@code byte[]}, null). {@link io.contractserde.format.shape.TagPatterns} resolves
 * the tags a contract's {@code metadata.tags} give a field. A format builds its shapes once per
 * contract; the walk over records is written once, in {@code io.contractserde.rule.field}.
 */
package io.contractserde.format.shape;
