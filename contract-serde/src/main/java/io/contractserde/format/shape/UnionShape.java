package io.contractserde.format.shape;

import java.util.List;

/**
 * A choice of shapes: an Avro union (NULLABLE when it is null and one other branch), a JSON Schema
 * {@code oneOf}/{@code anyOf} or list of types (COMBINED).
 */
public abstract class UnionShape extends FieldShape {
  private final List<FieldShape> branches;
  /** The branch typed NULL, or null. */
  private final FieldShape nullBranch;

  protected UnionShape(FieldType type, List<FieldShape> branches) {
    super(type);
    this.branches = List.copyOf(branches);
    this.nullBranch = this.branches.stream().filter(b -> b.type() == FieldType.NULL).findFirst().orElse(null);
  }

  /** The branches, in schema order. */
  public final List<FieldShape> branches() {
    return branches;
  }

  /** The branch that holds a null (typed NULL), or null when the union has none. */
  public final FieldShape nullBranch() {
    return nullBranch;
  }

  @Override
  public boolean acceptsNull() {
    return branches.stream().anyMatch(FieldShape::acceptsNull);
  }

  @Override
  public String toString() {
    return "union of " + branches;
  }

  /** The branch that holds {@code value} (never null), or null when none does. */
  public abstract FieldShape branchOf(Object value);
}
