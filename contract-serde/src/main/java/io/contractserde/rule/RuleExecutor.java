package io.contractserde.rule;

import io.contractserde.contract.Rule;
import java.util.Map;
import java.util.Optional;

/**
 * Runs rules of one type ({@code JSONATA}, {@code CEL}, ...). Found through {@link java.util.ServiceLoader}
 * or named in {@code rule.executors}. One instance serves every thread of a serde: implementations
 * must be thread-safe.
 */
public interface RuleExecutor extends AutoCloseable {

  /** The rule type this executor runs, upper case. */
  String type();

  /**
   * Receives the serde's registry settings ({@code schema.registry.url} and the other
   * {@code schema.registry.*}, {@code basic.auth.*} and {@code bearer.auth.*} properties), before
   * {@link #configure}: for executors that reach the same registry, as field encryption reaches its
   * DEK registry.
   */
  default void configureRegistry(Map<String, ?> registrySettings) {}

  /** Receives the executor's parameters (see {@code rule.executors.<name>.param.*}). */
  default void configure(Map<String, ?> params) {}

  /**
   * Runs {@code ctx.rule()} on {@code message}. For a CONDITION the result is a boolean (only
   * {@code false} fails); for a TRANSFORM it is the new message.
   *
   * @throws RuleException when the rule cannot be evaluated
   */
  Object transform(RuleContext ctx, Object message);

  /**
   * Checks {@code rule} without running it, as a tool does before the contract reaches a serde:
   * the problem with its expression or parameters (an expression that does not compile), or empty
   * when there is none or the executor cannot tell. Runs at plan time, never per record. The
   * default finds no problem.
   */
  default Optional<String> check(Rule rule) {
    return Optional.empty();
  }

  @Override
  default void close() {}
}
