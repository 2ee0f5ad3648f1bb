package io.contractserde.format.shape;

/**
 * One node of a schema as field-level rules see it. Subclasses: {@link RecordShape},
 * {@link ArrayShape}, {@link MapShape}, {@link UnionShape} and {@link LeafShape}. A format's shapes
 * are immutable once its contract is parsed, and thread-safe.
 */
public abstract class FieldShape {
  private final FieldType type;

  FieldShape(FieldType type) {
    this.type = type;
  }

  /** The node's type. */
  public final FieldType type() {
    return type;
  }

  @Override
  public String toString() {
    return type.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** True when null is a value of this shape (a null type, a union with one, an optional JSON value). */
  public boolean acceptsNull() {
    return type == FieldType.NULL;
  }
}
