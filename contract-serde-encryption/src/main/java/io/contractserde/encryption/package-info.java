/**
 * Field-level encryption, byte-compatible with the incumbent's CSFLE: the {@code ENCRYPT} rule
 * ({@link io.contractserde.encryption.FieldEncryptionExecutor}, a field-level domain rule on the
 * fields whose tags it names) and the {@code ENCRYPT_PAYLOAD} rule
 * ({@link io.contractserde.encryption.PayloadEncryptionExecutor}, an encoding rule on the serialized
 * body). Put the jar on the class path and both register through {@link java.util.ServiceLoader}.
 *
 * <p>Keys: a KEK in a KMS ({@code kms}) wraps one DEK per subject, algorithm and version, kept in a
 * DEK registry ({@code dek}) and cached here with its decrypted primitive. Primitives are Google
 * Tink's; nothing here is hand-written crypto. For whom: applications add the jar and write rules;
 * everything but the two executors is internal to this package.
 */
package io.contractserde.encryption;
