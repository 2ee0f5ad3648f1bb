package io.contractserde.rule.field;

import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.MapShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.UnionShape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which fields of a record shape, and of every record reachable from it, a rule's tags reach, worked
 * out once per tags and shape so that a walk looks at nothing else. A field is <em>selected</em> when
 * its tags meet the rule's (every field when the rule has none); it is <em>visited</em> when the
 * transform can be reached under it: it is selected and holds a leaf outside any nested record, or a
 * nested record (in it, its array, map or union) has a visited field. A null is visited where the
 * field is selected and its schema has a null branch. Immutable.
 */
final class FieldSelection {
  private final Set<String> tags;
  private final RecordShape root;
  private final Fields rootFields;
  private final Map<RecordShape, Fields> records;

  private FieldSelection(Set<String> tags, RecordShape root, Map<RecordShape, Fields> records) {
    this.tags = tags;
    this.root = root;
    this.rootFields = records.get(root);
    this.records = records;
  }

  /** The selection of {@code tags} (empty: every field) over {@code root} and the records under it. */
  static FieldSelection of(Set<String> tags, RecordShape root) {
    List<RecordShape> shapes = new ArrayList<>();
    collect(root, shapes, Collections.newSetFromMap(new IdentityHashMap<>()));
    // A record is live when walking it can reach the transform: a selected field with a leaf outside
    // nested records, or a field leading to a live record. Grown to a fixed point (records may recurse).
    Set<RecordShape> live = Collections.newSetFromMap(new IdentityHashMap<>());
    boolean grew = true;
    while (grew) {
      grew = false;
      for (RecordShape shape : shapes) {
        if (!live.contains(shape) && anyVisited(tags, shape, live)) {
          live.add(shape);
          grew = true;
        }
      }
    }
    Map<RecordShape, Fields> records = new IdentityHashMap<>();
    for (RecordShape shape : shapes) {
      records.put(shape, select(tags, shape, live));
    }
    return new FieldSelection(tags, root, records);
  }

  /** True when this is the selection of these very tags over this very shape. */
  boolean isFor(Set<String> tags, RecordShape root) {
    return this.tags == tags && this.root == root;
  }

  /** The fields of {@code shape}, a record reachable from the root, to visit. */
  Fields fieldsOf(RecordShape shape) {
    if (shape == root) {
      return rootFields;
    }
    Fields fields = records.get(shape);
    // Every record a walk meets is reachable from the root; any other is worked out (not kept).
    return fields != null ? fields : of(tags, shape).records.get(shape);
  }

  /**
   * The fields of one record to visit, in schema order.
   *
   * @param visit the indexes of the fields to visit when not null
   * @param selected by field index, whether the field's tags meet the rule's
   * @param visitNull by field index, whether a null in the field is visited
   */
  record Fields(int[] visit, boolean[] selected, boolean[] visitNull) {}

  private static Fields select(Set<String> tags, RecordShape shape, Set<RecordShape> live) {
    List<RecordShape.Field> fields = shape.fields();
    int n = fields.size();
    boolean[] selected = new boolean[n];
    boolean[] visitNull = new boolean[n];
    int[] visit = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      RecordShape.Field field = fields.get(i);
      selected[i] = selected(tags, field);
      visitNull[i] = selected[i] && FieldWalk.nullBranch(field.shape()) != null;
      if (visited(selected[i], field.shape(), live)) {
        visit[count++] = i;
      }
    }
    return new Fields(java.util.Arrays.copyOf(visit, count), selected, visitNull);
  }

  private static boolean anyVisited(Set<String> tags, RecordShape shape, Set<RecordShape> live) {
    for (RecordShape.Field field : shape.fields()) {
      if (visited(selected(tags, field), field.shape(), live)) {
        return true;
      }
    }
    return false;
  }

  private static boolean visited(boolean selected, FieldShape shape, Set<RecordShape> live) {
    return selected && holdsLeaf(shape) || leadsToLive(shape, live);
  }

  private static boolean selected(Set<String> tags, RecordShape.Field field) {
    return tags.isEmpty() || !Collections.disjoint(tags, field.tags());
  }

  /** True when a leaf is reachable from {@code shape} without entering a nested record. */
  private static boolean holdsLeaf(FieldShape shape) {
    if (shape instanceof LeafShape) {
      return true;
    }
    if (shape instanceof ArrayShape a) {
      return holdsLeaf(a.elementShape());
    }
    if (shape instanceof MapShape m) {
      return holdsLeaf(m.valueShape());
    }
    if (shape instanceof UnionShape u) {
      for (FieldShape branch : u.branches()) {
        if (holdsLeaf(branch)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when a live record is reachable from {@code shape} without entering another record first. */
  private static boolean leadsToLive(FieldShape shape, Set<RecordShape> live) {
    if (shape instanceof RecordShape r) {
      return live.contains(r);
    }
    if (shape instanceof ArrayShape a) {
      return leadsToLive(a.elementShape(), live);
    }
    if (shape instanceof MapShape m) {
      return leadsToLive(m.valueShape(), live);
    }
    if (shape instanceof UnionShape u) {
      for (FieldShape branch : u.branches()) {
        if (leadsToLive(branch, live)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void collect(FieldShape shape, List<RecordShape> out, Set<RecordShape> seen) {
    if (shape instanceof RecordShape r) {
      if (seen.add(r)) {
        out.add(r);
        for (RecordShape.Field field : r.fields()) {
          collect(field.shape(), out, seen);
        }
      }
    } else if (shape instanceof ArrayShape a) {
      collect(a.elementShape(), out, seen);
    } else if (shape instanceof MapShape m) {
      collect(m.valueShape(), out, seen);
    } else if (shape instanceof UnionShape u) {
      for (FieldShape branch : u.branches()) {
        collect(branch, out, seen);
      }
    }
  }
}
