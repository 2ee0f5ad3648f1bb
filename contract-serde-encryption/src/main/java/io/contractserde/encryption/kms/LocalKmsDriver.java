package io.contractserde.encryption.kms;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code local-kms}: the KEK is {@code HKDF-SHA256(secret, salt = 32 zero bytes, info = empty, 16 bytes)}
 * used as an AES-128-GCM key ({@code IV | ct | tag}, empty associated data), exactly as the incumbent's
 * local KMS; the {@code kmsKeyId} plays no part. The secret is the executor parameter {@code secret}
 * ({@code rule.executors._default_.param.secret}), else the environment variable {@code LOCAL_SECRET}.
 * For tests and demos: whoever has the secret has every key.
 */
public final class LocalKmsDriver implements KmsDriver {
  public static final String TYPE = "local-kms";
  public static final String SECRET = "secret";
  public static final String SECRET_ENV = "LOCAL_SECRET";

  static {
    try {
      AeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Aead newAead(String kmsKeyId, Map<String, ?> config) throws GeneralSecurityException {
    Secret secret = Secret.from(config, SECRET, SECRET_ENV);
    if (secret == null) {
      throw new GeneralSecurityException("cannot load the local KMS secret: set the rule executor parameter "
          + SECRET + " (rule.executors._default_.param." + SECRET + ") or the environment variable " + SECRET_ENV);
    }
    byte[] ikm = secret.utf8();
    byte[] key = Hkdf.computeHkdf("HMACSHA256", ikm, null, null, 16);
    try {
      AesGcmParameters params = AesGcmParameters.builder().setKeySizeBytes(16).setIvSizeBytes(12)
          .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
      AesGcmKey k = AesGcmKey.builder().setParameters(params)
          .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get())).build();
      return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(k).withRandomId().makePrimary()).build()
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    } finally {
      Arrays.fill(ikm, (byte) 0);
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "LocalKmsDriver";
  }
}
