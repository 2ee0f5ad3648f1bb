package io.contractserde.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.format.RecordView;
import io.contractserde.testing.SerdeProps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The data model of a JSON document read as a view of its Jackson tree is exactly the one
 * {@code readValue(bytes, Object.class)} gives (same values, same Java types, same key order), and
 * the document built back from a view, read or not, changed in place or not, with fields hidden
 * and entries put on top as {@code $sift} and {@code $merge} do, is exactly {@code valueToTree} of
 * that model. Checked on generated documents (nested objects and arrays,
 * duplicate keys, integers of every size, decimals such as {@code 1.0}, {@code 1e3}, {@code -0.0},
 * {@code 1.10}, strings with any Unicode, nulls) with the serde's mapper and with mappers set up
 * otherwise: floats as doubles, trees that trim decimals (then no view is made, and the answers are
 * still the same), decimals kept by {@code JsonNodeFeature}, an application's plain mapper, integers
 * as {@code BigInteger}, map keys sorted on write.
 */
class JsonViewPropertyTest {
  private static final String[] KEYS = {"a", "b", "id", "name", "é", "\uD83D\uDE00", "x y", ""};
  private static final String[] NUMBERS = {"0", "-0", "1", "-1", "1.0", "1.10", "-0.0", "0.0", "1e3", "1E3",
      "1e+3", "1E-7", "2.50", "100", "2147483647", "2147483648", "-2147483648", "-2147483649",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "12345678901234567890123",
      "0.1", "3.141592653589793238462643383279", "1e400", "-1.5e-400", "123456789.000"};
  private static final AtomicInteger VIEWED = new AtomicInteger();
  private static final AtomicInteger CHANGED = new AtomicInteger();
  private static final AtomicInteger DERIVED = new AtomicInteger();

