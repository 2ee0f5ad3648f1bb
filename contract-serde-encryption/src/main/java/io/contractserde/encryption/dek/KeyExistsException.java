package io.contractserde.encryption.dek;

/** A KEK or DEK being created exists already (409 over REST): another producer won; read it again. */
public final class KeyExistsException extends RuntimeException {
  public KeyExistsException(String message) {
    super(message);
  }
}
