package io.contractserde.encryption;

import com.google.crypto.tink.Aead;
import io.contractserde.encryption.kms.KmsDriver;
import io.contractserde.encryption.kms.LocalKmsDriver;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test KMS ({@code counting-kms}) that wraps like the local KMS with the executor's secret, counts
 * wrap and unwrap calls per key id, and fails for key ids marked down. Tests use their own key ids.
 */
public final class CountingKmsDriver implements KmsDriver {
  static final String TYPE = "counting-kms";
  static final Map<String, AtomicInteger> WRAPS = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> UNWRAPS = new ConcurrentHashMap<>();
  static final Set<String> DOWN = ConcurrentHashMap.newKeySet();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Aead newAead(String kmsKeyId, Map<String, ?> config) throws GeneralSecurityException {
    Aead local = new LocalKmsDriver().newAead(kmsKeyId, config);
    return new Aead() {
      @Override
      public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        WRAPS.computeIfAbsent(kmsKeyId, k -> new AtomicInteger()).incrementAndGet();
        check();
        return local.encrypt(plaintext, associatedData);
      }

      @Override
      public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        UNWRAPS.computeIfAbsent(kmsKeyId, k -> new AtomicInteger()).incrementAndGet();
        check();
        return local.decrypt(ciphertext, associatedData);
      }

      private void check() throws GeneralSecurityException {
        if (DOWN.contains(kmsKeyId)) {
          throw new GeneralSecurityException("KMS key " + kmsKeyId + " cannot be reached (test outage)");
        }
      }
    };
  }

  static int wraps(String keyId) {
    AtomicInteger n = WRAPS.get(keyId);
    return n == null ? 0 : n.get();
  }

  static int unwraps(String keyId) {
    AtomicInteger n = UNWRAPS.get(keyId);
    return n == null ? 0 : n.get();
  }
}
