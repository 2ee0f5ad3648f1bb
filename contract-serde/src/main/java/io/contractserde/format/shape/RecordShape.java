package io.contractserde.format.shape;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A record (Avro record, JSON Schema object with properties): named fields, each with its full name
 * and tags resolved when the contract is parsed.
 */
public abstract class RecordShape extends FieldShape {
  private final String fullName;
  private List<Field> fields;
  private Map<String, Integer> indexes = Map.of();

  /** A record shape whose fields are given later, through {@link #define}: records may be recursive. */
  protected RecordShape(String fullName) {
    super(FieldType.RECORD);
    this.fullName = fullName;
  }

  /** The record's full name ({@code example.avro.User}, {@code $} for a JSON document). */
  public final String fullName() {
    return fullName;
  }

  /**
   * Gives the record its fields, once, while the format builds its shapes.
   *
   * @throws IllegalStateException when the fields were given before
   */
  public final void define(List<Field> fields) {
    if (this.fields != null) {
      throw new IllegalStateException("The fields of " + fullName + " are already defined");
    }
    this.fields = List.copyOf(fields);
    Map<String, Integer> byName = new HashMap<>(fields.size() * 2);
    for (int i = 0; i < fields.size(); i++) {
      byName.put(fields.get(i).name(), i);
    }
    this.indexes = Map.copyOf(byName);
  }

  /** The position of the field named {@code name} in {@link #fields()}, or -1. */
  public final int indexOf(Object name) {
    Integer i = name == null ? null : indexes.get(name);
    return i == null ? -1 : i;
  }

  /** The fields, in schema order. */
  public final List<Field> fields() {
    return fields == null ? List.of() : fields;
  }

  /**
   * The values of {@code record}'s fields in the order of {@link #fields()}, null where absent, in a
   * new array the caller may change.
   */
  public abstract Object[] values(Object record);

  /**
   * The values of {@code record}'s fields at {@code indexes}, in that order, in a new array the
   * caller may change: what {@link #values} holds there. By default picked from {@link #values}; a
   * format that reads one field for less overrides it (a field-level rule reads a few fields of many).
   */
  public Object[] values(Object record, int[] indexes) {
    Object[] all = values(record);
    Object[] picked = new Object[indexes.length];
    for (int k = 0; k < indexes.length; k++) {
      picked[k] = all[indexes[k]];
    }
    return picked;
  }

  /**
   * A new record like {@code like} (a record of this shape) whose fields at {@code indexes} hold
   * {@code values}, in that order, and whose other fields hold what {@code like}'s do: by default
   * {@link #build} of {@code like}'s values with those replaced. Never changes {@code like}.
   */
  public Object with(Object like, int[] indexes, Object[] values) {
    Object[] all = values(like);
    for (int k = 0; k < indexes.length; k++) {
      all[indexes[k]] = values[k];
    }
    return build(all, like);
  }

  /**
   * {@code record} itself with its fields at {@code indexes} set to {@code values}, where the format
   * can change a record in place (a generic Avro record); else {@link #with}'s copy. Only for a record
   * nobody else holds (see {@link io.contractserde.rule.RuleContext#mayChangeInPlace}).
   */
  public Object withInPlace(Object record, int[] indexes, Object[] values) {
    return with(record, indexes, values);
  }

  /**
   * True when {@code record} has the field at {@code index}, even if null; false where the format
   * lets a field be absent (a JSON property that is not there). Always true by default.
   */
  public boolean has(Object record, int index) {
    return true;
  }

  /**
   * The values of {@code record} that are not fields of the schema, as plain Java rule values by
   * name: the undeclared properties of an open JSON object. None by default.
   */
  public Map<String, Object> otherValues(Object record) {
    return Map.of();
  }

  /**
   * A new record holding {@code values} (in field order; null leaves a field absent where the
   * format can, and makes it null where {@code like} had a value). It has the form of {@code like} (a generated class, a POJO) when {@code like} is a
   * record of this schema, else the format's generic form. Never changes {@code like}.
   */
  public abstract Object build(Object[] values, Object like);

  /**
   * True when a record {@link #build built} from a record that conforms to the contract, with new
   * leaf values only from the leaves' {@link LeafShape#fromRuleValue} (what field-level rules do),
   * conforms to the contract as it is, down to every nested record this shape builds: the format
   * checks nothing its shapes do not convert or reject already. A serializer then skips checking
   * such a record a second time. False unless the format says so.
   */
  public boolean buildsConforming() {
    return false;
  }

  /**
   * The native record of a rule value: a map from field name to rule value. By default every key
   * must be a field and every value must fit its field's shape; a format whose records are open
   * (JSON Schema) overrides this.
   *
   * @throws IllegalArgumentException naming the field when the map does not fit
   */
  public Object fromRuleMap(Map<?, ?> map, Object like) {
    List<Field> fields = fields();
    for (Object key : map.keySet()) {
      if (indexOf(key) < 0) {
        throw new IllegalArgumentException("'" + key + "' is not a field of " + fullName);
      }
    }
    Object[] likeValues = like == null ? null : values(like);
    Object[] values = new Object[fields.size()];
    for (int i = 0; i < values.length; i++) {
      Field f = fields.get(i);
      try {
        values[i] = RuleValues.fromRuleValue(f.shape(), map.get(f.name()), likeValues == null ? null : likeValues[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("field " + f.fullName() + ": " + e.getMessage(), e);
      }
    }
    return build(values, like);
  }

  @Override
  public String toString() {
    return "record " + fullName;
  }

  /**
   * A field of a record.
   *
   * @param name the field's name
   * @param fullName the record's full name, a dot and the field's name: what {@code metadata.tags}
   *     patterns match
   * @param tags the field's inline tags and those of every matching {@code metadata.tags} pattern
   * @param shape the field's schema
   */
  public record Field(String name, String fullName, Set<String> tags, FieldShape shape) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(fullName, "fullName");
      Objects.requireNonNull(shape, "shape");
      tags = Set.copyOf(tags);
    }
  }
}
