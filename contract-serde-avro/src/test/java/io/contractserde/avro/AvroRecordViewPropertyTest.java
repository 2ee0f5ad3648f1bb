package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.RegisteredSchema;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.format.RecordView;
import io.contractserde.registry.MockContractRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.util.Utf8;

/**
 * Avro records as {@link RecordView}s, over generated schemas and records (nested records, enums,
 * fixed, bytes, unions of null, string and records, arrays and maps of records, decimal, date,
 * timestamp-millis, uuid). A view copied into plain maps is the record's data model, whichever
 * way the view was made; and migrations through real serdes, with computed JSONata rules over
 * two and three hops (some hops without rules), give on the compiled path, which runs on views and
 * moves unchanged fields into the next version's record, exactly the records the interpreter gives
 * ({@code jsonata.compiled=false}, {@code migration.fast.path=false}), each one a tree of its own
 * that shares no mutable object between two of its fields.
 */
class AvroRecordViewPropertyTest {
  private static final AtomicInteger COMPARED = new AtomicInteger();
  private static final AtomicInteger MIGRATED = new AtomicInteger();

  // ---------------------------------------------------------------- (a) views are the data model

  @Property(tries = 300)
  void aViewCopiedIntoPlainMapsIsTheRecordsDataModelHoweverItWasMade(@ForAll long seed) {
    Random random = new Random(seed);
    RandomAvro gen = new RandomAvro(random);
    List<String> fields = new ArrayList<>();
    for (int i = 0, n = 2 + random.nextInt(7); i < n; i++) {
      fields.add(RandomAvro.field("g" + i, gen.type(2), null));
    }
    String json = RandomAvro.record("Top", fields);
    Schema schema = new Schema.Parser().parse(json);
    AvroContractSchema generic = contract(json, AvroDatumKinds.DEFAULT);
    AvroContractSchema converting = contract(json, AvroDatumKinds.of(true, false, false, false, null));
    for (int n = 0; n < 3; n++) {
      GenericRecord record = (GenericRecord) gen.value(schema);
      Object model = generic.toModel(record);
      String before = record.toString();
      assertEquals(model, RecordView.toPlain(generic.view(record)), json);
      byte[] bytes = encode(schema, record);
      Object decoded = generic.decodeModel(bytes, 0, bytes.length);
      assertTrue(decoded instanceof RecordView, "a decoded record is a view");
      assertEquals(model, RecordView.toPlain(decoded), json);
      GenericRecord withConversions = decode(schema, bytes, AvroDatumKinds.addConversions(new GenericData()));
      assertEquals(model, RecordView.toPlain(converting.view(withConversions)), "with logical-type conversions: " + json);
      assertEquals(model, converting.toModel(withConversions), json);
      // Field by field through get, as a path reads it.
      RecordView view = (RecordView) generic.view(record);
      for (Schema.Field f : schema.getFields()) {
        assertEquals(((Map<?, ?>) model).get(f.name()), RecordView.toPlain(view.get(f.name())), f.name());
      }
      // A record built back from a view is the record, from the caller's record or from a decoded one.
      assertEquals(record, generic.fromModel(generic.view(record)), json);
      assertEquals(record, generic.fromModel(generic.decodeModel(bytes, 0, bytes.length)), json);
      assertEquals(generic.fromModel(model), generic.fromModel(generic.view(record)), json);
      assertEquals(before, record.toString(), "the caller's record is not written to");
      COMPARED.incrementAndGet();
    }
  }

  static AvroContractSchema contract(String json, AvroDatumKinds kinds) {
    return new AvroContractSchema(new RegisteredSchema("t-value", 1, 1, null, "AVRO", json, null, null, null),
        new Schema.Parser().parse(json), kinds);
  }

