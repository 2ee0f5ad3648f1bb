package io.contractserde.contract;

import org.apache.kafka.common.errors.SerializationException;

/** A contract document that breaks the rules a registry enforces (bad rule name, wrong mode, ...). */
public class InvalidContractException extends SerializationException {
  public InvalidContractException(String message) {
    super(message);
  }

  public InvalidContractException(String message, Throwable cause) {
    super(message, cause);
  }
}
