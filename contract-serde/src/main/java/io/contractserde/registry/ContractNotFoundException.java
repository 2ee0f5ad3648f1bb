package io.contractserde.registry;

import org.apache.kafka.common.errors.SerializationException;

/** The registry has no such id, guid, subject or version. The message says which. */
public class ContractNotFoundException extends SerializationException {
  public ContractNotFoundException(String message) {
    super(message);
  }
}
