package io.contractserde.wire;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.registry.ContractNotFoundException;
import io.contractserde.registry.ContractRegistry;

/**
 * A record value split into its schema reference and its payload: the payload is
 * {@code data[offset, offset + length)}.
 */
public record Frame(SchemaId schemaId, byte[] data, int offset, int length) {

  /**
   * The writer's schema, from {@code registry}.
   *
   * @throws ContractNotFoundException naming the topic and the id or guid the registry does not know
   */
  public RegisteredSchema writerSchema(ContractRegistry registry, String topic, String subject) {
    try {
      return schemaId.isGuid()
          ? registry.byGuid(schemaId.guid().toString())
          : registry.byId(schemaId.id(), subject);
    } catch (ContractNotFoundException e) {
      throw new ContractNotFoundException("Record of topic '" + topic + "' names " + schemaId
          + ", which the registry does not know: " + e.getMessage());
    }
  }
}
