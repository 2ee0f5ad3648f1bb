package io.contractserde.format;

/**
 * A migration hop without rules, between two schemas of one format: takes a record of the source
 * schema, in the data model, to the record of the target schema that the format's own schema
 * resolution gives (what a reader of the target gets from a payload written with the source), in
 * the data model. Made once per migration plan; thread-safe.
 */
@FunctionalInterface
public interface ModelResolver {

  /**
   * Resolves {@code model}, a record of the source schema in the data model, into the target's.
   *
   * @throws NonConformingRecordException when the model does not fit the source schema
   * @throws org.apache.kafka.common.errors.SerializationException when resolution rejects the record
   */
  Object resolve(Object model);
}
