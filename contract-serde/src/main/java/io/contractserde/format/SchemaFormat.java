package io.contractserde.format;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.ContractRegistry;

/**
 * A schema format the engines can serve. Implementations are thread-safe and hold no per-record
 * state.
 */
public interface SchemaFormat {

  /** The registry's {@code schemaType} of this format ({@code AVRO}, {@code JSON}). */
  String schemaType();

  /**
   * Parses a registered contract, resolving its references through {@code registry}.
   *
   * @throws org.apache.kafka.common.errors.SerializationException naming the schema when it does
   *     not parse
   */
  ContractSchema parse(RegisteredSchema contract, ContractRegistry registry);

  /**
   * A cheap key for the schema a value carries (an Avro {@code Schema} object, a class), used to
   * cache what is derived from it; null when the value carries no schema of its own.
   */
  Object schemaKey(Object value);

  /** The definition of the schema a value carries, for look-up or registration; see {@link #schemaKey}. */
  SchemaDefinition definitionOf(Object value);

  /** The full record name of a value's schema, for record-name subject strategies, or null. */
  String recordName(Object value);

  /**
   * {@code definition} with its schema in the incumbent's normalized form ({@code normalize.schemas}),
   * so equivalent spellings of one schema are looked up and registered as the same text. The
   * default returns it unchanged.
   */
  default SchemaDefinition normalize(SchemaDefinition definition) {
    return definition;
  }
}
