/**
 * Rule execution: the {@link io.contractserde.rule.RuleExecutor} and {@link io.contractserde.rule.RuleAction}
 * SPIs, the built-in ERROR and NONE actions, and the {@link io.contractserde.rule.RuleEngine} that
 * resolves executors, actions, per-rule overrides and {@code enableAt} once per contract and mode,
 * then runs the prepared rules on each record with the incumbent's semantics. Subpackages hold the
 * JSONata executor, the DLQ action, the base of field-level executors ({@code rule.field}) and the
 * regular expressions bounded in time that executors match with ({@code rule.regex}).
 */
package io.contractserde.rule;
