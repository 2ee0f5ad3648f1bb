package io.contractserde.encryption;

import io.contractserde.format.shape.FieldType;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.field.FieldTransform;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
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

  @Override
  protected FieldTransform newTransform(RuleContext ctx) {
    ValueCipher cipher = executors.cipher(ctx);
    boolean write = cipher.writing();
    return (field, value) -> {
      if (value == null) {
        // A null of a nullable union stays null, as the incumbent leaves it: nothing to encrypt.
        return null;
      }
      if (field.type() != FieldType.STRING && field.type() != FieldType.BYTES) {
        throw new RuleException("field " + field.fullName() + ": type " + field.type()
            + " is not supported for encryption (only string and bytes fields are)");
      }
      try {
        if (field.type() == FieldType.BYTES) {
          return cipher.apply((byte[]) value);
        }
        String text = (String) value;
        if (write) {
          return Base64.getEncoder().encodeToString(cipher.apply(text.getBytes(StandardCharsets.UTF_8)));
        }
        byte[] data;
        try {
          data = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
          throw new GeneralSecurityException("the value is not Base64 ciphertext");
        }
        return new String(cipher.apply(data), StandardCharsets.UTF_8);
      } catch (GeneralSecurityException e) {
        throw new RuleException("field " + field.fullName() + " (KEK '" + cipher.kekName() + "'): "
            + (write ? "encryption" : "decryption") + " failed: " + e.getMessage());
      } catch (RuleException e) {
        // A key that cannot be had: the KEK is named by the key ring, the field here.
        throw new RuleException("field " + field.fullName() + ": " + e.getMessage(), e);
      }
    };
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
