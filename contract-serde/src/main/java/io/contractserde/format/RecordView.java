package io.contractserde.format;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * One record of a format as the data model sees it, without copying it: a {@code Map} whose
 * entries are the record's fields, each converted into the data model the first time it is read.
 * JSONata expressions run on it as they run on a {@code Map} built by {@link ContractSchema#toModel},
 * with the same entries in the same order.
 *
 * <p>The field operations of a migration stay views too: {@link #retain} keeps some of the entries
 * ({@code $sift}) and {@link #with} puts entries on top ({@code $merge}), both without reading the
 * record's values. A format building the next version's record ({@link ContractSchema#fromModel})
 * asks {@link #fields()} and {@link #visible}/{@link #added} so a field that went through unchanged
 * moves over as it is, in the record's own form.
 *
 * <p>Writing to a view ({@code put}, {@code remove}, an entry or key set) first copies it into a
 * plain map, which from then on holds every entry; {@link #isCopied()} then says so and the view
 * is an ordinary map. Belongs to one evaluation on one thread: not thread-safe.
 */
public final class RecordView extends AbstractMap<String, Object> {
  private static final Object UNDECIDED = new Object();

  /**
   * What a format gives a view: one native record's fields, in schema order, read by position.
   * One instance per record; not thread-safe.
   */
  public interface Fields {

    /**
     * An identity for the record's layout: equal keys promise the same field names at the same
     * positions ({@code count}, {@code name}, {@code indexOf} agree), for every record of one
     * schema. What a key-only {@code $sift} lambda decides per position is remembered under it, so
     * a format whose records of one schema differ in fields (JSON objects) keys by the names.
     */
    Object schemaKey();

    /**
     * {@link #schemaKey()} where every record of the layout shares that one object (an Avro
     * schema), so a reader may remember {@link #indexOf} under its identity; null (the default)
     * where each record has its own key.
     */
    default Object sharedSchemaKey() {
      return null;
    }

    /** The number of fields. */
    int count();

    /** The name of field {@code index}. */
    String name(int index);

    /** The position of the field named {@code name}, or -1. */
    int indexOf(String name);

    /**
     * The data model of field {@code index}: a nested record as another {@link RecordView}, a
     * JSON null or an absent optional value as null.
     */
    Object read(int index);
  }

  private final Fields fields;
  /**
   * Field values read so far, null where none was read (or the value read was null: reading it
   * again gives null again); shared with the views derived from this one.
   */
  private final Object[] values;
  /** Per field, whether it is hidden; null when none is. */
  private final boolean[] hidden;
  /** Entries put on top: a visible field's keeps its place, any other comes after the fields. */
  private final LinkedHashMap<String, Object> added;
  /** Every entry, once the view has been written to; null before. */
  private LinkedHashMap<String, Object> copy;

  /** A view of every field of a record. */
  public RecordView(Fields fields) {
    this(fields, new Object[fields.count()], null, null);
  }

  private RecordView(Fields fields, Object[] values, boolean[] hidden, LinkedHashMap<String, Object> added) {
    this.fields = fields;
    this.values = values;
    this.hidden = hidden;
    this.added = added;
  }

  /** The record's fields, as the format gave them. */
  public Fields fields() {
    return fields;
  }

  /** True once the view was written to: it is then a plain map and no longer reads the record. */
  public boolean isCopied() {
    return copy != null;
  }

  /** Whether field {@code index} is one of the view's entries (not hidden). */
  public boolean visible(int index) {
    return hidden == null || !hidden[index];
  }

  /** The entries put on top of the fields ({@link #with}); empty when none. Read-only. */
  public Map<String, Object> added() {
    return added == null ? Map.of() : java.util.Collections.unmodifiableMap(added);
  }

  /**
   * The value of field {@code index} if it has been read as the data model, else {@code fallback}
   * (also for a field read as null): a value nobody has seen can be taken from the record as it is.
   */
  public Object readValueOr(int index, Object fallback) {
    Object v = values[index];
    return v == null ? fallback : v;
  }

  /** The data model of field {@code index}, read once. */
  public Object field(int index) {
    Object v = values[index];
    if (v == null) {
      v = fields.read(index);
      values[index] = v;
    }
    return v;
  }

  /**
   * The view of the entries whose key {@code keep} accepts: the fields' by position, the added
   * ones' by position after them ({@code count()} onwards, in order). Reads no value.
   */
  public RecordView retain(IntPredicate keep) {
    if (copy != null) {
      throw new IllegalStateException("the view was copied");
    }
    int n = fields.count();
    boolean[] hide = hidden == null ? new boolean[n] : hidden.clone();
    // The fields an added entry replaces are decided with the added entries, in the field's place.
    boolean[] replaced = null;
    if (added != null) {
      for (String key : added.keySet()) {
        int at = fields.indexOf(key);
        if (at >= 0) {
          if (replaced == null) {
            replaced = new boolean[n];
          }
          replaced[at] = true;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      if (!hide[i] && (replaced == null || !replaced[i]) && !keep.test(i)) {
        hide[i] = true;
      }
    }
    LinkedHashMap<String, Object> kept = null;
    if (added != null) {
      kept = new LinkedHashMap<>();
      int i = n;
      for (Map.Entry<String, Object> e : added.entrySet()) {
        int at = fields.indexOf(e.getKey());
        boolean inPlace = at >= 0 && !hide[at];
        if (keep.test(inPlace ? at : i)) {
          kept.put(e.getKey(), e.getValue());
        } else if (inPlace) {
          hide[at] = true;
        }
        if (!inPlace) {
          i++;
        }
      }
    }
    return new RecordView(fields, values, hide, kept == null || kept.isEmpty() ? null : kept);
  }

  /**
   * The key at {@code position} as {@link #retain} numbers them: a field's name below
   * {@code fields().count()}, else the added entry at that position after them (those not in a
   * visible field's place).
   */
  public String keyAt(int position) {
    int n = fields.count();
    if (position < n) {
      return fields.name(position);
    }
    int i = n;
    for (String key : added.keySet()) {
      int at = fields.indexOf(key);
      if (at >= 0 && visible(at)) {
        continue;
      }
      if (i++ == position) {
        return key;
      }
    }
    throw new IndexOutOfBoundsException(position);
  }

  /** The value at {@code position} as {@link #retain} numbers them; see {@link #keyAt}. */
  public Object valueAt(int position) {
    if (position < fields.count()) {
      String name = fields.name(position);
      return added != null && added.containsKey(name) ? added.get(name) : field(position);
    }
    return added.get(keyAt(position));
  }

  /** This view with {@code entries} put on top, in their order, as {@code putAll} would. Reads no value. */
  public RecordView with(Map<?, ?> entries) {
    if (copy != null) {
      throw new IllegalStateException("the view was copied");
    }
    LinkedHashMap<String, Object> all = new LinkedHashMap<>();
    if (added != null) {
      all.putAll(added);
    }
    // A hidden field put back comes after the fields, as in a LinkedHashMap it was removed from.
    entries.forEach((k, v) -> all.put((String) k, v));
    return new RecordView(fields, values, hidden, all);
  }

  /** Applies {@code fn} to the values of the added entries (the fields' own hold no marker values). */
  public void replaceAdded(UnaryOperator<Object> fn) {
    if (copy != null) {
      copy.replaceAll((k, v) -> fn.apply(v));
    } else if (added != null) {
      added.replaceAll((k, v) -> fn.apply(v));
    }
  }

  /**
   * {@code value} with every view in it copied into plain maps and lists, deeply: what the
   * interpreter and code outside the serde are given.
   */
  public static Object toPlain(Object value) {
    if (value instanceof Map<?, ?> map) {
      if (!(map instanceof RecordView) && !containsView(map.values())) {
        return value;
      }
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, toPlain(v)));
      return out;
    }
    if (value instanceof List<?> list && containsView(list)) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(toPlain(item));
      }
      return out;
    }
    return value;
  }

  private static boolean containsView(Iterable<?> items) {
    for (Object item : items) {
      if (item instanceof RecordView || (item instanceof Map<?, ?> m && containsView(m.values()))
          || (item instanceof List<?> l && containsView(l))) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- Map

  @Override
  public Object get(Object key) {
    Object v = copiedOrAdded(key);
    if (v != UNDECIDED) {
      return v;
    }
    int at = key instanceof String s ? fields.indexOf(s) : -1;
    return at >= 0 && visible(at) ? field(at) : null;
  }

  /**
   * {@link #get} of {@code name} when its position among the fields is known: {@code index}, which
   * {@link #indexOf} gave for this view's layout (-1 for none), saves the look-up by name.
   */
  public Object get(String name, int index) {
    Object v = copiedOrAdded(name);
    if (v != UNDECIDED) {
      return v;
    }
    return index >= 0 && visible(index) ? field(index) : null;
  }

  /** The value of {@code key} in the copy or the added entries, or UNDECIDED when neither decides it. */
  private Object copiedOrAdded(Object key) {
    if (copy != null) {
      return copy.get(key);
    }
    if (added != null) {
      Object v = added.get(key);
      if (v != null || added.containsKey(key)) {
        return v;
      }
    }
    return UNDECIDED;
  }

  /** The position among the fields of the one named {@code name}, or -1 (see {@link #get(String, int)}). */
  public int indexOf(String name) {
    return fields.indexOf(name);
  }

  /** The layout's {@link Fields#sharedSchemaKey}: the same object for every record of it, or null. */
  public Object sharedLayout() {
    return fields.sharedSchemaKey();
  }

  @Override
  public boolean containsKey(Object key) {
    if (copy != null) {
      return copy.containsKey(key);
    }
    if (added != null && added.containsKey(key)) {
      return true;
    }
    int at = key instanceof String s ? fields.indexOf(s) : -1;
    return at >= 0 && visible(at);
  }

  @Override
  public int size() {
    if (copy != null) {
      return copy.size();
    }
    int n = 0;
    for (int i = 0; i < fields.count(); i++) {
      if (visible(i)) {
        n++;
      }
    }
    if (added != null) {
      for (String key : added.keySet()) {
        int at = fields.indexOf(key);
        if (at < 0 || !visible(at)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Empty when no field is visible and nothing was added (an added entry is always an entry). */
  @Override
  public boolean isEmpty() {
    if (copy != null) {
      return copy.isEmpty();
    }
    if (added != null && !added.isEmpty()) {
      return false;
    }
    for (int i = 0; i < fields.count(); i++) {
      if (visible(i)) {
        return false;
      }
    }
    return true;
  }

  /** Every entry in order, read-only, without copying the view. */
  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    if (copy != null) {
      copy.forEach(action);
      return;
    }
    int n = fields.count();
    for (int i = 0; i < n; i++) {
      if (visible(i)) {
        String name = fields.name(i);
        action.accept(name, added != null && added.containsKey(name) ? added.get(name) : field(i));
      }
    }
    if (added != null) {
      for (Map.Entry<String, Object> e : added.entrySet()) {
        int at = fields.indexOf(e.getKey());
        if (at < 0 || !visible(at)) {
          action.accept(e.getKey(), e.getValue());
        }
      }
    }
  }

  @Override
  public Object put(String key, Object value) {
    return copied().put(key, value);
  }

  @Override
  public Object remove(Object key) {
    return copied().remove(key);
  }

  @Override
  public void clear() {
    copied().clear();
  }

  /** The entries as a plain map's: the view is copied first, so they may be written to. */
  @Override
  public Set<Entry<String, Object>> entrySet() {
    return copied().entrySet();
  }

  private LinkedHashMap<String, Object> copied() {
    if (copy == null) {
      LinkedHashMap<String, Object> all = new LinkedHashMap<>();
      forEach(all::put);
      copy = all;
    }
    return copy;
  }
}
