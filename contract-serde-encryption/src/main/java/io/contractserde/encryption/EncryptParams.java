package io.contractserde.encryption;

import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The parameters of one ENCRYPT or ENCRYPT_PAYLOAD rule, read once per rule: each from the rule's
 * {@code params}, else the contract's metadata properties, as the incumbent reads them.
 */
record EncryptParams(String kekName, String kmsType, String kmsKeyId, DekAlgorithm algorithm, int expiryDays,
    List<String> alternateKmsKeyIds) {

  static final String KEK_NAME = "encrypt.kek.name";
  static final String KMS_TYPE = "encrypt.kms.type";
  static final String KMS_KEY_ID = "encrypt.kms.key.id";
  static final String DEK_ALGORITHM = "encrypt.dek.algorithm";
  static final String DEK_EXPIRY_DAYS = "encrypt.dek.expiry.days";
  static final String ALTERNATE_KMS_KEY_IDS = "encrypt.alternate.kms.key.ids";
  static final String PRESERVE_SOURCE_FIELDS = "preserve.source.fields";

  /** The rule parameters, for validation and the README. */
  static final ConfigDef CONFIG = new ConfigDef()
      .define(KEK_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new KekName(), Importance.HIGH,
          "The KEK in the DEK registry that wraps this rule's DEKs (required). A letter or _, then letters,"
              + " digits, _ or -.")
      .define(KMS_TYPE, Type.STRING, null, Importance.HIGH,
          "The KMS of the KEK (local-kms, hcvault, or a plugged-in driver's type): needed to create the KEK on"
              + " first write; when set it must match the stored KEK.")
      .define(KMS_KEY_ID, Type.STRING, null, Importance.HIGH,
          "The key in the KMS (a Vault key URL; any text for local-kms): needed to create the KEK on first"
              + " write; when set it must match the stored KEK.")
      .define(DEK_ALGORITHM, Type.STRING, "AES256_GCM",
          ConfigDef.ValidString.in("AES128_GCM", "AES256_GCM", "AES256_SIV"), Importance.MEDIUM,
          "AES256_GCM (randomized), AES128_GCM, or AES256_SIV (deterministic: equal values give equal"
              + " ciphertext).")
      .define(DEK_EXPIRY_DAYS, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
          "Above 0, a new DEK version is created once the latest is this many days old, and every ciphertext"
              + " starts with 0x00 and the 4-byte DEK version.")
      .define(ALTERNATE_KMS_KEY_IDS, Type.LIST, "", Importance.LOW,
          "KMS key ids tried, in order, after the KEK's own when wrapping or unwrapping fails.")
      .define(PRESERVE_SOURCE_FIELDS, Type.BOOLEAN, true, Importance.LOW,
          "Accepted for compatibility: the caller's record is never modified, whatever the value.");

  /**
   * The parameters of the rule in {@code ctx}.
   *
   * @throws RuleException naming the rule's bad or missing parameter
   */
  static EncryptParams of(RuleContext ctx) {
    Map<String, Object> values = new HashMap<>();
    for (String name : CONFIG.names()) {
      String value = ctx.parameter(name);
      if (value != null) {
        values.put(name, value.trim());
      }
    }
    AbstractConfig config;
    try {
      config = new AbstractConfig(CONFIG, values, false);
    } catch (ConfigException e) {
      throw new RuleException("bad " + ctx.rule().type() + " parameter: " + e.getMessage()
          + " (set it in the rule's params or the contract's metadata properties)");
    }
    return new EncryptParams(config.getString(KEK_NAME), config.getString(KMS_TYPE), config.getString(KMS_KEY_ID),
        DekAlgorithm.of(config.getString(DEK_ALGORITHM)), config.getInt(DEK_EXPIRY_DAYS),
        config.getList(ALTERNATE_KMS_KEY_IDS));
  }

  /** The incumbent's Java check of KEK names. */
  private static final class KekName implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String s = value == null ? "" : value.toString();
      boolean ok = !s.isEmpty() && (Character.isLetter(s.charAt(0)) || s.charAt(0) == '_');
      for (int i = 1; ok && i < s.length(); i++) {
        char c = s.charAt(i);
        ok = Character.isLetterOrDigit(c) || c == '_' || c == '-';
      }
      if (!ok) {
        throw new ConfigException(name, value, "a KEK name starts with a letter or _ and holds letters, digits, _"
            + " or -");
      }
    }

    @Override
    public String toString() {
      return "[A-Za-z_][A-Za-z0-9_-]*";
    }
  }
}
