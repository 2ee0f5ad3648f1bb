package io.contractserde.rule.field;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The base of field-level executors ({@code CEL_FIELD}, field encryption): applies
 * {@link #newTransform}'s transform to every leaf field of the record whose tags meet the rule's
 * tags, or to every leaf field when the rule has no tags.
 *
 * <ul>
 *   <li>TRANSFORM: returns a copy of the record with the changed fields (the record itself when
 *       nothing changed, or when the serde owns it, {@link RuleContext#mayChangeInPlace}: then its
 *       fields are set once all have their new values); a result that does not fit its field fails
 *       the rule, naming the field.
 *   <li>CONDITION: fails naming the first field whose result is {@code false}.
 *   <li>Same-tag de-duplication, as the incumbent: a TRANSFORM is skipped when another TRANSFORM of
 *       the same type, mode and non-empty tags comes before it in registration order, so the first
 *       registered one applies.
 *   <li>Field-level rules are domain rules: as a migration rule they fail with a clear message.
 * </ul>
 */
public abstract class FieldRuleExecutor implements RuleExecutor {
  /** How many walks are kept (a power of two). */
  private static final int SLOTS = 8;

  /**
   * The walks of the rules and shapes walked last, each in the slot of their tags' and shape's
   * identity hashes, with its selection: a serde walks the records of one or a few contracts, so a
   * record makes no walk and works out no selection.
   */
  private final AtomicReferenceArray<FieldWalk> walks = new AtomicReferenceArray<>(SLOTS);
  /**
   * The selections worked out lately: two pairs of tags and shape may share a slot (or more than
   * eight take turns, a consumer of many topics), and a record must then find its selection, not
   * work it out again. Bounded, and the shapes of contracts no longer read are let go.
   */
  private final Cache<SelectionKey, FieldSelection> allSelections = Caffeine.newBuilder().maximumSize(256)
      .expireAfterAccess(Duration.ofMinutes(10)).build();

  /**
   * The transform to apply to the selected fields of one record ({@code ctx} describes the rule
   * and the record). Called once per record.
   */
  protected abstract FieldTransform newTransform(RuleContext ctx);

  @Override
  public final Object transform(RuleContext ctx, Object message) {
    boolean condition = ctx.rule().kind() == RuleKind.CONDITION;
    if (ctx.modelMessages()) {
      throw new RuleException(type() + " rules apply to fields of domain records: use them as WRITE, READ or"
          + " WRITEREAD domain rules, not as migration rules");
    }
    if (shadowedBySameTags(ctx)) {
      return condition ? Boolean.TRUE : message;
    }
    FieldShape shape = ctx.target().fieldShape();
    if (shape == null) {
      throw new RuleException("The " + ctx.target().contract().schemaType() + " format does not support"
          + " field-level rules");
    }
    if (!(shape instanceof RecordShape record)) {
      return condition ? Boolean.TRUE : message;
    }
    Object result = walk(ctx.rule(), record, newTransform(ctx), condition)
        .record(record, message, !condition && ctx.mayChangeInPlace(message));
    return condition ? Boolean.TRUE : result;
  }

  /**
   * The walk of {@code rule} over records of {@code shape} with {@code transform}. The walk kept in
   * the slot of the rule's tags and the shape, when it is of this rule and shape, is returned as it
   * is for the same transform object (made once per rule, as encryption's) and lends its selection
   * otherwise: the executor then makes a transform per record (CEL_FIELD binds the record to it),
   * and the kept walk stays, so the shared slot is not written per record. Else a new walk is kept.
   */
  FieldWalk walk(Rule rule, RecordShape shape, FieldTransform transform, boolean condition) {
    int slot = (31 * System.identityHashCode(rule.tags()) + System.identityHashCode(shape)) & (SLOTS - 1);
    FieldWalk kept = walks.get(slot);
    if (kept != null && kept.isOf(rule, shape)) {
      return kept.isFor(transform, condition) ? kept : kept.with(transform, condition);
    }
    FieldWalk walk = new FieldWalk(rule, selection(rule.tags(), shape), transform, condition);
    walks.set(slot, walk);
    return walk;
  }

  /** The selection of {@code tags} over {@code shape}: the one worked out before, or a new one. */
  FieldSelection selection(Set<String> tags, RecordShape shape) {
    return allSelections.get(new SelectionKey(tags, shape), k -> FieldSelection.of(tags, shape));
  }

  /** A rule's tags and a record shape, by identity, as {@link FieldSelection#isFor} compares them. */
  private record SelectionKey(Set<String> tags, RecordShape shape) {
    @Override
    public boolean equals(Object o) {
      return o instanceof SelectionKey k && k.tags == tags && k.shape == shape;
    }

    @Override
    public int hashCode() {
      return 31 * System.identityHashCode(tags) + System.identityHashCode(shape);
    }
  }

  /**
   * True when a TRANSFORM with the same type, mode and non-empty tags comes first in registration
   * order: earlier in the list for WRITE and UPGRADE, later for READ and DOWNGRADE (reversed lists).
   */
  static boolean shadowedBySameTags(RuleContext ctx) {
    Rule rule = ctx.rule();
    List<Rule> rules = ctx.rules();
    boolean forward = ctx.mode() == RuleMode.WRITE || ctx.mode() == RuleMode.UPGRADE;
    int from = forward ? 0 : ctx.index() + 1;
    int to = forward ? ctx.index() : rules.size();
    // No rule comes first (the common case of one field rule): the tags are not looked at.
    if (from >= to || rule.kind() != RuleKind.TRANSFORM || rule.tags().isEmpty()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      Rule other = rules.get(i);
      if (other.kind() == RuleKind.TRANSFORM && other.mode() == rule.mode() && other.type().equals(rule.type())
          && other.tags().equals(rule.tags())) {
        return true;
      }
    }
    return false;
  }
}
