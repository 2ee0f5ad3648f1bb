package io.contractserde.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntPredicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link RecordView} against the map it stands for. A view over a plain {@code LinkedHashMap}
 * record goes through random sequences of {@code retain} ({@code $sift}), {@code with}
 * ({@code $merge}) and copy-on-write writes, and after every step each view of the sequence must
 * hold what the same operations give on plain {@code LinkedHashMap}s: the same entries in the same
 * order through every way of reading a map, the same numbering of entries in {@code retain}, no
 * value read by {@code retain} or {@code with}, and no view, nor the record, changed by a write to
 * another.
 */
class RecordViewTest {
  private static final String[] FIELD_NAMES = {"a", "b", "c", "d", "e", "f"};
  private static final String[] NEW_KEYS = {"x", "y", "z"};

  @SuppressWarnings("unchecked")
  static Map<String, Object> castMap(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** A view of {@code record}, nested records as views too. */
  static RecordView viewOf(Map<String, Object> record) {
    return new RecordView(new MapFields(record));
  }

  /** One view of a sequence and the plain map the same operations built. */
  private static final class Pair {
    final RecordView view;
    final LinkedHashMap<String, Object> plain;
    final String how;

    Pair(RecordView view, LinkedHashMap<String, Object> plain, String how) {
      this.view = view;
      this.plain = plain;
      this.how = how;
    }
  }

  @Property(tries = 1500)
  void everySequenceOfRetainWithAndWritesGivesWhatPlainMapsGive(@ForAll long seed) {
    Random r = new Random(seed);
    LinkedHashMap<String, Object> record = record(r);
    String snapshot = record.toString();
    MapFields fields = new MapFields(record);
    List<Pair> pool = new ArrayList<>();
    pool.add(new Pair(new RecordView(fields), new LinkedHashMap<>(record), "base"));
    StringBuilder log = new StringBuilder("record " + record);
    for (int step = 0; step < 12; step++) {
      Pair from = pool.get(r.nextInt(pool.size()));
      int op = r.nextInt(10);
      if (from.view.isCopied() && op < 6) {
        // A copied view is an ordinary map: the view operations refuse it (the built-ins check first).
        assertThrows(IllegalStateException.class, () -> from.view.retain(i -> true));
        assertThrows(IllegalStateException.class, () -> from.view.with(Map.of()));
        continue;
      }
      if (op < 3) {
        Set<String> keep = keys(r);
        int before = fields.reads();
        RecordView byKeyOnly = from.view.retain(i -> keep.contains(from.view.keyAt(i)));
        assertEquals(before, fields.reads(), "retain reads no value; " + log);
        Pair derived = retain(from, keep, log);
        assertEquals(RecordView.toPlain(derived.view), RecordView.toPlain(byKeyOnly), "retain is repeatable; " + log);
        pool.add(r.nextBoolean() ? derived : new Pair(byKeyOnly, derived.plain, derived.how));
      } else if (op < 6) {
        LinkedHashMap<String, Object> entries = entries(r);
        int before = fields.reads();
        RecordView view = from.view.with(entries);
        assertEquals(before, fields.reads(), "with reads no value; " + log);
        LinkedHashMap<String, Object> plain = new LinkedHashMap<>(from.plain);
        plain.putAll(entries);
        log.append("\n").append(pool.indexOf(from)).append(" with ").append(entries);
        pool.add(new Pair(view, plain, from.how + ".with(" + entries + ")"));
      } else if (op < 9) {
        write(r, from, log);
      } else {
        inspectByCopying(r, from);
        log.append("\n").append(pool.indexOf(from)).append(" inspected by copying");
      }
      for (Pair p : pool) {
        assertSameEntries(p, log);
      }
      assertEquals(snapshot, record.toString(), "the record never changes; " + log);
    }
  }

  /** {@code retain} with a key predicate, checking the positions it is asked about. */
  private static Pair retain(Pair from, Set<String> keep, StringBuilder log) {
    Map<String, Integer> asked = new HashMap<>();
    List<String> order = new ArrayList<>();
    RecordView view = from.view;
    IntPredicate byKey = i -> {
      String key = view.keyAt(i);
      assertTrue(from.plain.containsKey(key), () -> "position " + i + " is " + key + ", not an entry of "
          + from.plain + "; " + log);
      assertSame(from.plain.get(key), plainValue(view.valueAt(i), from.plain.get(key)),
          () -> "valueAt(" + i + ") of " + key + "; " + log);
      asked.merge(key, 1, Integer::sum);
      order.add(key);
      return keep.contains(key);
    };
    RecordView kept = view.retain(byKey);
    for (String key : from.plain.keySet()) {
      assertEquals(1, asked.getOrDefault(key, 0), () -> "retain asks about " + key + " once; asked " + order + " of "
          + from.plain + "; " + log);
    }
    assertEquals(from.plain.size(), order.size(), () -> "asked " + order + " of " + from.plain + "; " + log);
    LinkedHashMap<String, Object> plain = new LinkedHashMap<>();
    from.plain.forEach((k, v) -> {
      if (keep.contains(k)) {
        plain.put(k, v);
      }
    });
    log.append("\n").append(" retain ").append(keep);
    return new Pair(kept, plain, from.how + ".retain(" + keep + ")");
  }

  /**
   * A value as the plain side holds it: the nested view a field read gives stands for the plain
   * nested map (identity checks then hold for everything else).
   */
  private static Object plainValue(Object fromView, Object plain) {
    if (fromView instanceof RecordView v && !(plain instanceof RecordView)) {
      assertEquals(plain, RecordView.toPlain(v));
      return plain;
    }
    return fromView;
  }

  /** A write through one of the ways a map takes one: the view copies itself, no other changes. */
  private static void write(Random r, Pair p, StringBuilder log) {
    String key = r.nextBoolean() ? FIELD_NAMES[r.nextInt(FIELD_NAMES.length)] : NEW_KEYS[r.nextInt(NEW_KEYS.length)];
    Object value = r.nextBoolean() ? null : "w" + r.nextInt(3);
    switch (r.nextInt(6)) {
      case 0 -> {
        Object previous = p.view.put(key, value);
        assertEquals(p.plain.put(key, value), RecordView.toPlain(previous));
        log.append("\n put ").append(key).append('=').append(value);
      }
      case 1 -> {
        Object expected = p.plain.remove(key);
        assertEquals(expected, RecordView.toPlain(p.view.remove(key)));
        log.append("\n remove ").append(key);
      }
      case 2 -> {
        p.plain.putIfAbsent(key, value);
        if (p.view.get(key) != null) {
          return; // nothing to write: the view stays a view
        }
        p.view.putIfAbsent(key, value);
        log.append("\n putIfAbsent ").append(key).append('=').append(value);
      }
      case 3 -> {
        Iterator<Map.Entry<String, Object>> plainIt = p.plain.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> viewIt = p.view.entrySet().iterator();
        int skip = r.nextInt(3);
        while (plainIt.hasNext()) {
          Map.Entry<String, Object> pe = plainIt.next();
          Map.Entry<String, Object> ve = viewIt.next();
          assertEquals(pe.getKey(), ve.getKey());
          if (skip-- == 0) {
            plainIt.remove();
            viewIt.remove();
            log.append("\n entrySet remove ").append(pe.getKey());
            break;
          }
        }
      }
      case 4 -> {
        for (Map.Entry<String, Object> e : p.view.entrySet()) {
          if (e.getKey().equals(key)) {
            e.setValue(value);
            p.plain.put(key, value);
            log.append("\n setValue ").append(key).append('=').append(value);
          }
        }
      }
      default -> {
        p.plain.keySet().remove(key);
        p.view.keySet().remove(key);
        log.append("\n keySet remove ").append(key);
      }
    }
    assertTrue(p.view.isCopied(), "a written view is a copy");
  }

  /** The ways of reading a map that copy the view first: they must give the plain map's answers. */
  private static void inspectByCopying(Random r, Pair p) {
    switch (r.nextInt(5)) {
      case 0 -> assertEquals(new ArrayList<>(p.plain.keySet()), new ArrayList<>(p.view.keySet()), p.how);
      case 1 -> {
        List<Object> values = new ArrayList<>();
        p.view.values().forEach(v -> values.add(RecordView.toPlain(v)));
        assertEquals(new ArrayList<>(p.plain.values()), values, p.how);
      }
      case 2 -> {
        assertTrue(p.view.equals(p.plain), p.how);
        assertEquals(p.plain.hashCode(), p.view.hashCode(), p.how);
      }
      case 3 -> {
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, Object> e : p.view.entrySet()) {
          keys.add(e.getKey());
          values.add(RecordView.toPlain(e.getValue()));
        }
        assertEquals(new ArrayList<>(p.plain.keySet()), keys, p.how);
        assertEquals(new ArrayList<>(p.plain.values()), values, p.how);
      }
      default -> assertEquals(p.plain.toString(), RecordView.toPlain(p.view).toString(), p.how);
    }
  }

