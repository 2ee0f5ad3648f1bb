package io.contractserde.encryption;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import java.security.GeneralSecurityException;

/**
 * The primitive of one decrypted DEK. Thread-safe (Tink primitives are); prints no key.
 */
abstract sealed class Cryptor {

  abstract byte[] encrypt(byte[] plaintext) throws GeneralSecurityException;

  abstract byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException;

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[key redacted]";
  }

  /** AES-GCM: a random IV per call. */
  static final class Randomized extends Cryptor {
    private final Aead aead;

    Randomized(Aead aead) {
      this.aead = aead;
    }

    @Override
    byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
      return aead.encrypt(plaintext, DekAlgorithm.EMPTY_AAD);
    }

    @Override
    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
      return aead.decrypt(ciphertext, DekAlgorithm.EMPTY_AAD);
    }
  }

  /** AES-SIV: the same plaintext gives the same ciphertext. */
  static final class Deterministic extends Cryptor {
    private final DeterministicAead daead;

    Deterministic(DeterministicAead daead) {
      this.daead = daead;
    }

    @Override
    byte[] encrypt(byte[] plaintext) throws GeneralSecurityException {
      return daead.encryptDeterministically(plaintext, DekAlgorithm.EMPTY_AAD);
    }

    @Override
    byte[] decrypt(byte[] ciphertext) throws GeneralSecurityException {
      return daead.decryptDeterministically(ciphertext, DekAlgorithm.EMPTY_AAD);
    }
  }
}
