package io.contractserde.rule;

import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleMode;
import io.contractserde.format.ContractSchema;
import java.util.List;
import org.apache.kafka.common.header.Headers;

/**
 * What a rule executor or action knows about the record it works on: the rule, the mode being
 * executed, the source and target contracts, and the {@link RecordContext} (topic, subject, key or
 * value, headers, original value).
 *
 * <p>Messages of domain rules are native values (a GenericRecord, a JsonNode); messages of
 * migration rules are already in the data model. {@link #toModel} and {@link #fromModel} convert
 * as needed, so an executor works the same in both phases.
 */
public final class RuleContext {
  private final Rule rule;
  private final RuleMode mode;
  private final ContractSchema source;
  private final ContractSchema target;
  private final RecordContext record;
  private final boolean modelMessages;
  private final List<Rule> rules;
  private final int index;
  /** The message the serde made for this record and holds alone, or null. */
  private final Object owned;

  RuleContext(Rule rule, RuleMode mode, ContractSchema source, ContractSchema target, RecordContext record,
      boolean modelMessages, List<Rule> rules, int index, Object owned) {
    this.rule = rule;
    this.mode = mode;
    this.source = source;
    this.target = target;
    this.record = record;
    this.modelMessages = modelMessages;
    this.rules = rules;
    this.index = index;
    this.owned = owned;
  }

  /** The rule being run. */
  public Rule rule() {
    return rule;
  }

  /**
   * Every rule of the phase being run, in execution order (reversed for READ and DOWNGRADE),
   * including rules that do not run in this mode or are disabled.
   */
  public List<Rule> rules() {
    return rules;
  }

  /** The position of {@link #rule()} in {@link #rules()}. */
  public int index() {
    return index;
  }

  /**
   * True when {@code message} is a record the serde made for this record and nobody else holds (the
   * record just decoded on read), so a TRANSFORM may set its fields rather than copy it. It must set
   * them only once every new value is known: a rule that fails half-way leaves the record as it was.
   * Never true on write, where the message is the caller's object.
   */
  public boolean mayChangeInPlace(Object message) {
    return message != null && message == owned;
  }

  /** True when messages are in the data model (migration rules), false for native values (domain rules). */
  public boolean modelMessages() {
    return modelMessages;
  }

  /** The mode being executed: WRITE, READ, UPGRADE or DOWNGRADE. */
  public RuleMode mode() {
    return mode;
  }

  /** The contract the message comes from (the same as target for domain rules). */
  public ContractSchema source() {
    return source;
  }

  /** The contract the message goes to, whose shape a TRANSFORM must produce. */
  public ContractSchema target() {
    return target;
  }

  public String topic() {
    return record.topic();
  }

  public String subject() {
    return record.subject();
  }

  public boolean isKey() {
    return record.isKey();
  }

  /** The record's headers, or null. */
  public Headers headers() {
    return record.headers();
  }

  /** The caller's object on write; the raw record bytes on read. */
  public Object originalValue() {
    return record.originalValue();
  }

  /** A rule parameter: the rule's own {@code params}, else the target contract's metadata property. */
  public String parameter(String name) {
    String value = rule.params().get(name);
    if (value == null && target != null) {
      value = target.contract().property(name);
    }
    return value;
  }

  /** The message as the data model JSONata sees. */
  public Object toModel(Object message) {
    return modelMessages ? message : target.toModel(message);
  }

  /**
   * The message as the data model JSONata sees, read from the message only as far as it is used
   * ({@link ContractSchema#view}); for a reader that does not write to it.
   */
  public Object toModelView(Object message) {
    return modelMessages ? message : target.view(message);
  }

  /** A TRANSFORM result in the data model, as the message the next rule or the serde expects. */
  public Object fromModel(Object model) {
    return modelMessages ? model : target.fromModel(model);
  }

  /**
   * The rule and where it ran, for messages: {@code rule 'checkSsn' (JSONATA CONDITION, mode WRITE,
   * expr '...') of subject 'accounts-value' version 1 (schema id 3), topic 'accounts'}, and for a
   * migration rule {@code , migrating from version 1 (schema id 3) to version 3 (schema id 7)}.
   */
  public String describe() {
    StringBuilder sb = new StringBuilder("rule '").append(rule.name()).append("' (")
        .append(rule.type()).append(' ').append(rule.kind()).append(", mode ").append(mode);
    if (rule.expr() != null) {
      sb.append(", expr '").append(rule.expr()).append('\'');
    }
    sb.append(')');
    ContractSchema owner = mode == RuleMode.DOWNGRADE ? source : target;
    if (owner != null) {
      RegisteredSchema c = owner.contract();
      sb.append(" of subject '").append(record.subject()).append('\'');
      if (c.version() != null) {
        sb.append(" version ").append(c.version());
      }
      sb.append(" (schema id ").append(c.id()).append(')');
    }
    sb.append(", topic '").append(record.topic()).append('\'');
    if (record.migration() != null) {
      sb.append(", migrating ").append(record.migration());
    }
    return sb.toString();
  }
}