  static byte[] encode(Schema schema, Object record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<Object>(schema, GenericData.get()).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GenericRecord decode(Schema schema, byte[] bytes, GenericData data) {
    try {
      return (GenericRecord) new GenericDatumReader<Object>(schema, schema, data)
          .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- (b) migrations

  /** A field of a version: name, type JSON, default JSON or null. */
  private record Fld(String name, String type, String defaultJson) {
    String json() {
      return RandomAvro.field(name, type, defaultJson);
    }

    Fld named(String newName) {
      return new Fld(newName, type, defaultJson);
    }
  }

  private static final String INNER = "{\"type\":\"record\",\"name\":\"Inner\",\"namespace\":\"gen\",\"fields\":["
      + "{\"name\":\"s\",\"type\":\"string\"},{\"name\":\"n\",\"type\":\"int\"},{\"name\":\"blob\",\"type\":\"bytes\"},"
      + "{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
      + "{\"name\":\"deep\",\"type\":{\"type\":\"record\",\"name\":\"Deep\",\"fields\":[{\"name\":\"d\",\"type\":\"string\"},"
      + "{\"name\":\"raw\",\"type\":{\"type\":\"fixed\",\"name\":\"Raw\",\"size\":2}}]}}]}";
  private static final String ITEM = "{\"type\":\"record\",\"name\":\"Item\",\"namespace\":\"gen\",\"fields\":["
      + "{\"name\":\"x\",\"type\":\"int\"},{\"name\":\"y\",\"type\":\"string\"},"
      + "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"ItemKind\",\"symbols\":[\"P\",\"Q\"]}}]}";

  @Property(tries = 80)
  void computedMigrationsOverTwoAndThreeHopsGiveTheInterpretersRecords(@ForAll long seed) {
    Random random = new Random(seed);
    RandomAvro gen = new RandomAvro(random);
    String scope = "view-migration-" + seed + "-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    try {
      List<Fld> v1 = new ArrayList<>();
      v1.add(new Fld("full", "\"string\"", null));
      v1.add(new Fld("inner", INNER, null));
      v1.add(new Fld("items", "{\"type\":\"array\",\"items\":" + ITEM + "}", null));
      v1.add(new Fld("opt", "[\"null\",\"string\"]", "null"));
      for (int i = 0, n = random.nextInt(5); i < n; i++) {
        v1.add(new Fld("g" + i, gen.type(1), null));
      }
      java.util.Collections.shuffle(v1, random);
      List<List<Fld>> versions = new ArrayList<>();
      List<List<Rule>> rules = new ArrayList<>();
      versions.add(v1);
      rules.add(List.of());
      int count = 3 + random.nextInt(2);
      boolean ruleLessDone = false;
      for (int v = 2; v <= count; v++) {
        List<Fld> cur = versions.get(versions.size() - 1);
        boolean ruleLess = !ruleLessDone && v > 2 && v < count && random.nextBoolean();
        if (ruleLess) {
          ruleLessDone = true;
          List<Fld> next = new ArrayList<>(cur);
          next.add(random.nextInt(next.size() + 1), new Fld("extra" + v, "\"string\"", "\"e\""));
          versions.add(next);
          rules.add(List.of());
          continue;
        }
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        List<Fld> next = new ArrayList<>(cur);
        int ops = 1 + random.nextInt(3);
        boolean computed = false;
        for (int k = 0; k < ops || !computed; k++) {
          computed |= op(random, next, up, down, v);
        }
        versions.add(next);
        List<Rule> hop = new ArrayList<>();
        for (String e : up) {
          hop.add(Rule.of("up" + v + "_" + hop.size(), RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", e));
        }
        for (String e : down) {
          hop.add(Rule.of("down" + v + "_" + hop.size(), RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA", e));
        }
        rules.add(hop);
      }
      for (int v = 1; v <= versions.size(); v++) {
        registry.register("t-value", SchemaDefinition.of("AVRO", schema(versions.get(v - 1)))
            .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(v))))
            .withRuleSet(rules.get(v - 1).isEmpty() ? null : RuleSet.ofMigrationRules(rules.get(v - 1))));
      }
      compareAll("mock://" + scope, versions, rules, gen);
    } finally {
      MockContractRegistry.dropScope(scope);
    }
  }

  /**
   * One change of a rule hop, applied to {@code next}, with its UPGRADE rule and, where the
   * older version needs one, its DOWNGRADE rule; true when it computes something (not a bare
   * rename or drop).
   */
  private static boolean op(Random random, List<Fld> next, List<String> up, List<String> down, int v) {
    switch (random.nextInt(10)) {
      case 0 -> {
        int at = indexOf(next, "full");
        if (at < 0) {
          return false;
        }
        next.remove(at);
        next.add(at, new Fld("first", "\"string\"", null));
        next.add(at + 1, new Fld("last", "\"string\"", null));
        up.add("$merge([$sift($, function($v, $k) {$k != 'full'}), {'first': $substringBefore($.full, ' '),"
            + " 'last': $substringAfter($.full, ' ')}])");
        down.add(0, "$merge([$sift($, function($v, $k) {$k != 'first' and $k != 'last'}),"
            + " {'full': $.first & ' ' & $.last}])");
        return true;
      }
      case 1 -> {
        Fld f = next.get(random.nextInt(next.size()));
        String to = f.name() + "_r";
        if (f.name().equals("inner") || f.name().equals("items") || indexOf(next, to) >= 0) {
          return false;
        }
        next.set(next.indexOf(f), f.named(to));
        up.add("$merge([$sift($, function($v, $k) {$k != '" + f.name() + "'}), {'" + to + "': $.'" + f.name() + "'}])");
        down.add(0, "$merge([$sift($, function($v, $k) {$k != '" + to + "'}), {'" + f.name() + "': $lookup($, '" + to
            + "')}])");
        return false;
      }
      case 2 -> {
        int at = indexOf(next, "opt");
        if (at < 0) {
          return false;
        }
        next.remove(at);
        up.add("$sift($, function($v, $k) {$k != 'opt'})");
        return false;
      }
      case 3 -> {
        up.add("$merge([$, {'inner': $merge([$.inner, {'s': $uppercase($.inner.s), 'n': $.inner.n + 1}])}])");
        down.add(0, "$merge([$, {'inner': $merge([$.inner, {'s': $lowercase($.inner.s), 'n': $.inner.n - 1}])}])");
        return true;
      }
      case 4 -> {
        if (indexOf(next, "count") >= 0) {
          return false;
        }
        next.add(new Fld("count", "\"int\"", null));
        up.add("$merge([$, {'count': $count($keys($))}])");
        down.add(0, "$sift($, function($v, $k) {$k != 'count'})");
        return true;
      }
      case 5 -> {
        StringBuilder reads = new StringBuilder();
        for (Fld f : next) {
          reads.append(reads.length() == 0 ? "" : ", ").append("$.'").append(f.name()).append("'");
        }
        String e = "$count([" + reads + ", $.inner.deep.d, $.items.e]) >= 0 ? $ : {}";
        up.add(e);
        down.add(0, e);
        return true;
      }
      case 6 -> {
        String e = "$merge([$, {'items': [$map($.items, function($i) {$merge([$i, {'y': $uppercase($i.y)}])})]}])";
        up.add(e);
        down.add(0, "$merge([$, {'items': [$map($.items, function($i) {$sift($i, function($v, $k) {true})})]}])");
        return true;
      }
      case 7 -> {
        Fld f = next.get(random.nextInt(next.size()));
        String e = "$merge([$sift($, function($v, $k) {$k != '" + f.name() + "' and $k != 'zzz'}), {'" + f.name()
            + "': $lookup($, '" + f.name() + "')}])";
        up.add(e);
        down.add(0, e);
        return true;
      }
      case 8 -> {
        if (indexOf(next, "copy" + v) >= 0 || indexOf(next, "inner") < 0) {
          return false;
        }
        next.add(new Fld("copy" + v, "\"gen.Inner\"", null));
        up.add("$merge([$, {'copy" + v + "': $.inner}])");
        down.add(0, "$sift($, function($v, $k) {$k != 'copy" + v + "'})");
        return true;
      }
      default -> {
        String e = "$merge([$, {'inner': $.inner, 'items': $.items}])";
        up.add(e);
        down.add(0, e);
        return true;
      }
    }
  }

  private static int indexOf(List<Fld> fields, String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static String schema(List<Fld> fields) {
    // A named type is defined where it first appears and referred to by name after.
    List<String> jsons = new ArrayList<>();
    boolean innerDefined = false;
    for (Fld f : fields) {
      Fld g = f;
      if (f.type().equals("\"gen.Inner\"") && !innerDefined) {
        g = new Fld(f.name(), INNER, f.defaultJson());
      } else if (f.type().equals(INNER) && innerDefined) {
        g = new Fld(f.name(), "\"gen.Inner\"", f.defaultJson());
      }
      innerDefined |= g.type().equals(INNER);
      jsons.add(g.json());
    }
    return RandomAvro.record("Rec", jsons);
  }

  private static void compareAll(String url, List<List<Fld>> versions, List<List<Rule>> rules, RandomAvro gen) {
    int n = versions.size();
    List<AvroContractDeserializer<Object>> compiled = new ArrayList<>();
    List<AvroContractDeserializer<Object>> interpreted = new ArrayList<>();
    for (int r = 1; r <= n; r++) {
      compiled.add(new AvroContractDeserializer<>(Accounts.props(url, "use.latest.with.metadata", "v=" + r), false));
      interpreted.add(new AvroContractDeserializer<>(Accounts.props(url, "use.latest.with.metadata", "v=" + r,
          "jsonata.compiled", false, "migration.fast.path", false), false));
    }
    for (int w = 1; w <= n; w++) {
      Schema writer = new Schema.Parser().parse(schema(versions.get(w - 1)));
      AvroContractSerializer<Object> producer = new AvroContractSerializer<>(Accounts.props(url,
          "use.latest.with.metadata", "v=" + w), false);
      for (int k = 0; k < 2; k++) {
        byte[] bytes = producer.serialize("t", gen.value(writer));
        for (int r = 1; r <= n; r++) {
          Object expected = read(interpreted.get(r - 1), bytes);
          Object actual = read(compiled.get(r - 1), bytes);
          String combination = "writer v" + w + " -> reader v" + r + " of " + describe(versions, rules);
          assertEquals(expected, actual, combination);
          if (actual instanceof GenericRecord record) {
            assertEquals(((GenericRecord) expected).getSchema(), record.getSchema(), combination);
            assertSameJavaTypes(expected, actual, "$", combination);
            assertNoSharedMutableObject(record, combination);
            if (w != r) {
              MIGRATED.incrementAndGet();
            }
          }
          COMPARED.incrementAndGet();
        }
      }
    }
  }

  /** The versions' field names and rules, short enough for a failure message. */
  private static String describe(List<List<Fld>> versions, List<List<Rule>> rules) {
    StringBuilder sb = new StringBuilder();
    for (int v = 0; v < versions.size(); v++) {
      sb.append("\n  v").append(v + 1).append(' ').append(versions.get(v).stream().map(Fld::name).toList());
      for (Rule rule : rules.get(v)) {
        sb.append("\n    ").append(rule.mode()).append(' ').append(rule.expr());
      }
    }
    return sb.toString();
  }

  private static Object read(AvroContractDeserializer<Object> deserializer, byte[] bytes) {
    try {
      return deserializer.deserialize("t", bytes);
    } catch (RuntimeException e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }

  /** Both hold the same Java types at the same places (a Utf8 where the other has a Utf8, ...). */
  static void assertSameJavaTypes(Object expected, Object actual, String path, String where) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, path + "; " + where);
      return;
    }
    assertEquals(expected.getClass(), actual.getClass(), path + "; " + where);
    if (expected instanceof GenericRecord e) {
      for (Schema.Field f : e.getSchema().getFields()) {
        assertSameJavaTypes(e.get(f.pos()), ((GenericRecord) actual).get(f.pos()), path + "." + f.name(), where);
      }
    } else if (expected instanceof Map<?, ?> e) {
      e.forEach((k, v) -> assertSameJavaTypes(v, ((Map<?, ?>) actual).get(k), path + "[" + k + "]", where));
    } else if (expected instanceof List<?> e) {
      for (int i = 0; i < e.size(); i++) {
        assertSameJavaTypes(e.get(i), ((List<?>) actual).get(i), path + "[" + i + "]", where);
      }
    }
  }

  /**
   * A deserialized record is a tree: no mutable object (string, buffer, record, array, fixed, map)
   * is reachable from two places, so a consumer changing one field never changes another.
   */
  static void assertNoSharedMutableObject(Object record, String where) {
    IdentityHashMap<Object, String> seen = new IdentityHashMap<>();
    walk(record, "$", seen, where);
  }

  private static void walk(Object v, String path, IdentityHashMap<Object, String> seen, String where) {
    if (v == null) {
      return;
    }
    boolean mutable = v instanceof Utf8 || v instanceof ByteBuffer || v instanceof GenericContainer || v instanceof Map
        || v instanceof Collection;
    if (mutable && !(v instanceof GenericData.EnumSymbol)) {
      String other = seen.put(v, path);
      if (other != null) {
        throw new AssertionError(path + " is the same " + v.getClass().getSimpleName() + " object as " + other
            + " in " + v + "; " + where);
      }
    }
    if (v instanceof GenericRecord r) {
      for (Schema.Field f : r.getSchema().getFields()) {
        walk(r.get(f.pos()), path + "." + f.name(), seen, where);
      }
    } else if (v instanceof Map<?, ?> m) {
      m.forEach((key, value) -> {
        walk(key, path + "{key " + key + "}", seen, where);
        walk(value, path + "[" + key + "]", seen, where);
      });
    } else if (v instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        walk(item, path + "[" + i++ + "]", seen, where);
      }
    }
  }

  // ---------------------------------------------------------------- (b) into generated classes and POJOs

  static final String PAYMENT_V1 = """
      {"type":"record","name":"Payment","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"ref","type":{"type":"string","logicalType":"uuid"}},
        {"name":"paid_at","type":{"type":"long","logicalType":"timestamp-millis"}},
        {"name":"day","type":{"type":"int","logicalType":"date"}},
        {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}}]}""";

  @Property(tries = 40)
  void computedMigrationsIntoAGeneratedClassGiveTheInterpretersRecords(@ForAll long seed) {
    Random random = new Random(seed);
    String scope = "view-specific-" + seed + "-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    try {
      registry.register("p-value", SchemaDefinition.of("AVRO", PAYMENT_V1)
          .withMetadata(Metadata.ofProperties(Map.of("v", "1"))));
      registry.register("p-value", SchemaDefinition.of("AVRO", io.contractserde.avro.testdata.Payment.SCHEMA$.toString())
          .withMetadata(Metadata.ofProperties(Map.of("v", "2")))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(
              Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", random.nextBoolean()
                  ? "$merge([$sift($, function($v, $k) {$k != 'paid_at'}), {'ts': $.paid_at, 'settled': $.paid_at * 1000,"
                  + " 'day': $.day + 1}])"
                  : "$merge([$sift($, function($v, $k) {$k != 'paid_at'}), {'ts': $.paid_at}])"),
              Rule.of("down", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
                  "$merge([$sift($, function($v, $k) {$k != 'ts' and $k != 'settled'}), {'paid_at': $.ts,"
                  + " 'day': $.day - 1}])")))));
      String url = "mock://" + scope;
      Schema v1 = new Schema.Parser().parse(PAYMENT_V1);
      RandomAvro gen = new RandomAvro(random);
      for (boolean specific : new boolean[] {true, false}) {
        Object[] kind = specific ? new Object[] {"specific.avro.reader", true} : new Object[] {};
        for (int n = 0; n < 3; n++) {
          byte[] fromV1 = new AvroContractSerializer<>(Accounts.props(url, "use.latest.with.metadata", "v=1"), false)
              .serialize("p", gen.value(v1));
          Object compiled = readAs(url, "p", 2, fromV1, kind);
          Object interpreted = readAs(url, "p", 2, fromV1, with(kind, "jsonata.compiled", false, "migration.fast.path", false));
          assertEquals(interpreted, compiled);
          assertEquals(specific, compiled instanceof io.contractserde.avro.testdata.Payment, String.valueOf(compiled));
          assertTrue(compiled instanceof org.apache.avro.generic.IndexedRecord, String.valueOf(compiled));
          byte[] fromV2 = new AvroContractSerializer<>(Accounts.props(url, "use.latest.with.metadata", "v=2"), false)
              .serialize("p", interpreted);
          Object down = readAs(url, "p", 1, fromV2);
          assertTrue(down instanceof GenericRecord, String.valueOf(down));
          assertEquals(readAs(url, "p", 1, fromV2, "jsonata.compiled", false, "migration.fast.path", false), down);
          COMPARED.incrementAndGet();
        }
      }
    } finally {
      MockContractRegistry.dropScope(scope);
    }
  }

  static final String SHIPMENT_V1 = """
      {"type":"record","name":"Shipment","namespace":"io.contractserde.avro.testdata","fields":[
        {"name":"id","type":"string"},
        {"name":"qty","type":"int"},
        {"name":"tags","type":{"type":"array","items":"string"}},
        {"name":"shipped","type":{"type":"int","logicalType":"date"}}]}""";

  @Property(tries = 40)
  void computedMigrationsIntoAPojoGiveTheInterpretersObjects(@ForAll long seed) {
    Random random = new Random(seed);
    String scope = "view-reflect-" + seed + "-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    try {
      registry.register("s-value", SchemaDefinition.of("AVRO", SHIPMENT_V1)
          .withMetadata(Metadata.ofProperties(Map.of("v", "1"))));
      registry.register("s-value", SchemaDefinition.of("AVRO",
              org.apache.avro.reflect.ReflectData.get().getSchema(io.contractserde.avro.testdata.Shipment.class).toString())
          .withMetadata(Metadata.ofProperties(Map.of("v", "2")))
          .withRuleSet(RuleSet.ofMigrationRules(List.of(
              Rule.of("up", RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
                  "$merge([$sift($, function($v, $k) {$k != 'qty'}), {'quantity': $.qty * 2,"
                  + " 'tags': [$append($.tags, $string($.shipped))]}])"),
              Rule.of("down", RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
                  "$merge([$sift($, function($v, $k) {$k != 'quantity'}), {'qty': $.quantity}])")))));
      String url = "mock://" + scope;
      Schema v1 = new Schema.Parser().parse(SHIPMENT_V1);
      RandomAvro gen = new RandomAvro(random);
      Object[] reflect = {"schema.reflection", true, "avro.use.logical.type.converters", true};
      for (int n = 0; n < 3; n++) {
        GenericRecord written = (GenericRecord) gen.value(v1);
        written.put("qty", random.nextInt(1000));
        byte[] fromV1 = new AvroContractSerializer<>(Accounts.props(url, "use.latest.with.metadata", "v=1"), false)
            .serialize("s", written);
        Object compiled = readAs(url, "s", 2, fromV1, reflect);
        Object interpreted = readAs(url, "s", 2, fromV1, with(reflect, "jsonata.compiled", false, "migration.fast.path", false));
        assertEquals(interpreted, compiled);
        assertTrue(compiled instanceof io.contractserde.avro.testdata.Shipment, String.valueOf(compiled));
        COMPARED.incrementAndGet();
      }
    } finally {
      MockContractRegistry.dropScope(scope);
    }
  }

  private static Object readAs(String url, String topic, int version, byte[] bytes, Object... pairs) {
    try (AvroContractDeserializer<Object> d = new AvroContractDeserializer<>(Accounts.props(url,
        with(pairs, "use.latest.with.metadata", "v=" + version)), false)) {
      return d.deserialize(topic, bytes);
    } catch (RuntimeException e) {
      return "failed: " + e;
    }
  }

  private static Object[] with(Object[] pairs, Object... more) {
    List<Object> all = new ArrayList<>(List.of(pairs));
    all.addAll(List.of(more));
    return all.toArray();
  }

  @AfterContainer
  static void notVacuous() {
    assertTrue(COMPARED.get() > 1000, "compared " + COMPARED.get());
    assertTrue(MIGRATED.get() > 300, "migrated " + MIGRATED.get());
  }
}