  /** Disables exact decimals: floats are read as doubles. */
  public static final class FloatsAsDoubles implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
  }

  /** Trees trim trailing zeros of decimals ({@code 1.10} becomes {@code 1.1}), values read do not. */
  public static final class TrimmedTreeDecimals implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(false));
    }
  }

  /** A trimming node factory, overruled by {@code JsonNodeFeature}: decimals stay exact. */
  public static final class DecimalsKeptByFeature implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.setNodeFactory(JsonNodeFactory.withExactBigDecimals(false));
      mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }
  }

  /** Every integer read as a {@code BigInteger}. */
  public static final class BigIntegers implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    }
  }

  /** Map entries written in key order. */
  public static final class SortedKeys implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
  }

  /** One way to set up the mapper, and whether documents are then read as views. */
  private record Variant(String name, JsonContractSchema schema, JsonContractSchema other, ObjectMapper mapper,
      boolean views) {
    static Variant of(String name, Class<?> customizer, ObjectMapper own, boolean views) {
      Map<String, Object> props = SerdeProps.props("mock://json-view-property");
      if (customizer != null) {
        props.put("json.object.mapper.customizer", customizer.getName());
      }
      JsonFormat format = new JsonFormat(new JsonContractSerdeConfig(props), false, own);
      return new Variant(name, parse(format, 1), parse(format, 2), format.mapper(), views);
    }

    private static JsonContractSchema parse(JsonFormat format, int id) {
      return (JsonContractSchema) format.parse(new RegisteredSchema("s", id, id, null, "JSON", "{}", null, null, null),
          null);
    }
  }

  private static final List<Variant> VARIANTS = List.of(
      Variant.of("the serde's mapper", null, null, true),
      Variant.of("floats as doubles", FloatsAsDoubles.class, null, true),
      Variant.of("trees that trim decimals", TrimmedTreeDecimals.class, null, false),
      Variant.of("decimals kept by JsonNodeFeature", DecimalsKeptByFeature.class, null, true),
      Variant.of("an application's plain mapper", null, new ObjectMapper(), true),
      Variant.of("integers as BigInteger", BigIntegers.class, null, false),
      Variant.of("map keys sorted on write", SortedKeys.class, null, false));

  @Property(tries = 300)
  void aViewReadsWhatReadValueReadsAndBuildsWhatValueToTreeBuilds(@ForAll long seed) throws Exception {
    Random random = new Random(seed);
    String json = random.nextInt(6) == 0 ? value(random, 0) : object(random, 0);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    for (Variant v : VARIANTS) {
      String where = v.name() + ": " + json;
      ObjectMapper mapper = v.mapper();
      Object plain = mapper.readValue(bytes, Object.class);
      Object decoded = v.schema().decodeModel(bytes, 0, bytes.length);
      assertEquals(v.views() && plain instanceof Map, decoded instanceof RecordView, where);
      assertSame(plain, RecordView.toPlain(decoded), where);

      // The next version's document: the same fields read (or not) and changed in place on both.
      long walk = random.nextLong();
      Object expectedModel = RecordView.toPlain(mapper.readValue(bytes, Object.class));
      boolean changed = touch(expectedModel, new Random(walk));
      touch(decoded, new Random(walk));
      assertSameTree(mapper.valueToTree(expectedModel), (JsonNode) v.schema().fromModel(decoded), where);
      assertSame(expectedModel, RecordView.toPlain(decoded), where);
      if (decoded instanceof RecordView) {
        VIEWED.incrementAndGet();
        if (changed) {
          CHANGED.incrementAndGet();
        }
      }

      // What $sift and $merge derive, without reading: kept and hidden fields, entries put on top
      // (over a kept field, over a hidden one, new), in the view's own entry order.
      if (v.schema().decodeModel(bytes, 0, bytes.length) instanceof RecordView fresh) {
        RecordView derived = derive(fresh, random);
        JsonNode built = (JsonNode) v.schema().fromModel(derived);
        assertSameTree(mapper.valueToTree(RecordView.toPlain(derived)), built, where + " derived " + derived);
        DERIVED.incrementAndGet();
      }

      // A hop without rules to another version, then that version's document.
      Object hopped = v.schema().resolverTo(v.other()).resolve(v.schema().decodeModel(bytes, 0, bytes.length));
      Object today = v.other().toModel(v.other().fromModel(plain));
      assertSame(today, RecordView.toPlain(hopped), where);
      assertSameTree((JsonNode) v.other().fromModel(today), (JsonNode) v.other().fromModel(hopped), where);

      // A tree the caller gives, as domain rules see it: convertValue's model, the tree untouched.
      JsonNode tree = mapper.readTree(bytes);
      JsonNode before = tree.deepCopy();
      assertSame(mapper.convertValue(tree, Object.class), RecordView.toPlain(v.schema().view(tree)), where);
      Object converted = mapper.convertValue(tree, Object.class);
      Object viewed = v.schema().view(tree);
      touch(converted, new Random(walk));
      touch(viewed, new Random(walk));
      assertSame(converted, RecordView.toPlain(viewed), where);
      assertSameTree(before, tree, where);
    }
  }

  @AfterContainer
  static void notVacuous() {
    assertTrue(VIEWED.get() > 500, VIEWED.get() + " documents read as views");
    assertTrue(CHANGED.get() > 100, CHANGED.get() + " views changed in place");
    assertTrue(DERIVED.get() > 500, DERIVED.get() + " views derived");
  }

  private static void assertSame(Object expected, Object actual, String where) {
    assertTrue(JsonDataModel.sameModel(expected, actual), where + "\nexpected " + describe(expected)
        + "\n  actual " + describe(actual));
  }

  private static void assertSameTree(JsonNode expected, JsonNode actual, String where) {
    assertTrue(JsonDataModel.sameTree(expected, actual), where + "\nexpected " + expected + "\n  actual " + actual);
  }

  /** The value with the Java class of every scalar, for messages. */
  private static String describe(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder(value.getClass().getSimpleName()).append('{');
      map.forEach((k, v) -> out.append(k).append('=').append(describe(v)).append(", "));
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      list.forEach(item -> items.add(describe(item)));
      return value.getClass().getSimpleName() + items;
    }
    return value == null ? "null" : value + ":" + value.getClass().getSimpleName();
  }

  /** The view with some fields hidden and some entries put on top, some fields read first, twice over. */
  private static RecordView derive(RecordView view, Random random) {
    RecordView out = view;
    for (int round = 0; round < 2; round++) {
      int n = out.fields().count();
      if (n > 0 && random.nextBoolean()) {
        out.get(out.fields().name(random.nextInt(n)));
      }
      long keep = random.nextLong();
      out = out.retain(i -> (keep >>> (i % 64) & 1) == 1 || (keep & 3) == 0);
      Map<String, Object> top = new LinkedHashMap<>();
      for (int i = 0, k = random.nextInt(3); i < k; i++) {
        String key = n > 0 && random.nextBoolean() ? out.fields().name(random.nextInt(n)) : KEYS[random.nextInt(KEYS.length)];
        Object value = n > 0 && random.nextBoolean() ? view.get(view.fields().name(random.nextInt(n))) : "put " + i;
        top.put(key, value);
      }
      out = out.with(top);
    }
    return out;
  }

  /**
   * Reads some entries of a model (at any depth) and changes some maps and lists in place, choosing
   * by {@code random} only, so two equal models are touched alike; whether anything was changed.
   */
  @SuppressWarnings("unchecked")
  private static boolean touch(Object model, Random random) {
    boolean changed = false;
    if (model instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      for (String key : new ArrayList<>(readOnlyKeys(m))) {
        int choice = random.nextInt(4);
        if (choice > 0) {
          changed |= touch(m.get(key), random);
        }
      }
      switch (random.nextInt(8)) {
        case 0 -> {
          m.put("added", random.nextInt(3) == 0 ? null : "new");
          changed = true;
        }
        case 1 -> {
          if (!m.isEmpty()) {
            m.remove(m.keySet().iterator().next());
            changed = true;
          }
        }
        default -> { }
      }
    } else if (model instanceof List<?> list) {
      for (Object item : list) {
        if (random.nextBoolean()) {
          changed |= touch(item, random);
        }
      }
      if (random.nextInt(6) == 0) {
        ((List<Object>) list).add(new LinkedHashMap<>(Map.of("k", 1)));
        changed = true;
      }
    }
    return changed;
  }

  /** The keys of a map in order, without reading or copying a view. */
  private static List<String> readOnlyKeys(Map<String, Object> map) {
    if (map instanceof RecordView view && !view.isCopied()) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < view.fields().count(); i++) {
        if (view.visible(i)) {
          keys.add(view.fields().name(i));
        }
      }
      keys.addAll(view.added().keySet());
      return keys;
    }
    return new ArrayList<>(map.keySet());
  }

  private static String object(Random random, int depth) {
    StringBuilder out = new StringBuilder("{");
    for (int i = 0, n = random.nextInt(depth == 0 ? 7 : 4); i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      String key = random.nextInt(3) == 0 ? text(random) : KEYS[random.nextInt(KEYS.length)];
      out.append(quoted(key)).append(':').append(value(random, depth + 1));
    }
    return out.append('}').toString();
  }

  private static String value(Random random, int depth) {
    switch (random.nextInt(depth > 3 ? 4 : 7)) {
      case 0, 1 -> {
        return number(random);
      }
      case 2 -> {
        return quoted(text(random));
      }
      case 3 -> {
        return List.of("true", "false", "null").get(random.nextInt(3));
      }
      case 4, 5 -> {
        return object(random, depth);
      }
      default -> {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
          out.append(i > 0 ? "," : "").append(value(random, depth + 1));
        }
        return out.append(']').toString();
      }
    }
  }

  private static String number(Random random) {
    switch (random.nextInt(5)) {
      case 0 -> {
        return NUMBERS[random.nextInt(NUMBERS.length)];
      }
      case 1 -> {
        return String.valueOf(random.nextBoolean() ? random.nextInt() : random.nextLong());
      }
      case 2 -> {
        return (random.nextBoolean() ? "-" : "") + digits(random, 1 + random.nextInt(30));
      }
      case 3 -> {
        return (random.nextBoolean() ? "-" : "") + digits(random, 1 + random.nextInt(8)) + "."
            + digits(random, 1 + random.nextInt(12)) + (random.nextBoolean() ? "0" : "");
      }
      default -> {
        return digits(random, 1 + random.nextInt(4)) + (random.nextBoolean() ? "." + digits(random, 2) : "")
            + (random.nextBoolean() ? "e" : "E") + List.of("", "+", "-").get(random.nextInt(3)) + random.nextInt(40);
      }
    }
  }

  /** Digits without a leading zero (JSON forbids one), except a lone 0. */
  private static String digits(Random random, int n) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < n; i++) {
      out.append((char) ('0' + (i == 0 && n > 1 ? 1 + random.nextInt(9) : random.nextInt(10))));
    }
    return out.toString();
  }

  private static String text(Random random) {
    StringBuilder out = new StringBuilder();
    for (int i = 0, n = random.nextInt(6); i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> out.append((char) random.nextInt(0x20));
        case 1 -> out.appendCodePoint(0x1F600 + random.nextInt(80));
        case 2 -> out.append((char) (0xA0 + random.nextInt(0x2000)));
        case 3 -> out.append("\"\\/".charAt(random.nextInt(3)));
        default -> out.append((char) ('a' + random.nextInt(26)));
      }
    }
    return out.toString();
  }

  private static String quoted(String text) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
  }
}
