package io.contractserde.contract;

/** Where the rules of a rule set are enabled ({@code ruleSet.enableAt}). */
public enum ExecutionEnvironment {
  ALL,
  CLIENT,
  GATEWAY,
  SERVER,
  NONE
}
