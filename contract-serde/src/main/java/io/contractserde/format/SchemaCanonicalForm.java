package io.contractserde.format;

import java.util.List;

/**
 * When two schema texts of one format are the same schema, as a schema registry decides it. The
 * registries that compare schemas themselves ({@code mock://}, {@code file://}) find the
 * implementations through {@link java.util.ServiceLoader}; a format without one is compared as JSON
 * trees (or as text). Runs when a contract is stored or looked up, never per record. Implementations
 * are thread-safe and have a public no-argument constructor.
 */
public interface SchemaCanonicalForm {

  /** The registry's {@code schemaType} this form applies to ({@code AVRO}, {@code JSON}). */
  String schemaType();

  /**
   * A key that is equal for two schemas the registry treats as the same schema (Avro: the parsed
   * schema's full JSON form; JSON Schema: the parsed JSON tree).
   *
   * @param referenced the texts of the schemas {@code schema} references, dependencies first
   * @throws RuntimeException when the schema does not parse; the registry then compares the texts
   */
  Object canonicalKey(String schema, List<String> referenced);
}
