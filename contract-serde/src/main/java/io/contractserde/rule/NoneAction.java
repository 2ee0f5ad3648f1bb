package io.contractserde.rule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The NONE action: nothing happens; a failure is logged at debug level and the record goes on. */
public final class NoneAction implements RuleAction {
  public static final String TYPE = "NONE";
  private static final Logger log = LoggerFactory.getLogger(NoneAction.class);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void run(RuleContext ctx, Object message, RuleException failure) {
    if (failure != null && log.isDebugEnabled()) {
      log.debug("Ignoring failure of {}: {}", ctx.describe(), failure.getMessage());
    }
  }
}
