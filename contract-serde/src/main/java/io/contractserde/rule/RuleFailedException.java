package io.contractserde.rule;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record failed a rule whose action fails the record (ERROR, DLQ). The message names the topic,
 * subject, version, schema id and the rule (name, type, kind, mode, expression), then the cause.
 */
public class RuleFailedException extends SerializationException {
  private final String ruleName;

  public RuleFailedException(RuleContext ctx, RuleException cause) {
    super("Rule failed: " + ctx.describe() + (cause == null ? "" : ": " + cause.getMessage()), cause);
    this.ruleName = ctx.rule().name();
  }

  /** The name of the rule that failed. */
  public String ruleName() {
    return ruleName;
  }
}
