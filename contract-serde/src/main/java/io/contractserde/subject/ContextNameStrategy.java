package io.contractserde.subject;

/**
 * Chooses the schema registry context of a topic's subjects ({@code context.name.strategy}): a
 * context {@code c} turns subject {@code s} into {@code :.c:s}. Implementations need a public
 * no-argument constructor and must be thread-safe.
 */
@FunctionalInterface
public interface ContextNameStrategy {

  /** The context of {@code topic}'s subjects, or null for the default context. */
  String contextName(String topic);
}
