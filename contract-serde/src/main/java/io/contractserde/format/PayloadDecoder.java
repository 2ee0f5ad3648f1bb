package io.contractserde.format;

/** Decodes payloads of one writer schema into values of one reader schema. Thread-safe. */
@FunctionalInterface
public interface PayloadDecoder {

  /** Decodes {@code data[offset, offset + length)}. */
  Object decode(byte[] data, int offset, int length);
}
