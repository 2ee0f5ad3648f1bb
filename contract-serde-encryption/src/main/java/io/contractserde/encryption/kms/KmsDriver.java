package io.contractserde.encryption.kms;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Reaches one kind of KMS ({@code kmsType} of a KEK: {@code local-kms}, {@code hcvault}, ...). Found
 * through {@link java.util.ServiceLoader}; one instance serves every thread.
 */
public interface KmsDriver {

  /** The {@code kmsType} this driver serves, as stored in the KEK. */
  String type();

  /**
   * The AEAD that wraps and unwraps DEKs with the KMS key {@code kmsKeyId} (associated data is always
   * empty). {@code config} holds the executor's parameters (credentials such as {@code secret} or
   * {@code token.id}); the driver may also read the environment.
   *
   * @throws GeneralSecurityException when the key or its credentials cannot be had; the message must
   *     not hold a secret
   */
  Aead newAead(String kmsKeyId, Map<String, ?> config) throws GeneralSecurityException;
}
