package io.contractserde.format;

import io.contractserde.contract.RegisteredSchema;
import java.io.OutputStream;

/**
 * One parsed contract in a format: everything the engines do with records of that schema.
 * Implementations are immutable after construction and thread-safe.
 *
 * <p>The <em>data model</em> is what JSONata expressions see: {@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean} and null, in the format's JSON form (for Avro,
 * Avro's JSON encoding: unions wrapped, bytes as ISO-8859-1 strings).
 */
public interface ContractSchema {

  /** The registered contract this schema was parsed from. */
  RegisteredSchema contract();

  /** The full record name, or null when the schema has none. */
  String recordName();

  /**
   * Checks that {@code value} conforms to this schema.
   *
   * @throws NonConformingRecordException naming the field path, the expected and the actual type
   */
  void checkConformance(Object value);

  /** Encodes a conforming value onto {@code out}. */
  void encode(Object value, OutputStream out);

  /**
   * Decodes a payload written with this schema into a value of {@code reader}'s shape (this
   * schema's shape when {@code reader} is this), by the format's schema resolution.
   */
  Object decode(byte[] data, int offset, int length, ContractSchema reader);

  /** Decodes a payload written with this schema straight into the data model. */
  Object decodeModel(byte[] data, int offset, int length);

  /** The data model of a native value of this schema. Never the caller's object itself. */
  Object toModel(Object value);

  /**
   * Builds a native value of this schema from a data model: missing fields take their defaults,
   * unknown fields are dropped.
   *
   * @throws NonConformingRecordException when the model does not fit, naming the field
   */
  Object fromModel(Object model);
}
