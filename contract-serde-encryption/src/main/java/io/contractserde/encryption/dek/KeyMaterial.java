package io.contractserde.encryption.dek;

import java.util.Arrays;
import java.util.Base64;

/**
 * A DEK in clear (the serialized Tink key proto), as a registry returns it for shared KEKs only.
 * Never printed: {@code toString()} says {@code [redacted]}.
 */
public final class KeyMaterial {
  private final byte[] bytes;

  private KeyMaterial(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The material of a standard Base64 text, or null for null. */
  public static KeyMaterial ofBase64(String base64) {
    return base64 == null || base64.isEmpty() ? null : new KeyMaterial(Base64.getDecoder().decode(base64));
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyMaterial k && Arrays.equals(bytes, k.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
