package io.contractserde.encryption;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.util.SecretBytes;
import com.google.protobuf.ByteString;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The DEK algorithms of {@code encrypt.dek.algorithm}. A DEK's material is the serialized Tink key
 * proto ({@code AesGcmKey} / {@code AesSivKey}, version 0), as the incumbent stores it; primitives are
 * Tink's raw ones (no output prefix): GCM gives {@code IV(12) | ct | tag(16)}, SIV {@code SIV(16) | ct}.
 */
enum DekAlgorithm {
  AES128_GCM(16, false),
  AES256_GCM(32, false),
  AES256_SIV(64, true);

  static final byte[] EMPTY_AAD = new byte[0];
  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    try {
      AeadConfig.register();
      DeterministicAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final int keySize;
  private final boolean deterministic;

  DekAlgorithm(int keySize, boolean deterministic) {
    this.keySize = keySize;
    this.deterministic = deterministic;
  }

  /** A fresh random DEK, as the serialized key proto. */
  byte[] newKeyMaterial() {
    byte[] key = new byte[keySize];
    RANDOM.nextBytes(key);
    try {
      return toProto(key);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private byte[] toProto(byte[] key) {
    ByteString value = ByteString.copyFrom(key);
    return deterministic
        ? com.google.crypto.tink.proto.AesSivKey.newBuilder().setVersion(0).setKeyValue(value).build().toByteArray()
        : com.google.crypto.tink.proto.AesGcmKey.newBuilder().setVersion(0).setKeyValue(value).build().toByteArray();
  }

  /** The primitive of a DEK given as its serialized key proto. */
  Cryptor cryptor(byte[] keyMaterial) throws GeneralSecurityException {
    byte[] key = keyBytes(keyMaterial);
    try {
      SecretBytes secret = SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get());
      if (deterministic) {
        AesSivParameters params = AesSivParameters.builder().setKeySizeBytes(keySize)
            .setVariant(AesSivParameters.Variant.NO_PREFIX).build();
        AesSivKey k = AesSivKey.builder().setParameters(params).setKeyBytes(secret).build();
        DeterministicAead daead = handle(k).getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
        return new Cryptor.Deterministic(daead);
      }
      return new Cryptor.Randomized(aead(key));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** A raw AES-GCM primitive over a 16- or 32-byte key (the local KMS uses it too). */
  static Aead aead(byte[] key) throws GeneralSecurityException {
    AesGcmParameters params = AesGcmParameters.builder().setKeySizeBytes(key.length).setIvSizeBytes(12)
        .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
    AesGcmKey k = AesGcmKey.builder().setParameters(params)
        .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get())).build();
    return handle(k).getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  private static KeysetHandle handle(com.google.crypto.tink.Key key) throws GeneralSecurityException {
    return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build();
  }

  private byte[] keyBytes(byte[] keyMaterial) throws GeneralSecurityException {
    try {
      ByteString value;
      int version;
      if (deterministic) {
        var proto = com.google.crypto.tink.proto.AesSivKey.parseFrom(keyMaterial, ExtensionRegistryLite.getEmptyRegistry());
        value = proto.getKeyValue();
        version = proto.getVersion();
      } else {
        var proto = com.google.crypto.tink.proto.AesGcmKey.parseFrom(keyMaterial, ExtensionRegistryLite.getEmptyRegistry());
        value = proto.getKeyValue();
        version = proto.getVersion();
      }
      if (version != 0 || value.size() != keySize) {
        throw new GeneralSecurityException("the DEK is not an " + name() + " key (version " + version + ", "
            + value.size() + " key bytes)");
      }
      return value.toByteArray();
    } catch (InvalidProtocolBufferException e) {
      throw new GeneralSecurityException("the DEK is not an " + name() + " key proto");
    }
  }

  /** The algorithm of a parameter value; null means the default, AES256_GCM. */
  static DekAlgorithm of(String name) {
    if (name == null || name.isBlank()) {
      return AES256_GCM;
    }
    return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
  }
}
