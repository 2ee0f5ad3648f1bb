package io.contractserde.encryption.dek;

import java.util.Map;

/**
 * A key-encryption key: a name in the DEK registry pointing at a key held in a KMS
 * ({@code kmsType} + {@code kmsKeyId}). Holds no secret. {@code shared} KEKs let the registry
 * generate DEKs; clients create only non-shared ones.
 */
public record Kek(String name, String kmsType, String kmsKeyId, Map<String, String> kmsProps, String doc,
    boolean shared, long ts, boolean deleted) {

  public Kek {
    kmsProps = kmsProps == null ? Map.of() : Map.copyOf(kmsProps);
  }

  /** A new non-shared KEK, as a client creates it. */
  public static Kek of(String name, String kmsType, String kmsKeyId) {
    return new Kek(name, kmsType, kmsKeyId, null, null, false, 0, false);
  }
}
