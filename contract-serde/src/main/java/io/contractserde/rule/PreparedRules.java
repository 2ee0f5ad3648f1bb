package io.contractserde.rule;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleMode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules of one contract that run in one mode, with executor and actions resolved and
 * disabled rules left out. Made once per contract and mode by {@link RuleEngine#prepare}; immutable.
 */
public final class PreparedRules {
  /** No rules. */
  public static final PreparedRules NONE = new PreparedRules(RuleMode.WRITE, false, List.of());

  final RuleMode mode;
  final boolean modelMessages;
  final List<Prepared> rules;

  PreparedRules(RuleMode mode, boolean modelMessages, List<Prepared> rules) {
    this.mode = mode;
    this.modelMessages = modelMessages;
    this.rules = rules;
  }

  /** True when nothing runs. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The rules that run, in order. */
  public List<Rule> rules() {
    return rules.stream().map(Prepared::rule).toList();
  }

  /** True when every rule has an executor of its type. */
  public boolean allExecutable() {
    return rules.stream().allMatch(p -> p.executor() != null);
  }

  /** The names of the rules that run, in order. */
  public List<String> ruleNames() {
    return rules.stream().map(p -> p.rule().name()).toList();
  }

  /** One rule with what runs it. {@code executor} is null when no executor of the type exists. */
  record Prepared(Rule rule, RuleExecutor executor, RuleAction onSuccess, RuleAction onFailure, byte[] nameBytes) {
    Prepared(Rule rule, RuleExecutor executor, RuleAction onSuccess, RuleAction onFailure) {
      this(rule, executor, onSuccess, onFailure, rule.name().getBytes(StandardCharsets.UTF_8));
    }
  }
}
