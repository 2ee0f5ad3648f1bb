package io.contractserde.contract;

/** Which list of a {@link RuleSet} a rule comes from. */
public enum RulePhase {
  MIGRATION,
  DOMAIN,
  ENCODING
}