  /** Every way of reading the view without writing to it agrees with the plain map. */
  private static void assertSameEntries(Pair p, StringBuilder log) {
    String where = p.how + "; " + log;
    LinkedHashMap<String, Object> plain = p.plain;
    RecordView view = p.view;
    assertEquals(plain.size(), view.size(), where);
    assertEquals(plain.isEmpty(), view.isEmpty(), where);
    List<String> keys = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    view.forEach((k, v) -> {
      keys.add(k);
      values.add(RecordView.toPlain(v));
    });
    assertEquals(new ArrayList<>(plain.keySet()), keys, () -> "forEach order of " + where);
    assertEquals(new ArrayList<>(plain.values()), values, () -> "forEach values of " + where);
    for (String key : allKeys()) {
      assertEquals(plain.containsKey(key), view.containsKey(key), () -> "containsKey " + key + " of " + where);
      assertEquals(plain.get(key), RecordView.toPlain(view.get(key)), () -> "get " + key + " of " + where);
    }
    assertTrue(plain.equals(view), () -> "a plain map equals its view: " + where);
    assertEquals(plain, RecordView.toPlain(view), where);
    assertEquals(new ArrayList<>(plain.keySet()), new ArrayList<>(castMap((Map<?, ?>) RecordView.toPlain(view))
        .keySet()), where);
  }

