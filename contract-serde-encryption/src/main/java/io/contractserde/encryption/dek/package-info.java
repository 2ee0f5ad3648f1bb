/**
 * The DEK registry: KEKs (pointers to a KMS key) and DEKs (data keys wrapped by a KEK, per subject,
 * algorithm and version), behind one interface, {@link io.contractserde.encryption.dek.DekRegistry},
 * chosen by URL scheme as {@code ContractRegistries} chooses the contract registry:
 * {@code http(s)://} speaks the incumbent's {@code /dek-registry/v1/...} REST API, {@code mock://<scope>}
 * keeps keys in memory per scope, {@code file://} keeps them in a writable key folder (see
 * {@link io.contractserde.encryption.dek.FileDekRegistry} for its layout).
 *
 * <p>For whom: the encryption executors; applications only to seed or inspect keys in tests
 * ({@link io.contractserde.encryption.dek.MockDekRegistry}).
 */
package io.contractserde.encryption.dek;
