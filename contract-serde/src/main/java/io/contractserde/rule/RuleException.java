package io.contractserde.rule;

/** A rule could not run or did not hold. Handed to the rule's onFailure action. */
public class RuleException extends RuntimeException {
  public RuleException(String message) {
    super(message);
  }

  public RuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
