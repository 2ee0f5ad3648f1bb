package io.contractserde.rule;

/** The ERROR action, the default onFailure: the record fails with a {@link RuleFailedException}. */
public final class ErrorAction implements RuleAction {
  public static final String TYPE = "ERROR";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(RuleContext ctx, Object message, RuleException failure) {
    throw new RuleFailedException(ctx, failure);
  }
}