  private static List<String> allKeys() {
    List<String> all = new ArrayList<>(List.of(FIELD_NAMES));
    all.addAll(List.of(NEW_KEYS));
    return all;
  }

  private static LinkedHashMap<String, Object> record(Random r) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(List.of(FIELD_NAMES));
    java.util.Collections.shuffle(names, r);
    for (String name : names.subList(0, 1 + r.nextInt(names.size()))) {
      m.put(name, switch (r.nextInt(5)) {
        case 0 -> null;
        case 1 -> r.nextInt(100);
        case 2 -> List.of("l" + r.nextInt(3));
        case 3 -> new LinkedHashMap<>(Map.of("inner", "i" + r.nextInt(3)));
        default -> "s" + r.nextInt(5);
      });
    }
    return m;
  }

  private static Set<String> keys(Random r) {
    Set<String> keys = new HashSet<>();
    for (String k : allKeys()) {
      if (r.nextInt(3) > 0) {
        keys.add(k);
      }
    }
    return keys;
  }

  private static LinkedHashMap<String, Object> entries(Random r) {
    LinkedHashMap<String, Object> m = new LinkedHashMap<>();
    for (int i = r.nextInt(4); i > 0; i--) {
      String key = r.nextBoolean() ? FIELD_NAMES[r.nextInt(FIELD_NAMES.length)] : NEW_KEYS[r.nextInt(NEW_KEYS.length)];
      m.put(key, r.nextInt(4) == 0 ? null : "m" + r.nextInt(5));
    }
    return m;
  }

  // ---------------------------------------------------------------- examples

  @Test
  void aFieldRemovedThenPutBackComesAfterTheOtherEntriesAsInALinkedHashMap() {
    LinkedHashMap<String, Object> record = new LinkedHashMap<>();
    record.put("a", 1);
    record.put("b", 2);
    record.put("c", 3);
    RecordView base = viewOf(record);
    RecordView view = base.retain(i -> i != 0).with(Map.of("x", 9)).with(Map.of("a", 7));
    assertEquals(List.of("b", "c", "x", "a"), new ArrayList<>(RecordView.toPlain(view) instanceof Map<?, ?> m
        ? castMap(m).keySet() : Set.of()));
    // retain numbers the entries after the fields in their order: x is 3, a is 4
    RecordView onlyA = view.retain(i -> view.keyAt(i).equals("a"));
    assertEquals(Map.of("a", 7), RecordView.toPlain(onlyA));
    assertEquals("x", view.keyAt(3));
    assertEquals("a", view.keyAt(4));
    assertEquals(7, view.valueAt(4));
  }

  @Test
  void aFieldIsConvertedOnceAndANullOneReadsNullEveryTime() {
    LinkedHashMap<String, Object> nested = new LinkedHashMap<>();
    nested.put("x", 1);
    LinkedHashMap<String, Object> record = new LinkedHashMap<>();
    record.put("a", "1");
    record.put("n", null);
    record.put("r", nested);
    MapFields fields = new MapFields(record);
    RecordView view = new RecordView(fields);
    Object fallback = new Object();
    assertSame(fallback, view.readValueOr(0, fallback), "nothing read yet");
    assertEquals("1", view.field(0));
    assertEquals("1", view.field(0));
    assertEquals(1, fields.reads(), "a value is read from the record once");
    assertEquals("1", view.readValueOr(0, fallback));
    assertSame(view.field(2), view.field(2), "a nested record is one view, whoever asks");
    assertEquals(2, fields.reads());
    assertNull(view.field(1));
    assertNull(view.field(1));
    assertNull(view.get("n"));
    assertTrue(view.containsKey("n"));
    // A null is not remembered (null marks "not read"): it is read again, and is null again.
    assertEquals(5, fields.reads());
    assertSame(fallback, view.readValueOr(1, fallback), "a null read is taken from the record as it is");
  }

  @Test
  void aWriteToADerivedViewChangesNeitherTheViewItCameFromNorTheRecord() {
    LinkedHashMap<String, Object> record = new LinkedHashMap<>();
    record.put("a", "1");
    record.put("b", "2");
    RecordView base = viewOf(record);
    RecordView merged = base.with(Map.of("c", "3"));
    RecordView sifted = merged.retain(i -> true);
    sifted.put("a", "changed");
    sifted.remove("b");
    merged.put("d", "4");
    assertEquals(Map.of("a", "1", "b", "2"), RecordView.toPlain(base));
    assertEquals(Map.of("a", "1", "b", "2", "c", "3", "d", "4"), RecordView.toPlain(merged));
    assertEquals(Map.of("a", "changed", "c", "3"), RecordView.toPlain(sifted));
    assertEquals(Map.of("a", "1", "b", "2"), record);
    assertFalse(base.isCopied());
  }

  @Test
  void toPlainLeavesNoViewAtAnyDepth() {
    LinkedHashMap<String, Object> inner = new LinkedHashMap<>();
    inner.put("k", "v");
    LinkedHashMap<String, Object> record = new LinkedHashMap<>();
    record.put("nested", inner);
    record.put("list", List.of(Map.of("in", "list")));
    RecordView view = viewOf(record);
    Object plain = RecordView.toPlain(List.of(Map.of("wrapped", view), view.with(Map.of("again", view))));
    assertNoView(plain);
    assertEquals(List.of(Map.of("wrapped", record), merge(record, Map.of("again", record))), plain);
  }

  private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
    Map<String, Object> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }

  private static void assertNoView(Object v) {
    if (v instanceof RecordView) {
      fail("a view left in " + v);
    }
    if (v instanceof Map<?, ?> m) {
      m.values().forEach(RecordViewTest::assertNoView);
    } else if (v instanceof List<?> l) {
      l.forEach(RecordViewTest::assertNoView);
    }
  }
}
