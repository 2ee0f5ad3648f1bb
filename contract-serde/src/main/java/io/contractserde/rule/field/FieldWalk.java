package io.contractserde.rule.field;

import io.contractserde.contract.Rule;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.RuleValues;
import io.contractserde.format.shape.UnionShape;
import io.contractserde.rule.RuleConditionException;
import io.contractserde.rule.RuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One walk of one rule over one record. Copy on write: a record, array or map is rebuilt only when
 * something under it changed, so an unchanged record comes back as the same object and the caller's
 * object is never modified.
 *
 * <p>Nulls are visited as the incumbent visits them: a null (or absent) value of a union with a
 * null branch (an Avro {@code ["null", ...]}, a JSON Schema type list or {@code oneOf} with
 * {@code null}), in a record field, an array element or a map value, goes to the transform as
 * {@code null} typed NULL. A transform's result in a union becomes a value of the union, whichever
 * branch fits: a string given for a null of {@code ["null","string"]} takes the string branch.
 *
 * <p>Only the fields the rule's {@link FieldSelection} visits are looked at: a record with none of
 * them comes back as it is, unread.
 */
final class FieldWalk {
  private final Rule rule;
  private final FieldSelection selection;
  private final FieldTransform transform;
  /** The transform when it takes strings as UTF-8 bytes, else null. */
  private final Utf8FieldTransform utf8;
  private final boolean condition;

  /** A walk of {@code rule} over records of {@code selection}'s shape. */
  FieldWalk(Rule rule, FieldSelection selection, FieldTransform transform, boolean condition) {
    this.rule = rule;
    this.selection = selection;
    this.transform = transform;
    this.utf8 = !condition && transform instanceof Utf8FieldTransform u ? u : null;
    this.condition = condition;
  }

  /** A walk of {@code rule} over records of {@code shape}, its selection worked out for this walk. */
  FieldWalk(Rule rule, RecordShape shape, FieldTransform transform, boolean condition) {
    this(rule, FieldSelection.of(rule.tags(), shape), transform, condition);
  }

  /** True when this walk is of that very rule over that very shape, whatever its transform. */
  boolean isOf(Rule rule, RecordShape shape) {
    return this.rule == rule && selection.isFor(rule.tags(), shape);
  }

  /** True when this walk applies that very transform, as a condition or not. */
  boolean isFor(FieldTransform transform, boolean condition) {
    return this.transform == transform && this.condition == condition;
  }

  /** This walk's rule and selection with another transform. */
  FieldWalk with(FieldTransform transform, boolean condition) {
    return new FieldWalk(rule, selection, transform, condition);
  }

  Object record(RecordShape shape, Object record) {
    return record(shape, record, false);
  }

  /**
   * The record with the rule applied to its selected fields; with {@code inPlace} (a record nobody
   * else holds) its own fields are set, once every field has its new value, so a failure half-way
   * leaves it as it was. Records under it are copied when they change, as always.
   */
  Object record(RecordShape shape, Object record, boolean inPlace) {
    FieldSelection.Fields selected = selection.fieldsOf(shape);
    int[] visit = selected.visit();
    if (visit.length == 0) {
      return record;
    }
    List<RecordShape.Field> fields = shape.fields();
    Object[] values = shape.values(record, visit);
    boolean changed = false;
    for (int k = 0; k < visit.length; k++) {
      int i = visit[k];
      Object value = values[k];
      if (value == null && !selected.visitNull()[i]) {
        // A null is visited only where the field is selected and its schema has a null branch for it.
        continue;
      }
      RecordShape.Field field = fields.get(i);
      Object result = value(field.shape(), value, record, shape, field, selected.selected()[i]);
      if (result != value) {
        values[k] = result; // the array is this walk's own (RecordShape#values)
        changed = true;
      }
    }
    if (!changed) {
      return record;
    }
    return inPlace ? shape.withInPlace(record, visit, values) : shape.with(record, visit, values);
  }

