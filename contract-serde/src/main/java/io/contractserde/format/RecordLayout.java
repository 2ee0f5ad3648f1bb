package io.contractserde.format;

import java.util.Map;

/**
 * The top-level fields of a record schema, as far as migration planning needs them: enough to
 * prove that a chain of field renames, drops and defaults is plain schema resolution.
 *
 * @param name the record's full name
 * @param fields by name, in schema order; a field's {@code type} compares with {@code equals}
 * @param hasAliases whether any field or the record has aliases (resolution would then differ)
 */
public record RecordLayout(String name, Map<String, Field> fields, boolean hasAliases) {

  /** One field: its type, and its default when it has one. */
  public record Field(Object type, boolean hasDefault, Object defaultValue) {}
}
