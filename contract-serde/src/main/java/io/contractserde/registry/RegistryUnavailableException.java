package io.contractserde.registry;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The registry could not be reached (connection refused, timeout, 5xx or 429) after the configured
 * retries. The caching layer keeps serving known contracts when this happens.
 */
public class RegistryUnavailableException extends SerializationException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
