package io.contractserde.migration;

import io.contractserde.contract.RuleMode;
import io.contractserde.format.ContractSchema;
import io.contractserde.rule.PreparedRules;

/**
 * One hop between adjacent versions: UPGRADE from {@code source} (lower) to {@code target}, or
 * DOWNGRADE from {@code source} (higher) to {@code target}. The higher version owns the rules of
 * the hop in both directions. A hop without rules is bridged by the format's schema resolution
 * ({@link ContractSchema#resolverTo}): for Avro, what {@code GenericDatumReader(source, target)}
 * gives.
 */
public record MigrationStep(RuleMode mode, ContractSchema source, ContractSchema target, PreparedRules rules) {

  /** True when the hop has no rules and is bridged by schema resolution. */
  public boolean isBridge() {
    return rules.isEmpty();
  }
}
