package io.contractserde.encryption.dek;

/**
 * Where KEKs and DEKs are kept. Implementations are thread-safe and do not cache (the executors do).
 * Failures to reach the store throw a {@link RuntimeException} naming the store, never a key.
 */
public interface DekRegistry extends AutoCloseable {
  /** DEK version meaning "the latest" in {@link #dek}. */
  int LATEST = -1;

  /** The KEK named {@code name} (soft-deleted ones too when {@code deleted}), or null. */
  Kek kek(String name, boolean deleted);

  /**
   * Creates a KEK and returns it as stored.
   *
   * @throws KeyExistsException when a KEK of that name exists
   */
  Kek createKek(Kek kek);

  /**
   * A DEK, or null: {@code version} null for an unrotated DEK (version 1), {@link #LATEST} for the
   * newest version, else that version.
   */
  Dek dek(String kekName, String subject, String algorithm, Integer version, boolean deleted);

  /**
   * Creates a DEK ({@code version} 0 means 1) and returns it as stored, with its timestamp: the
   * {@code ts} given (the client's clock) in memory and in a key folder, the server's over REST.
   *
   * @throws KeyExistsException when that version exists
   */
  Dek createDek(Dek dek);

  @Override
  default void close() {}
}
