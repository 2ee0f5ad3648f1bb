package io.contractserde.rule;

import io.contractserde.contract.Rule;

/** A CONDITION rule evaluated to {@code false}. */
public class RuleConditionException extends RuleException {
  public RuleConditionException(Rule rule) {
    super(describe(rule));
  }

  /** A field-level condition that failed on the field with the given full name. */
  public RuleConditionException(Rule rule, String field) {
    super(describe(rule) + " (field '" + field + "')");
  }

  private static String describe(Rule rule) {
    if (rule.doc() != null && !rule.doc().isEmpty()) {
      return rule.doc();
    }
    if (rule.expr() != null && !rule.expr().isEmpty()) {
      return "Expr failed: '" + rule.expr() + "'";
    }
    return "Condition failed: '" + rule.name() + "'";
  }
}
