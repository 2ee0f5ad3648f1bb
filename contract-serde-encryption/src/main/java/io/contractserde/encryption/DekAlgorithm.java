package io.contractserde.encryption;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.subtle.AesSiv;
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

  /**
   * The primitive of a DEK given as its serialized key proto: Tink's own AES-GCM or AES-SIV made
   * from the key ({@code AesGcmJce.create}, {@code AesSiv.create}, the implementations a keyset
   * handle's primitive calls), not through a one-key keyset. A keyset's primitive looks up the
   * ciphertext's key prefix in its keyset on every decrypt, which a NO_PREFIX DEK, the only key of
   * its keyset, never needs (measured in {@code EncryptionBenchmark}: 96 bytes and a few percent of
   * the time of each field read). The bytes are the same.
   */
  Cryptor cryptor(byte[] keyMaterial) throws GeneralSecurityException {
    byte[] key = keyBytes(keyMaterial);
    try {
      SecretBytes secret = SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get());
      if (deterministic) {
        AesSivParameters params = AesSivParameters.builder().setKeySizeBytes(keySize)
            .setVariant(AesSivParameters.Variant.NO_PREFIX).build();
        AesSivKey k = AesSivKey.builder().setParameters(params).setKeyBytes(secret).build();
        return new Cryptor.Deterministic(AesSiv.create(k));
      }
      AesGcmKey k = AesGcmKey.builder().setParameters(gcm(keySize)).setKeyBytes(secret).build();
      return new Cryptor.Randomized(AesGcmJce.create(k));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** AES-GCM with a 12-byte IV, a 16-byte tag and no output prefix: {@code IV | ct | tag}. */
  private static AesGcmParameters gcm(int keySize) throws GeneralSecurityException {
    return AesGcmParameters.builder().setKeySizeBytes(keySize).setIvSizeBytes(12).setTagSizeBytes(16)
        .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
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
