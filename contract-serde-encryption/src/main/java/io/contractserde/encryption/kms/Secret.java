package io.contractserde.encryption.kms;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A KMS credential (a local KMS secret, a Vault token): readable once through {@link #utf8()} by the
 * driver that needs it, printed as {@code [redacted]} everywhere else.
 */
final class Secret {
  private final byte[] value;

  private Secret(byte[] value) {
    this.value = value;
  }

  /** The secret named {@code key} in {@code config}, else the environment variable {@code env}; null if neither. */
  static Secret from(java.util.Map<String, ?> config, String key, String env) {
    Object v = config.get(key);
    String text = null;
    if (v instanceof org.apache.kafka.common.config.types.Password p) {
      text = p.value();
    } else if (v != null) {
      text = v.toString();
    }
    if (text == null || text.isEmpty()) {
      text = System.getenv(env);
    }
    return text == null || text.isEmpty() ? null : new Secret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A copy of the secret's UTF-8 bytes; the caller clears it after use. */
  byte[] utf8() {
    return value.clone();
  }

  /** The secret as text, for an HTTP header. */
  String text() {
    return new String(value, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && Arrays.equals(value, s.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "[redacted]";
  }
}
