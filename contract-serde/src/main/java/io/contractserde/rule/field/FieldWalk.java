package io.contractserde.rule.field;

import io.contractserde.contract.Rule;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.UnionShape;
import io.contractserde.rule.RuleConditionException;
import io.contractserde.rule.RuleException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One walk of one rule over one record. Copy on write: a record, array or map is rebuilt only when
 * something under it changed, so an unchanged record comes back as the same object and the caller's
 * object is never modified. Null values are not visited.
 */
final class FieldWalk {
  private final Rule rule;
  private final Set<String> ruleTags;
  private final FieldTransform transform;
  private final boolean condition;

  FieldWalk(Rule rule, FieldTransform transform, boolean condition) {
    this.rule = rule;
    this.ruleTags = rule.tags();
    this.transform = transform;
    this.condition = condition;
  }

  Object record(RecordShape shape, Object record) {
    List<RecordShape.Field> fields = shape.fields();
    Object[] values = shape.values(record);
    Object[] changed = null;
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      RecordShape.Field field = fields.get(i);
      if (value == null || !selected(field) && leavesOnly(field.shape())) {
        // Nothing under an unselected field is selected, unless a record with fields of its own is.
        continue;
      }
      Object result = value(field.shape(), value, record, shape, field);
      if (result != value) {
        if (changed == null) {
          changed = values.clone();
        }
        changed[i] = result;
      }
    }
    return changed == null ? record : shape.build(changed, record);
  }

  private Object value(FieldShape shape, Object value, Object record, RecordShape recordShape, RecordShape.Field field) {
    if (shape instanceof RecordShape r) {
      return record(r, value);
    }
    if (shape instanceof ArrayShape a) {
      List<?> elements = a.elements(value);
      List<Object> changed = null;
      for (int i = 0; i < elements.size(); i++) {
        Object element = elements.get(i);
        Object result = element == null ? null : value(a.elementShape(), element, record, recordShape, field);
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
        Object result = v == null ? null : value(m.valueShape(), v, record, recordShape, field);
        if (result != v) {
          e.setValue(result);
          changed = true;
        }
      }
      return changed ? m.build(entries, value) : value;
    }
    if (shape instanceof UnionShape u) {
      FieldShape branch = u.branchOf(value);
      if (branch == null) {
        throw new RuleException("field " + field.fullName() + ": a " + value.getClass().getSimpleName()
            + " fits no branch of " + u);
      }
      return value(branch, value, record, recordShape, field);
    }
    return leaf((LeafShape) shape, value, record, recordShape, field);
  }

  private Object leaf(LeafShape leaf, Object value, Object record, RecordShape recordShape, RecordShape.Field field) {
    if (leaf.type() == FieldType.NULL || !selected(field)) {
      // A null-typed leaf only ever holds null, and formats type values they cannot describe NULL.
      return value;
    }
    Object ruleValue = leaf.toRuleValue(value);
    Object result = transform.apply(
        new FieldContext(record, recordShape, field.fullName(), field.name(), leaf.type(), field.tags()), ruleValue);
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
      return leaf.fromRuleValue(result, value);
    } catch (IllegalArgumentException e) {
      throw new RuleException("field " + field.fullName() + ": the transform's result does not fit the field: "
          + e.getMessage());
    }
  }

  /** True when no record is reachable from {@code shape}: only its field's own tags could select its leaves. */
  private static boolean leavesOnly(FieldShape shape) {
    if (shape instanceof LeafShape) {
      return true;
    }
    if (shape instanceof ArrayShape a) {
      return leavesOnly(a.elementShape());
    }
    if (shape instanceof MapShape m) {
      return leavesOnly(m.valueShape());
    }
    if (shape instanceof UnionShape u) {
      for (FieldShape branch : u.branches()) {
        if (!leavesOnly(branch)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private boolean selected(RecordShape.Field field) {
    return ruleTags.isEmpty() || !Collections.disjoint(ruleTags, field.tags());
  }
}
