package io.contractserde.encryption;

import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import java.security.GeneralSecurityException;
import java.util.Map;

/**
 * Runs {@code ENCRYPT_PAYLOAD} encoding rules: on WRITE the serialized body (after the 5-byte header,
 * which stays in clear) becomes {@code [0x00 | version] | ciphertext}, on READ it is decrypted before
 * decoding, byte-compatible with the incumbent. Parameters as for {@link FieldEncryptionExecutor}.
 */
public final class PayloadEncryptionExecutor implements RuleExecutor {
  public static final String TYPE = "ENCRYPT_PAYLOAD";

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

  @Override
  public Object transform(RuleContext ctx, Object message) {
    if (!(message instanceof byte[] body)) {
      throw new RuleException(TYPE + " rules apply to the serialized payload: put them in the contract's"
          + " encodingRules, not its domainRules");
    }
    ValueCipher cipher = executors.cipher(ctx);
    try {
      return cipher.apply(body);
    } catch (GeneralSecurityException e) {
      throw new RuleException("payload (KEK '" + cipher.kekName() + "'): "
          + (cipher.writing() ? "encryption" : "decryption") + " failed: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    executors.close();
  }

  @Override
  public String toString() {
    return "PayloadEncryptionExecutor";
  }
}
