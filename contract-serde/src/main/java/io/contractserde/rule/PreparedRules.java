package io.contractserde.rule;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.rule.field.FieldRuleExecutor;
import io.contractserde.rule.jsonata.JsonataExecutor;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The rules of one contract that run in one mode, with executor and actions resolved and
 * disabled rules left out. Made once per contract and mode by {@link RuleEngine#prepare}; immutable.
 */
public final class PreparedRules {
  /** No rules. */
  public static final PreparedRules NONE = new PreparedRules(RuleMode.WRITE, false, List.of(), List.of());

  final RuleMode mode;
  final boolean modelMessages;
  final List<Prepared> rules;
  /** Every rule of the phase in execution order, disabled ones too: what {@link RuleContext#rules()} shows. */
  final List<Rule> phaseRules;
  /** {@code rules.isEmpty()}, asked once per record on every path: a field, not a call through List. */
  private final boolean empty;

  PreparedRules(RuleMode mode, boolean modelMessages, List<Prepared> rules, List<Rule> phaseRules) {
    this.mode = mode;
    this.modelMessages = modelMessages;
    this.rules = rules;
    this.phaseRules = phaseRules;
    this.empty = rules.isEmpty();
  }

  /** True when nothing runs. */
  public boolean isEmpty() {
    return empty;
  }

  /** The rules that run, in order. */
  public List<Rule> rules() {
    return rules.stream().map(Prepared::rule).toList();
  }

  /**
   * True when only field-level rules ({@link FieldRuleExecutor}s) can change a record: every
   * TRANSFORM that has an executor has a field-level one. Such a rule changes leaves only, each
   * converted to its field's shape, and rebuilds the records above them in the format's own form.
   */
  public boolean onlyFieldTransforms() {
    return rules.stream().allMatch(p -> p.rule().kind() != RuleKind.TRANSFORM || p.executor() == null
        || p.executor() instanceof FieldRuleExecutor);
  }

  /** True when every rule has an executor of its type. */
  public boolean allExecutable() {
    return rules.stream().allMatch(p -> p.executor() != null);
  }

  /**
   * True when every rule runs as compiled code (JSONata inside the compiled subset), not in an
   * interpreter: for the migration metrics.
   */
  public boolean allCompiled() {
    return rules.stream().allMatch(p -> p.executor() instanceof JsonataExecutor jsonata
        && jsonata.runsCompiled(p.rule().expr(), modelMessages));
  }

  /** The names of the rules that run, in order. */
  public List<String> ruleNames() {
    return rules.stream().map(p -> p.rule().name()).toList();
  }

  /**
   * One rule with what runs it and its position in the phase's list. {@code executor} is null when
   * no executor of the type exists.
   */
  record Prepared(Rule rule, int index, RuleExecutor executor, RuleAction onSuccess, RuleAction onFailure,
      byte[] nameBytes) {
    Prepared(Rule rule, int index, RuleExecutor executor, RuleAction onSuccess, RuleAction onFailure) {
      this(rule, index, executor, onSuccess, onFailure, rule.name().getBytes(StandardCharsets.UTF_8));
    }
  }
}
