package io.contractserde.rule.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.format.shape.ArrayShape;
import io.contractserde.format.shape.FieldShape;
import io.contractserde.format.shape.FieldType;
import io.contractserde.format.shape.LeafShape;
import io.contractserde.format.shape.RecordShape;
import io.contractserde.format.shape.UnionShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Which fields a rule's tags make a walk visit, worked out once per tags and shape, on a format of
 * plain maps: tagged leaves and the fields leading to records that hold some, nothing under a nested
 * record without any (not even read), recursive records, nulls only where a selected field has a
 * null branch; and the record shape's default reads and rebuilds by field index.
 */
class FieldSelectionTest {
  private static final Set<String> PII = Set.of("PII");
  private static final FieldShape STRING = new Leaf(FieldType.STRING);

  /** A record of this test's format: a LinkedHashMap by field name; counts its reads of whole records. */
  static final class MapRecord extends RecordShape {
    final AtomicInteger reads = new AtomicInteger();

    MapRecord(String name) {
      super(name);
    }

    MapRecord withFields(Object... nameTagsShape) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < nameTagsShape.length; i += 3) {
        @SuppressWarnings("unchecked")
        Set<String> tags = (Set<String>) nameTagsShape[i + 1];
        fields.add(new Field((String) nameTagsShape[i], fullName() + "." + nameTagsShape[i], tags,
            (FieldShape) nameTagsShape[i + 2]));
      }
      define(fields);
      return this;
    }

    @Override
    public Object[] values(Object record) {
      reads.incrementAndGet();
      Map<?, ?> map = (Map<?, ?>) record;
      return fields().stream().map(f -> map.get(f.name())).toArray();
    }

    @Override
    public Object build(Object[] values, Object like) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (int i = 0; i < values.length; i++) {
        copy.put(fields().get(i).name(), values[i]);
      }
      return copy;
    }
  }

  static final class Leaf extends LeafShape {
    Leaf(FieldType type) {
      super(type);
    }

    @Override
    public Object toRuleValue(Object value) {
      return value;
    }

    @Override
    public Object fromRuleValue(Object value, Object like) {
      return narrow(type(), value);
    }
  }

  static final class Nullable extends UnionShape {
    Nullable(FieldShape branch) {
      super(FieldType.NULLABLE, List.of(new Leaf(FieldType.NULL), branch));
    }

    @Override
    public FieldShape branchOf(Object value) {
      return value == null ? branches().get(0) : branches().get(1);
    }
  }

  static final class ListOf extends ArrayShape {
    ListOf(FieldShape elements) {
      super(elements);
    }

    @Override
    public List<?> elements(Object array) {
      return (List<?>) array;
    }

    @Override
    public Object build(List<?> elements, Object like) {
      return new ArrayList<>(elements);
    }
  }

  private static Map<String, Object> map(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private static Rule upper(String... tags) {
    return Rule.of("upper", RuleKind.TRANSFORM, RuleMode.WRITE, "UPPER", null).withTags(tags);
  }

  private static Object walk(Rule rule, RecordShape shape, Object record) {
    FieldTransform upper = (field, value) -> value instanceof String s ? s.toUpperCase() : value;
    return new FieldWalk(rule, shape, upper, false).record(shape, record);
  }

  /**
   * A serde with more tag and shape pairs than the executor's slots (a consumer of many topics), or
   * two pairs in one slot, finds each selection it worked out before, from one thread or four: none
   * is worked out per record.
   */
  @Test
  void aSelectionIsWorkedOutOncePerTagsAndShapeHoweverManyPairsTakeTurns() {
    FieldRuleExecutor executor = new FieldRuleExecutor() {
      @Override
      public String type() {
        return "TEST_FIELD";
      }

      @Override
      protected FieldTransform newTransform(io.contractserde.rule.RuleContext ctx) {
        return (field, value) -> value;
      }
    };
    List<RecordShape> shapes = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      shapes.add(new MapRecord("r" + i).withFields("ssn", PII, STRING, "id", Set.of(), STRING));
    }
    List<FieldSelection> first = new ArrayList<>();
    for (RecordShape shape : shapes) {
      first.add(executor.selection(PII, shape));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < shapes.size(); i++) {
        FieldSelection again = executor.selection(PII, shapes.get(i));
        assertSame(first.get(i), again, "shape " + i + ", round " + round);
        assertTrue(again.isFor(PII, shapes.get(i)));
      }
    }
    // Four threads taking the shapes in different orders.
    List<java.util.concurrent.Future<?>> threads = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      for (int t = 0; t < 4; t++) {
        int stride = 2 * t + 1;
        threads.add(pool.submit(() -> {
          for (int n = 0; n < 20_000; n++) {
            int i = (n * stride) % shapes.size();
            FieldSelection seen = executor.selection(PII, shapes.get(i));
            if (seen != first.get(i)) {
              throw new AssertionError("shape " + i + ": another selection than the first");
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : threads) {
        f.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void taggedLeavesAndTheFieldsLeadingToRecordsWithSomeAreVisitedAndNothingElse() {
    MapRecord address = new MapRecord("Address").withFields("street", Set.of(), STRING, "zip", Set.of(), STRING);
    MapRecord person = new MapRecord("Person").withFields("name", PII, STRING);
    MapRecord root = new MapRecord("Account").withFields("id", Set.of(), STRING, "ssn", PII, STRING,
        "address", Set.of(), address, "owners", Set.of(), new ListOf(person), "notes", Set.of(), new ListOf(STRING));
    FieldSelection selection = FieldSelection.of(PII, root);
    assertArrayEquals(new int[] {1, 3}, selection.fieldsOf(root).visit());
    assertArrayEquals(new int[0], selection.fieldsOf(address).visit());
    assertArrayEquals(new int[] {0}, selection.fieldsOf(person).visit());

    Map<String, Object> account = map("id", "a-1", "ssn", "s-1", "address", map("street", "main st", "zip", "z"),
        "owners", List.of(map("name", "ann"), map("name", "bob")), "notes", List.of("n"));
    @SuppressWarnings("unchecked")
    Map<String, Object> walked = (Map<String, Object>) walk(upper("PII"), root, account);
    assertEquals(map("id", "a-1", "ssn", "S-1", "address", map("street", "main st", "zip", "z"),
        "owners", List.of(map("name", "ANN"), map("name", "BOB")), "notes", List.of("n")), walked);
    assertSame(account.get("address"), walked.get("address"));
    assertEquals(0, address.reads.get(), "a nested record with nothing selected is not read");
    assertEquals("s-1", account.get("ssn"), "the record walked is not changed");
  }

  @Test
  void aRecursiveRecordIsVisitedThroughItsSelfReferenceOnlyWhenItHoldsATaggedField() {
    MapRecord tagged = new MapRecord("Node");
    tagged.withFields("value", PII, STRING, "next", Set.of(), new Nullable(tagged));
    assertArrayEquals(new int[] {0, 1}, FieldSelection.of(PII, tagged).fieldsOf(tagged).visit());
    MapRecord untagged = new MapRecord("Plain");
    untagged.withFields("value", Set.of(), STRING, "next", Set.of(), new Nullable(untagged));
    assertArrayEquals(new int[0], FieldSelection.of(PII, untagged).fieldsOf(untagged).visit());

    Map<String, Object> list = map("value", "a", "next", map("value", "b", "next", null));
    assertEquals(map("value", "A", "next", map("value", "B", "next", null)), walk(upper("PII"), tagged, list));
    Map<String, Object> plain = map("value", "a", "next", map("value", "b", "next", null));
    assertSame(plain, walk(upper("PII"), untagged, plain));
    assertEquals(0, untagged.reads.get());
  }

  @Test
  void withoutTagsEveryFieldWithALeafIsSelected() {
    MapRecord root = new MapRecord("R").withFields("a", Set.of(), STRING, "b", Set.of("X"), STRING);
    FieldSelection.Fields fields = FieldSelection.of(Set.of(), root).fieldsOf(root);
    assertArrayEquals(new int[] {0, 1}, fields.visit());
    assertArrayEquals(new boolean[] {true, true}, fields.selected());
  }

  @Test
  void aNullIsVisitedOnlyInASelectedFieldWithANullBranch() {
    MapRecord root = new MapRecord("R").withFields("tagged", PII, new Nullable(STRING), "plain", Set.of(),
        new Nullable(STRING), "required", PII, STRING);
    FieldSelection.Fields fields = FieldSelection.of(PII, root).fieldsOf(root);
    assertArrayEquals(new boolean[] {true, false, false}, fields.visitNull());
    List<String> seen = new ArrayList<>();
    FieldTransform record = (field, value) -> {
      seen.add(field.name() + "=" + value);
      return value;
    };
    new FieldWalk(upper("PII"), root, record, false).record(root, map("tagged", null, "plain", null, "required", "r"));
    assertEquals(List.of("tagged=null", "required=r"), seen);
  }

  @Test
  void theDefaultReadsAndRebuildsByIndexGoThroughValuesAndBuildAndLeaveTheRecordAsItWas() {
    MapRecord root = new MapRecord("R").withFields("a", Set.of(), STRING, "b", Set.of(), STRING, "c", Set.of(), STRING);
    Map<String, Object> record = map("a", "1", "b", "2", "c", "3");
    assertArrayEquals(new Object[] {"3", "1"}, root.values(record, new int[] {2, 0}));
    Object changed = root.with(record, new int[] {1}, new Object[] {"two"});
    assertEquals(map("a", "1", "b", "two", "c", "3"), changed);
    assertNotSame(record, changed);
    assertEquals("2", record.get("b"));
    Object cleared = root.with(record, new int[] {0, 2}, new Object[] {null, "three"});
    assertNull(((Map<?, ?>) cleared).get("a"));
    assertTrue(((Map<?, ?>) cleared).containsKey("a"));
    assertFalse(record.containsValue("three"));
  }
}
