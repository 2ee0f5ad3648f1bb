package io.contractserde.rule;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ExecutionEnvironment;
import io.contractserde.contract.Rule;
import java.util.Locale;
import java.util.Map;

/**
 * Per-rule overrides from configuration: {@code rule.executors.<ruleName>.<setting>}, else
 * {@code rule.executors._<TYPE>_.<setting>}, else {@code rule.executors._default_.<setting>}, else
 * the rule's own field; and {@code enableAt} against {@code execution.environment}.
 */
final class RuleOverrides {
  private static final String PREFIX = ContractSerdeConfig.RULE_EXECUTORS + ".";

  private final Map<String, Object> originals;
  private final ExecutionEnvironment environment;

  RuleOverrides(ContractSerdeConfig config) {
    this.originals = config.originals();
    this.environment = ExecutionEnvironment.valueOf(
        config.getString(ContractSerdeConfig.EXECUTION_ENVIRONMENT).toUpperCase(Locale.ROOT));
  }

  boolean disabled(Rule rule, ExecutionEnvironment enableAt) {
    String configured = setting(rule, "disabled");
    if (configured != null) {
      return Boolean.parseBoolean(configured.trim());
    }
    if (enableAt == ExecutionEnvironment.NONE) {
      return true;
    }
    if (enableAt != null && enableAt != ExecutionEnvironment.ALL && enableAt != environment) {
      return true;
    }
    return rule.disabled();
  }

  String onSuccess(Rule rule) {
    String configured = setting(rule, "onSuccess");
    return configured != null ? configured : rule.onSuccess();
  }

  String onFailure(Rule rule) {
    String configured = setting(rule, "onFailure");
    return configured != null ? configured : rule.onFailure();
  }

  private String setting(Rule rule, String name) {
    for (String scope : new String[] {rule.name(), "_" + rule.type().toUpperCase(Locale.ROOT) + "_", "_default_"}) {
      Object value = originals.get(PREFIX + scope + "." + name);
      if (value != null) {
        return String.valueOf(value);
      }
    }
    return null;
  }
}
