package io.contractserde.rule;

import io.contractserde.config.ContractSerdeConfig;
import io.contractserde.contract.ExecutionEnvironment;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RulePhase;
import io.contractserde.contract.RuleSet;
import io.contractserde.format.ContractSchema;
import io.contractserde.metrics.SerdeMetrics;
import io.contractserde.rule.field.FieldRuleExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Runs a contract's rules with the incumbent's semantics.
 *
 * <p>{@link #prepare} picks the rules of a phase that run in a mode (WRITEREAD rules in WRITE and
 * READ, UPDOWN rules in UPGRADE and DOWNGRADE; READ and DOWNGRADE in reverse order), drops the
 * disabled ones (configuration overrides, {@code enableAt}, the rule's flag) and resolves executor
 * and actions. {@link #execute} then runs them on a record:
 *
 * <ul>
 *   <li>on read (READ, UPGRADE, DOWNGRADE), a rule named in the record's {@code __rule.name} header
 *       is skipped: a DLQ is re-read without the rule that sent the record there. Never on write:
 *       Kafka Streams forwards input headers, so a replayed record must not switch a rule off;
 *   <li>CONDITION: only a {@code false} result fails; TRANSFORM: the result replaces the message,
 *       and a null result is a failure;
 *   <li>a failure runs the onFailure action (default ERROR, which throws
 *       {@link RuleFailedException}); success runs onSuccess, if any; a comma pair of actions gives
 *       WRITE/UPGRADE the first and READ/DOWNGRADE the second; action names are trimmed and
 *       case-insensitive;
 *   <li>a rule whose type has no executor fails closed through its onFailure action.
 * </ul>
 */
public final class RuleEngine implements AutoCloseable {
  /**
   * The header a DLQ record carries: the rule that sent it there, skipped when it is re-read (on
   * read only; write rules always run).
   */
  public static final String RULE_NAME_HEADER = "__rule.name";

  private static final RuleAction ERROR = new ErrorAction();
  private static final RuleAction NONE = new NoneAction();

  private final RulePlugins<RuleExecutor> executors;
  private final RulePlugins<RuleAction> actions;
  private final RuleOverrides overrides;
  private volatile SerdeMetrics metrics = SerdeMetrics.disabled();

  /** Loads the executors and actions the configuration names or the class path offers. */
  public RuleEngine(ContractSerdeConfig config) {
    this.executors = RulePlugins.executors(config);
    this.actions = RulePlugins.actions(config);
    this.overrides = new RuleOverrides(config);
  }

  /**
   * The rules of {@code owner}'s rule set for {@code phase} that run when {@code mode} executes.
   * {@code owner} is the target contract for WRITE, READ and UPGRADE, the source for DOWNGRADE.
   *
   * @throws SerializationException when a rule names an action that does not exist
   */
  public PreparedRules prepare(String subject, ContractSchema owner, RulePhase phase, RuleMode mode) {
    RuleSet ruleSet = owner.contract().rules();
    List<Rule> list = new ArrayList<>(ruleSet.rules(phase));
    if (mode == RuleMode.READ || mode == RuleMode.DOWNGRADE) {
      Collections.reverse(list);
    }
    ExecutionEnvironment enableAt = ruleSet.enableAt();
    List<PreparedRules.Prepared> prepared = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Rule rule = list.get(i);
      if (!rule.mode().appliesTo(mode) || overrides.disabled(rule, enableAt)) {
        continue;
      }
      RuleExecutor executor = executors.find(rule.type(), subject, rule.name());
      prepared.add(new PreparedRules.Prepared(rule, i, executor,
          action(rule, overrides.onSuccess(rule), mode, subject, null),
          counted(subject, rule, action(rule, overrides.onFailure(rule), mode, subject, ERROR))));
    }
    return prepared.isEmpty()
        ? PreparedRules.NONE
        : new PreparedRules(mode, phase == RulePhase.MIGRATION, List.copyOf(prepared), List.copyOf(list));
  }

  /** Where rule failures, rejections and DLQ sends are counted from now on. */
  public void metrics(SerdeMetrics metrics) {
    this.metrics = metrics;
  }

  /** {@code onFailure}, counting each failure of {@code rule} and what the action made of the record. */
  private RuleAction counted(String subject, Rule rule, RuleAction onFailure) {
    boolean dlq = "DLQ".equals(onFailure.type());
    return new RuleAction() {
      @Override
      public String type() {
        return onFailure.type();
      }

      @Override
      public void run(RuleContext ctx, Object message, RuleException failure) {
        SerdeMetrics m = metrics;
        m.recordRuleFailure(subject, rule.name());
        try {
          onFailure.run(ctx, message, failure);
        } catch (RuleFailedException e) {
          if (dlq) {
            m.recordDeadLettered();
          } else {
            m.recordRejectedByRule();
          }
          throw e;
        } catch (SerializationException e) {
          m.recordRejectedByRule();
          throw e;
        }
      }

      @Override
      public String toString() {
        return onFailure.toString();
      }
    };
  }

  private RuleAction action(Rule rule, String spec, RuleMode executing, String subject, RuleAction fallback) {
    if (spec == null) {
      return fallback;
    }
    String name = spec;
    if (rule.mode().isBidirectional() && spec.indexOf(',') >= 0) {
      String[] parts = spec.split(",", -1);
      name = executing == RuleMode.WRITE || executing == RuleMode.UPGRADE ? parts[0] : parts[parts.length > 1 ? 1 : 0];
    }
    name = name.trim().toUpperCase(Locale.ROOT);
    if (name.isEmpty()) {
      return fallback;
    }
    if (name.equals(ErrorAction.TYPE)) {
      return ERROR;
    }
    if (name.equals(NoneAction.TYPE)) {
      return NONE;
    }
    RuleAction action = actions.find(name, subject, rule.name());
    if (action == null) {
      throw new SerializationException("Rule '" + rule.name() + "' of subject '" + subject + "' names the action '"
          + spec.trim() + "', which is not available; available: ERROR, NONE"
          + (actions.types().isEmpty() ? "" : ", " + String.join(", ", actions.types())));
    }
    return action;
  }

  /**
   * Runs prepared rules on {@code message} and returns the resulting message.
   *
   * @throws SerializationException from a failing action (ERROR, DLQ)
   */
  public Object execute(PreparedRules rules, RecordContext record, Object message, ContractSchema source,
      ContractSchema target) {
    return execute(rules, record, message, source, target, null);
  }

  /**
   * {@link #execute} on a message the serde made for this record and holds alone (a record just
   * decoded), which a TRANSFORM may change in place ({@link RuleContext#mayChangeInPlace}).
   */
  public Object executeOnOwn(PreparedRules rules, RecordContext record, Object message, ContractSchema schema) {
    return execute(rules, record, message, schema, schema, message);
  }

  private Object execute(PreparedRules rules, RecordContext record, Object message, ContractSchema source,
      ContractSchema target, Object owned) {
    if (rules.isEmpty()) {
      return message;
    }
    byte[] dlqRule = rules.mode == RuleMode.WRITE ? null : dlqRuleName(record.headers());
    List<PreparedRules.Prepared> prepared = rules.rules;
    for (int i = 0; i < prepared.size(); i++) { // no iterator per record
      PreparedRules.Prepared p = prepared.get(i);
      if (dlqRule != null && Arrays.equals(dlqRule, p.nameBytes())) {
        continue;
      }
      // The message stays the serde's own only while field rules alone have seen it: an action or
      // another executor may keep it, so after one the rules copy what they change.
      Object mine = owned;
      owned = null;
      RuleContext ctx = new RuleContext(p.rule(), rules.mode, source, target, record, rules.modelMessages,
          rules.phaseRules, p.index(), mine);
      if (p.executor() == null) {
        p.onFailure().run(ctx, message, new RuleException("Could not find rule executor of type "
            + p.rule().type() + "; add the executor's jar or configure " + ContractSerdeConfig.RULE_EXECUTORS));
        continue;
      }
      Object result;
      try {
        result = p.executor().transform(ctx, message);
      } catch (RuleException e) {
        p.onFailure().run(ctx, message, e);
        continue;
      } catch (SerializationException e) {
        throw e;
      } catch (RuntimeException | StackOverflowError e) {
        p.onFailure().run(ctx, message, new RuleException(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        continue;
      }
      if (p.rule().kind() == RuleKind.CONDITION) {
        if (Boolean.FALSE.equals(result)) {
          p.onFailure().run(ctx, message, new RuleConditionException(p.rule()));
          continue;
        }
      } else if (result == null) {
        p.onFailure().run(ctx, message, new RuleException("The transform returned nothing"));
        continue;
      } else {
        message = result;
      }
      if (p.onSuccess() != null) {
        p.onSuccess().run(ctx, message, null);
      } else if (mine != null && p.executor() instanceof FieldRuleExecutor) {
        owned = message;
      }
    }
    return message;
  }

  private static byte[] dlqRuleName(Headers headers) {
    if (headers == null) {
      return null;
    }
    Header header = headers.lastHeader(RULE_NAME_HEADER);
    return header == null ? null : header.value();
  }

  @Override
  public void close() {
    executors.close();
    actions.close();
  }
}
