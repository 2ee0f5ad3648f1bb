package io.contractserde.format.shape;

/** The type of a schema node, with the names field-level rules see ({@code typeName} in CEL_FIELD). */
public enum FieldType {
  RECORD, ENUM, ARRAY, MAP, COMBINED, NULLABLE, FIXED,
  STRING, BYTES, INT, LONG, FLOAT, DOUBLE, BOOLEAN, NULL;

  /** True for the scalar types a CEL_FIELD rule transforms: STRING to NULL. */
  public boolean isPrimitive() {
    return ordinal() >= STRING.ordinal();
  }
}
