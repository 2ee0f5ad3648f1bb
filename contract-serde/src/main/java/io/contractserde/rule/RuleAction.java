package io.contractserde.rule;

import java.util.Map;

/**
 * What happens after a rule succeeds or fails: named by a rule's {@code onSuccess} / {@code onFailure}.
 * ERROR and NONE are built in; others (DLQ) are found like executors. Thread-safe.
 */
public interface RuleAction extends AutoCloseable {

  /** The action name rules use, upper case. */
  String type();

  /** Receives the action's parameters (see {@code rule.actions.<name>.param.*}). */
  default void configure(Map<String, ?> params) {}

  /**
   * Runs the action. {@code failure} is null after a success, or after a TRANSFORM that returned
   * nothing. Throwing a {@link org.apache.kafka.common.errors.SerializationException} fails the record.
   */
  void run(RuleContext ctx, Object message, RuleException failure);

  @Override
  default void close() {}
}
