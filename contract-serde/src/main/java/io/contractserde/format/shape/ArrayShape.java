package io.contractserde.format.shape;

import java.util.List;

/** An array: every element has the same shape and shares the enclosing field's name and tags. */
public abstract class ArrayShape extends FieldShape {
  private final FieldShape elements;

  protected ArrayShape(FieldShape elements) {
    super(FieldType.ARRAY);
    this.elements = elements;
  }

  /** The elements' shape. */
  public final FieldShape elementShape() {
    return elements;
  }

  /** The elements of {@code array}, as a list (a view or a copy; not changed by the caller). */
  public abstract List<?> elements(Object array);

  /** A new array of the format's form (like {@code like} where the format has several) holding {@code elements}. */
  public abstract Object build(List<?> elements, Object like);
}