  private Object value(FieldShape shape, Object value, Object record, RecordShape recordShape, RecordShape.Field field,
      boolean selected) {
    if (shape instanceof RecordShape r) {
      return record(r, value);
    }
    if (shape instanceof ArrayShape a) {
      List<?> elements = a.elements(value);
      List<Object> changed = null;
      for (int i = 0; i < elements.size(); i++) {
        Object element = elements.get(i);
        Object result = element == null && nullBranch(a.elementShape()) == null
            ? null : value(a.elementShape(), element, record, recordShape, field, selected);
        if (result != element) {
          if (changed == null) {
            changed = new ArrayList<>(elements);
          }
          changed.set(i, result);
        }
      }
      return changed == null ? value : a.build(changed, value);
    }
    if (shape instanceof MapShape m) {
      Map<String, Object> entries = m.entries(value);
      boolean changed = false;
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        Object v = e.getValue();
        Object result = v == null && nullBranch(m.valueShape()) == null
            ? null : value(m.valueShape(), v, record, recordShape, field, selected);
        if (result != v) {
          e.setValue(result);
          changed = true;
        }
      }
      return changed ? m.build(entries, value) : value;
    }
    if (shape instanceof UnionShape u) {
      FieldShape branch = value == null ? nullBranch(u) : u.branchOf(value);
      if (branch == null) {
        throw new RuleException("field " + field.fullName() + ": a " + value.getClass().getSimpleName()
            + " fits no branch of " + u);
      }
      if (branch instanceof LeafShape leaf) {
        // The result may belong to another branch (null to string, string to null): the union converts it.
        return leaf(leaf, u, value, record, recordShape, field, selected);
      }
      return value(branch, value, record, recordShape, field, selected);
    }
    return leaf((LeafShape) shape, shape, value, record, recordShape, field, selected);
  }

  /** The null branch of a union, which holds a null; null for any other shape. */
  static FieldShape nullBranch(FieldShape shape) {
    return shape instanceof UnionShape u ? u.nullBranch() : null;
  }

  /**
   * Applies the transform to a leaf's value ({@code value} null for a null of a union's null
   * branch) and converts its result to {@code target}: the leaf itself, or the union it is a branch of.
   */
  private Object leaf(LeafShape leaf, FieldShape target, Object value, Object record, RecordShape recordShape,
      RecordShape.Field field, boolean selected) {
    if (leaf.type() == FieldType.NULL && value != null || !selected) {
      // A value typed NULL that is not null is one a format cannot describe: no rule touches it.
      return value;
    }
    FieldContext context =
        new FieldContext(record, recordShape, field.fullName(), field.name(), leaf.type(), field.tags());
    if (utf8 != null && value != null && leaf.type() == FieldType.STRING) {
      return leafUtf8(leaf, value, context);
    }
    Object ruleValue = value == null ? null : leaf.toRuleValue(value);
    Object result = transform.apply(context, ruleValue);
    if (condition) {
      if (Boolean.FALSE.equals(result)) {
        throw new RuleConditionException(rule, field.fullName());
      }
      return value;
    }
    if (result == ruleValue) {
      return value;
    }
    try {
      return RuleValues.fromRuleValue(target, result, value);
    } catch (IllegalArgumentException e) {
      throw doesNotFit(field.fullName(), e);
    }
  }

  /**
   * A string leaf through the UTF-8 transform: the new value is of the leaf's own branch (a string
   * stays a string), so it fits the union the leaf may be a branch of as it is.
   */
  private Object leafUtf8(LeafShape leaf, Object value, FieldContext context) {
    byte[] bytes = leaf.utf8(value);
    byte[] result = utf8.applyUtf8(context, bytes);
    if (result == bytes) {
      return value;
    }
    if (result == null) {
      throw new RuleException("field " + context.fullName() + ": the transform returned no bytes");
    }
    try {
      return leaf.fromUtf8(result, value);
    } catch (IllegalArgumentException e) {
      throw doesNotFit(context.fullName(), e);
    }
  }

  private static RuleException doesNotFit(String fullName, IllegalArgumentException e) {
    return new RuleException("field " + fullName + ": the transform's result does not fit the field: " + e.getMessage());
  }
}
