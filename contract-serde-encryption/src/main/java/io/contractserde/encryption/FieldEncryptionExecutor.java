package io.contractserde.encryption;

import io.contractserde.rule.RuleContext;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import java.util.Map;

/**
 * Runs {@code ENCRYPT} rules, byte-compatible with the incumbent: on WRITE every field whose tags meet
 * the rule's tags is encrypted with its subject's DEK (a string becomes the standard Base64 text of
 * its ciphertext, bytes stay bytes), on READ decrypted. Null values stay null; a tagged field of
 * another type fails the rule. The caller's record is never modified.
 *
 * <p>Rule parameters ({@code params}, else the contract's metadata): {@code encrypt.kek.name},
 * {@code encrypt.kms.type}, {@code encrypt.kms.key.id}, {@code encrypt.dek.algorithm},
 * {@code encrypt.dek.expiry.days}, {@code encrypt.alternate.kms.key.ids}. Executor parameters
 * ({@code rule.executors._default_.param.*}): {@code secret} for {@code local-kms}, KMS credentials,
 * {@code cache.size}, {@code cache.expiry.secs}, {@code dek.registry.url}. A KMS or DEK registry that
 * cannot be reached, or a missing key, fails the rule, so its {@code onFailure} applies: with
 * {@code ERROR,NONE} a reader without the key gets the ciphertext.
 */
public final class FieldEncryptionExecutor extends FieldRuleExecutor {
  public static final String TYPE = "ENCRYPT";

  private final ExecutorState executors = new ExecutorState();

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void configureRegistry(Map<String, ?> registrySettings) {
    executors.configureRegistry(registrySettings);
  }

  @Override
  public void configure(Map<String, ?> params) {
    executors.configure(params);
  }

  /** The rule's cipher for the record's subject, made once and shared (see {@link ValueCipher#fields}). */
  @Override
  protected FieldTransform newTransform(RuleContext ctx) {
    return executors.cipher(ctx).fields();
  }

  @Override
  public void close() {
    executors.close();
  }

  @Override
  public String toString() {
    return "FieldEncryptionExecutor";
  }
}
