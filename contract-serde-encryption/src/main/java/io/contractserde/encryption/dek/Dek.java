package io.contractserde.encryption.dek;

/**
 * A data-encryption key of one subject, algorithm and version, wrapped by its KEK
 * ({@code encryptedKeyMaterial}, standard Base64); {@code keyMaterial} is set only for shared KEKs.
 * {@code ts} is the creation time in epoch milliseconds; rotation compares it with
 * {@code encrypt.dek.expiry.days}.
 */
public record Dek(String kekName, String subject, int version, String algorithm, String encryptedKeyMaterial,
    KeyMaterial keyMaterial, long ts, boolean deleted) {

  @Override
  public String toString() {
    return "Dek[kek " + kekName + ", subject " + subject + ", " + algorithm + " version " + version + ", ts " + ts
        + (deleted ? ", deleted" : "") + "]";
  }
}
