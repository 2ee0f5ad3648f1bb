/**
 * Key management: the {@link io.contractserde.encryption.kms.KmsDriver} SPI that wraps and unwraps
 * DEKs with a KEK held in a KMS, found through {@link java.util.ServiceLoader} by the KEK's
 * {@code kmsType}, and the two drivers this module ships: {@code local-kms} (a key derived from a
 * secret, for tests and demos) and {@code hcvault} (HashiCorp Vault's transit engine over HTTP).
 *
 * <p>For whom: the encryption executors, and authors of a driver for another KMS (AWS, GCP, Azure):
 * implement {@code KmsDriver} and list it in {@code META-INF/services/io.contractserde.encryption.kms.KmsDriver}.
 */
package io.contractserde.encryption.kms;
