package io.contractserde.format.shape;

import java.util.Map;

/**
 * A map with string keys (Avro map, JSON Schema object without properties): every value has the
 * same shape and shares the enclosing field's name and tags.
 */
public abstract class MapShape extends FieldShape {
  private final FieldShape values;

  protected MapShape(FieldShape values) {
    super(FieldType.MAP);
    this.values = values;
  }

  /** The values' shape. */
  public final FieldShape valueShape() {
    return values;
  }

  /** The entries of {@code map} with string keys, in iteration order (a copy the caller may keep). */
  public abstract Map<String, Object> entries(Object map);

  /** A new map of the format's form holding {@code entries}. */
  public abstract Object build(Map<String, ?> entries, Object like);
}
