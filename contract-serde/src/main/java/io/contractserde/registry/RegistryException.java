package io.contractserde.registry;

import org.apache.kafka.common.errors.SerializationException;

/** The registry answered with an error other than not-found or an auth failure. */
public class RegistryException extends SerializationException {
  private final int status;
  private final int errorCode;

  public RegistryException(String message, int status, int errorCode) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  public RegistryException(String message, Throwable cause) {
    super(message, cause);
    this.status = -1;
    this.errorCode = -1;
  }

  /** The HTTP status, or -1. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code}, or -1. */
  public int errorCode() {
    return errorCode;
  }
}
