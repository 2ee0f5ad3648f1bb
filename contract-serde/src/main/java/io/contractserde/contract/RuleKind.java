package io.contractserde.contract;

/** What a rule does with a record: rewrite it, or check it. */
public enum RuleKind {
  /** The rule's result replaces the record. */
  TRANSFORM,
  /** The rule's result is a boolean; only {@code false} fails the record. */
  CONDITION
}
