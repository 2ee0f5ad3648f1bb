/**
 * The format SPI: what the engines need from a schema format (Avro, JSON Schema) and nothing more.
 * {@link io.contractserde.format.SchemaFormat} parses contracts and describes a value's own schema;
 * {@link io.contractserde.format.ContractSchema} is one parsed contract: conformance check, encode,
 * decode, conversion to and from the JSONata data model, and (through
 * {@link io.contractserde.format.ContractSchema#fieldShape()}, in {@code format.shape}) the shape of
 * its records for field-level rules. {@link io.contractserde.format.SchemaCanonicalForm} tells the
 * in-memory registries when two schema texts are the same schema.
 */
package io.contractserde.format;
