package io.contractserde.avro;

import static io.contractserde.avro.Accounts.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.contractserde.avro.testdata.Payment;
import io.contractserde.avro.testdata.Shipment;
import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleExecutor;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Avro records read through {@code RecordView}s, end to end through real serdes: a field placed
 * twice by a migration comes out as two values of their own; a custom executor that changes the
 * record in place on a migration has its changes in the migrated record; a domain TRANSFORM on
 * write that returns the record or merges into it leaves the caller's record as it was and writes
 * the interpreter's bytes; and one deserializer shared by eight threads, reading two subjects of
 * different schemas with the same key-only {@code $sift}, stays exact.
 */
class AvroRecordViewTest {
  private final String scope = "avro-record-view-" + System.nanoTime();
  private final String url = "mock://" + scope;
  private final MockContractRegistry registry = MockContractRegistry.scope(scope);

  @AfterEach
  void drop() {
    MockContractRegistry.dropScope(scope);
  }

  static final String INNER = """
      {"type":"record","name":"Inner","fields":[
        {"name":"s","type":"string"},
        {"name":"blob","type":"bytes"},
        {"name":"tags","type":{"type":"array","items":"string"}},
        {"name":"sub","type":{"type":"record","name":"Sub","fields":[{"name":"d","type":"string"}]}}]}""";
  static final String V1 = """
      {"type":"record","name":"Rec","fields":[
        {"name":"id","type":"string"},
        {"name":"tags","type":{"type":"array","items":"string"}},
        {"name":"inner","type":INNER},
        {"name":"gone","type":"string","default":"g"}]}""".replace("INNER", INNER);
  static final String V2 = """
      {"type":"record","name":"Rec","fields":[
        {"name":"id","type":"string"},
        {"name":"tags","type":{"type":"array","items":"string"}},
        {"name":"inner","type":INNER},
        {"name":"gone","type":"string","default":"g"},
        {"name":"copy","type":["null","Inner"],"default":null},
        {"name":"note","type":"string","default":"none"},
        {"name":"after","type":"string","default":"-"}]}""".replace("INNER", INNER);
  static final String V3 = V2.replace("{\"name\":\"id\",\"type\":\"string\"},",
      "{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"extra\",\"type\":\"string\",\"default\":\"e\"},");
  static final Schema V1_SCHEMA = new Schema.Parser().parse(V1);

  private void register(String subject, String schema, int v, RuleSet rules) {
    registry.register(subject, SchemaDefinition.of("AVRO", schema)
        .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(v)))).withRuleSet(rules));
  }

  private static RuleSet upgrade(Rule... rules) {
    return RuleSet.ofMigrationRules(List.of(rules));
  }

  private static Rule jsonata(String name, String expr) {
    return Rule.of(name, RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", expr);
  }

  static GenericRecord v1Record() {
    Schema inner = V1_SCHEMA.getField("inner").schema();
    GenericRecord sub = new GenericData.Record(inner.getField("sub").schema());
    sub.put("d", "deep");
    GenericRecord in = new GenericData.Record(inner);
    in.put("s", "small");
    in.put("blob", ByteBuffer.wrap(new byte[] {1, 2, 3}));
    in.put("tags", new GenericData.Array<>(inner.getField("tags").schema(), List.of("i1")));
    in.put("sub", sub);
    GenericRecord r = new GenericData.Record(V1_SCHEMA);
    r.put("id", "r-1");
    r.put("tags", new GenericData.Array<>(V1_SCHEMA.getField("tags").schema(), List.of("t1", "t2")));
    r.put("inner", in);
    r.put("gone", "going");
    return r;
  }

  private byte[] writeV1() {
    try (AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata",
        "v=1"), false)) {
      return producer.serialize("t", v1Record());
    }
  }

  private GenericRecord read(int version, byte[] bytes, Object... pairs) {
    List<Object> all = new ArrayList<>(List.of("use.latest.with.metadata", "v=" + version));
    all.addAll(List.of(pairs));
    try (AvroContractDeserializer<Object> d = new AvroContractDeserializer<>(props(url, all.toArray()), false)) {
      return (GenericRecord) d.deserialize("t", bytes);
    }
  }

  // ---------------------------------------------------------------- one value, two places

  @ParameterizedTest(name = "jsonata.compiled={0}")
  @ValueSource(booleans = {true, false})
  void aRecordFieldCopiedIntoASecondFieldGivesTwoValuesAConsumerCanChangeApart(boolean compiled) {
    register("t-value", V1, 1, null);
    register("t-value", V2, 2, upgrade(jsonata("copy", "$merge([$, {'copy': $.inner}])")));
    GenericRecord read = read(2, writeV1(), "jsonata.compiled", compiled);
    GenericRecord inner = (GenericRecord) read.get("inner");
    GenericRecord copy = (GenericRecord) read.get("copy");
    assertEquals(inner, copy);

    // A consumer reads the bytes of one (moving the buffer's position) and adds a tag to the other.
    ByteBuffer blob = (ByteBuffer) copy.get("blob");
    byte[] seen = new byte[blob.remaining()];
    blob.get(seen);
    assertArrayEquals(new byte[] {1, 2, 3}, seen);
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) copy.get("tags");
    tags.add("only-in-copy");
    ((GenericRecord) copy.get("sub")).put("d", "changed in copy");

    assertEquals(3, ((ByteBuffer) inner.get("blob")).remaining(), "the other field's bytes are all there");
    assertEquals(List.of("i1"), ((List<?>) inner.get("tags")).stream().map(Object::toString).toList());
    assertEquals("deep", ((GenericRecord) inner.get("sub")).get("d").toString());
    AvroRecordViewPropertyTest.assertNoSharedMutableObject(read, "v1 read as v2");
  }

  @Test
  void theRecordMovedIntoTwoRecordsOfAnArrayIsCopiedForTheSecond() {
    String v2 = V2.replace("{\"name\":\"copy\",\"type\":[\"null\",\"Inner\"],\"default\":null}",
        "{\"name\":\"copy\",\"type\":{\"type\":\"array\",\"items\":\"Inner\"},\"default\":[]}");
    register("t-value", V1, 1, null);
    register("t-value", v2, 2, upgrade(jsonata("twice", "$merge([$, {'copy': [$.inner, $.inner]}])")));
    GenericRecord read = read(2, writeV1());
    List<?> copies = (List<?>) read.get("copy");
    assertEquals(2, copies.size());
    assertEquals(read.get("inner"), copies.get(0));
    assertEquals(read.get("inner"), copies.get(1));
    assertNotSame(copies.get(0), copies.get(1));
    AvroRecordViewPropertyTest.assertNoSharedMutableObject(read, "v1 read as v2");
    assertEquals(read, read(2, writeV1(), "jsonata.compiled", false, "migration.fast.path", false));
  }

  @Test
  void aRecordOfMoreThan64FieldsCopiedIntoASecondFieldSharesNoValueWithIt() {
    StringBuilder fields = new StringBuilder();
    for (int i = 0; i < 70; i++) {
      fields.append(i == 0 ? "" : ",").append("{\"name\":\"f").append(i).append("\",\"type\":")
          .append(i % 2 == 0 ? "\"bytes\"" : "{\"type\":\"array\",\"items\":\"string\"}").append('}');
    }
    String wide = "{\"type\":\"record\",\"name\":\"Wide\",\"fields\":[" + fields + "]}";
    String v1 = "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"inner\",\"type\":" + wide + "}]}";
    String v2 = "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"inner\",\"type\":" + wide + "},"
        + "{\"name\":\"copy\",\"type\":\"Wide\"}]}";
    register("t-value", v1, 1, null);
    register("t-value", v2, 2, upgrade(jsonata("copy", "$merge([$, {'copy': $.inner}])")));
    Schema schema = new Schema.Parser().parse(v1);
    Schema wideSchema = schema.getField("inner").schema();
    GenericRecord inner = new GenericData.Record(wideSchema);
    for (Schema.Field f : wideSchema.getFields()) {
      inner.put(f.pos(), f.pos() % 2 == 0 ? ByteBuffer.wrap(new byte[] {(byte) f.pos()})
          : new GenericData.Array<>(f.schema(), List.of("s" + f.pos())));
    }
    GenericRecord record = new GenericData.Record(schema);
    record.put("inner", inner);
    byte[] bytes;
    try (AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata",
        "v=1"), false)) {
      bytes = producer.serialize("t", record);
    }
    GenericRecord read = read(2, bytes);
    assertEquals(read.get("inner"), read.get("copy"));
    AvroRecordViewPropertyTest.assertNoSharedMutableObject(read, "a record of 70 fields copied");
    assertEquals(read, read(2, bytes, "jsonata.compiled", false, "migration.fast.path", false));
  }

  /** A version whose nested record and enum carry {@code doc} as their doc and alias. */
  private static String documented(String doc, String extraField) {
    return "{\"type\":\"record\",\"name\":\"Rec\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}," + extraField
        + "{\"name\":\"inner\",\"type\":{\"type\":\"record\",\"name\":\"Inner\",\"doc\":\"" + doc
        + "\",\"aliases\":[\"" + doc + "\"],\"fields\":[{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\","
        + "\"doc\":\"" + doc + "\",\"symbols\":[\"A\",\"B\"]}}]}}]}";
  }

  @Test
  void aNestedRecordLeftAsItWasIsOfTheReadersSchemaEvenWhereOnlyItsDocAndAliasesChanged() {
    register("t-value", documented("old", ""), 1, null);
    register("t-value", documented("new", "{\"name\":\"n\",\"type\":\"int\"},"), 2,
        upgrade(jsonata("n", "$merge([$, {'n': 1}])")));
    Schema v1 = new Schema.Parser().parse(documented("old", ""));
    GenericRecord inner = new GenericData.Record(v1.getField("inner").schema());
    inner.put("e", new GenericData.EnumSymbol(inner.getSchema().getField("e").schema(), "B"));
    GenericRecord record = new GenericData.Record(v1);
    record.put("id", "i");
    record.put("inner", inner);
    byte[] bytes;
    try (AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata",
        "v=1"), false)) {
      bytes = producer.serialize("t", record);
    }
    for (boolean compiled : new boolean[] {true, false}) {
      GenericRecord read = read(2, bytes, "jsonata.compiled", compiled);
      Schema readers = read.getSchema().getField("inner").schema();
      GenericRecord nested = (GenericRecord) read.get("inner");
      assertEquals("new", nested.getSchema().getDoc(), "jsonata.compiled=" + compiled);
      assertEquals(java.util.Set.of("new"), nested.getSchema().getAliases(), "jsonata.compiled=" + compiled);
      assertEquals("new", ((GenericData.EnumSymbol) nested.get("e")).getSchema().getDoc(), "jsonata.compiled=" + compiled);
      assertEquals(readers.toString(), nested.getSchema().toString(), "jsonata.compiled=" + compiled);
    }
  }

  // ---------------------------------------------------------------- a custom executor writing in place

  /**
   * A TRANSFORM of type MUTATE that changes the record it is given in place, as user code may:
   * {@code put} on the record ({@code note}), on a nested record ({@code inner.s}), and an item added
   * to a list read from the record ({@code tags}) and from a nested record ({@code inner.tags}).
   * Its expression names the changes to make; it returns the same map.
   */
  public static final class MutateExecutor implements RuleExecutor {
    @Override
    public String type() {
      return "MUTATE";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object transform(RuleContext ctx, Object message) {
      Map<String, Object> m = (Map<String, Object>) message;
      String what = ctx.rule().expr();
      if (what.contains("put")) {
        m.put("note", "set in place");
      }
      if (what.contains("nested")) {
        ((Map<String, Object>) m.get("inner")).put("s", "changed in place");
      }
      if (what.contains("list")) {
        ((List<Object>) m.get("tags")).add("added in place");
      }
      if (what.contains("deep")) {
        ((List<Object>) ((Map<String, Object>) m.get("inner")).get("tags")).add("deep in place");
      }
      return message;
    }
  }

  private static Rule mutate(String what) {
    return Rule.of("mutate_" + what.replace(' ', '_'), RuleKind.TRANSFORM, RuleMode.UPGRADE, "MUTATE", what);
  }

  /** v1's record as v2 with MUTATE's changes {@code what}, built by hand. */
  private static GenericRecord expected(String what, Schema v2, String after) {
    GenericRecord v1 = v1Record();
    GenericRecord out = new GenericData.Record(v2);
    out.put("id", "r-1");
    List<Object> tags = new ArrayList<>(List.of("t1", "t2"));
    if (what.contains("list")) {
      tags.add("added in place");
    }
    out.put("tags", new GenericData.Array<>(v2.getField("tags").schema(), tags));
    GenericRecord inner = (GenericRecord) v1.get("inner");
    GenericRecord in = new GenericData.Record(v2.getField("inner").schema());
    in.put("s", what.contains("nested") ? "changed in place" : "small");
    in.put("blob", inner.get("blob"));
    List<Object> innerTags = new ArrayList<>(List.of("i1"));
    if (what.contains("deep")) {
      innerTags.add("deep in place");
    }
    in.put("tags", new GenericData.Array<>(v2.getField("inner").schema().getField("tags").schema(), innerTags));
    GenericRecord sub = new GenericData.Record(v2.getField("inner").schema().getField("sub").schema());
    sub.put("d", "deep");
    in.put("sub", sub);
    out.put("inner", in);
    out.put("gone", "going");
    out.put("copy", null);
    out.put("note", what.contains("put") ? "set in place" : "none");
    out.put("after", after);
    if (v2.getField("extra") != null) {
      out.put("extra", "e");
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"put", "nested", "list", "deep", "nested list", "nested deep", "put nested list deep"})
  void aCustomExecutorChangingTheRecordInPlaceOnAMigrationHasItsChangesInTheMigratedRecord(String what) {
    Object[] custom = {"rule.executors", "mutate", "rule.executors.mutate.class", MutateExecutor.class.getName()};
    register("t-value", V1, 1, null);
    register("t-value", V2, 2, upgrade(mutate(what)));
    register("t-value", V3, 3, null);
    Schema v2 = new Schema.Parser().parse(V2);
    Schema v3 = new Schema.Parser().parse(V3);
    byte[] bytes = writeV1();
    assertEquals(expected(what, v2, "-"), read(2, bytes, custom));
    assertEquals(expected(what, v3, "-"), read(3, bytes, custom), "then a hop without rules");
    assertEquals(read(2, bytes, custom), read(2, bytes, join(custom, "jsonata.compiled", false)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"put", "nested", "list", "deep", "put nested list deep"})
  void aCustomExecutorBetweenJsonataRulesOfOneHopHasItsChangesSeenAndKept(String what) {
    Object[] custom = {"rule.executors", "mutate", "rule.executors.mutate.class", MutateExecutor.class.getName()};
    register("t-value", V1, 1, null);
    register("t-value", V2, 2, upgrade(
        jsonata("before", "$merge([$sift($, function($v, $k) {$k != 'gone'}), {'gone': $.gone}])"),
        mutate(what),
        jsonata("after", "$merge([$, {'after': $.inner.s & '/' & $count($.tags) & '/' & $count($.inner.tags)}])")));
    Schema v2 = new Schema.Parser().parse(V2);
    String after = (what.contains("nested") ? "changed in place" : "small") + "/" + (what.contains("list") ? 3 : 2) + "/"
        + (what.contains("deep") ? 2 : 1);
    byte[] bytes = writeV1();
    assertEquals(expected(what, v2, after), read(2, bytes, custom));
    assertEquals(expected(what, v2, after), read(2, bytes, join(custom, "jsonata.compiled", false)));
  }

  private static Object[] join(Object[] a, Object... b) {
    List<Object> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray();
  }

  // ---------------------------------------------------------------- domain TRANSFORM on write

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"$", "$merge([$, {'id': $uppercase($.id)}])",
      "$merge([$sift($, function($v, $k) {$k != 'gone'}), {'gone': $.inner.s, 'inner': $merge([$.inner, {'s': 'x'}])}])"})
  void aWriteTransformLeavesTheCallersGenericRecordAsItWasAndWritesTheInterpretersBytes(String expr) {
    register("t-value", V1, 1, RuleSet.ofDomainRules(List.of(Rule.of("w", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA",
        expr))));
    GenericRecord record = v1Record();
    GenericRecord copy = GenericData.get().deepCopy(V1_SCHEMA, record);
    Object inner = record.get("inner");
    Object tags = record.get("tags");
    ByteBuffer blob = (ByteBuffer) ((GenericRecord) inner).get("blob");
    Object id = record.get("id");
    byte[] compiled = write(record);
    byte[] interpreted = write(record, "jsonata.compiled", false);
    assertArrayEquals(interpreted, compiled);
    assertEquals(copy, record, "the caller's record is unchanged");
    assertSame(inner, record.get("inner"));
    assertSame(tags, record.get("tags"));
    assertSame(id, record.get("id"));
    assertSame(blob, ((GenericRecord) inner).get("blob"));
    assertEquals(0, blob.position());
    assertEquals(List.of("t1", "t2"), ((List<?>) tags).stream().map(Object::toString).toList());
    GenericRecord back = read(1, compiled);
    if (expr.equals("$")) {
      assertEquals(copy, back);
    } else {
      assertEquals(read(1, interpreted), back);
    }
  }

  private byte[] write(Object record, Object... pairs) {
    try (AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url, pairs), false)) {
      return producer.serialize("t", record);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"$", "$merge([$, {'day': $.day + 1, 'settled': $.ts * 1000}])"})
  void aWriteTransformLeavesTheCallersGeneratedRecordAsItWas(String expr) {
    registry.register("payments-value", SchemaDefinition.of("AVRO", Payment.SCHEMA$.toString())
        .withRuleSet(RuleSet.ofDomainRules(List.of(Rule.of("w", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", expr)))));
    Payment payment = new Payment(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        Instant.ofEpochMilli(1_700_000_000_123L), LocalDate.of(2022, 1, 8), new BigDecimal("1234.56"), null);
    Payment copy = new Payment(payment.ref, payment.ts, payment.day, payment.amount, payment.settled);
    try (AvroContractSerializer<Object> compiled = new AvroContractSerializer<>(props(url), false);
        AvroContractSerializer<Object> interpreted = new AvroContractSerializer<>(props(url, "jsonata.compiled", false),
            false)) {
      byte[] bytes = compiled.serialize("payments", payment);
      assertArrayEquals(interpreted.serialize("payments", payment), bytes);
      assertEquals(copy, payment);
      assertSame(copy.amount, payment.amount);
      try (AvroContractDeserializer<Object> reader = new AvroContractDeserializer<>(props(url, "specific.avro.reader",
          true), false)) {
        Payment back = assertInstanceOf(Payment.class, reader.deserialize("payments", bytes));
        assertEquals(expr.equals("$") ? payment.day : payment.day.plusDays(1), back.day);
      }
    }
  }

  @Test
  void aWriteTransformLeavesTheCallersPojoAsItWas() {
    String schema = org.apache.avro.reflect.ReflectData.get().getSchema(Shipment.class).toString();
    registry.register("shipments-value", SchemaDefinition.of("AVRO", schema).withRuleSet(RuleSet.ofDomainRules(List.of(
        Rule.of("w", RuleKind.TRANSFORM, RuleMode.WRITE, "JSONATA", "$merge([$, {'quantity': quantity + 1}])")))));
    List<String> tags = new ArrayList<>(List.of("a"));
    Shipment shipment = new Shipment("s-1", 3, tags, LocalDate.of(2022, 1, 8));
    Object[] reflect = {"schema.reflection", true, "avro.use.logical.type.converters", true};
    try (AvroContractSerializer<Object> compiled = new AvroContractSerializer<>(props(url, reflect), false);
        AvroContractSerializer<Object> interpreted = new AvroContractSerializer<>(props(url, join(reflect,
            "jsonata.compiled", false)), false)) {
      byte[] bytes = compiled.serialize("shipments", shipment);
      assertArrayEquals(interpreted.serialize("shipments", shipment), bytes);
      assertEquals(new Shipment("s-1", 3, List.of("a"), LocalDate.of(2022, 1, 8)), shipment);
      assertSame(tags, shipment.tags);
    }
  }

  // ---------------------------------------------------------------- eight threads, two schemas, one memo

  private static final String KEY_ONLY = "$merge([$sift($, function($v, $k) {$k != 'drop_me' and $k != 'zz'}),"
      + " {'n': $count($keys($))}])";

  @Test
  void eightThreadsSharingADeserializerReadTwoSubjectsOfDifferentSchemasWithOneKeyOnlySiftExactly() throws Exception {
    String a1 = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"drop_me\",\"type\":\"string\"},"
        + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}]}";
    String a2 = "{\"type\":\"record\",\"name\":\"A\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
        + "{\"name\":\"b\",\"type\":\"int\"},{\"name\":\"n\",\"type\":\"int\"}]}";
    String b1 = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"},"
        + "{\"name\":\"y\",\"type\":\"string\"},{\"name\":\"z\",\"type\":\"string\"},{\"name\":\"drop_me\",\"type\":\"int\"},"
        + "{\"name\":\"w\",\"type\":\"string\"}]}";
    String b2 = "{\"type\":\"record\",\"name\":\"B\",\"fields\":[{\"name\":\"x\",\"type\":\"long\"},"
        + "{\"name\":\"y\",\"type\":\"string\"},{\"name\":\"z\",\"type\":\"string\"},{\"name\":\"w\",\"type\":\"string\"},"
        + "{\"name\":\"n\",\"type\":\"int\"}]}";
    register("a-value", a1, 1, null);
    register("a-value", a2, 2, upgrade(jsonata("sift", KEY_ONLY)));
    register("b-value", b1, 1, null);
    register("b-value", b2, 2, upgrade(jsonata("sift", KEY_ONLY)));
    List<String> topics = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    List<GenericRecord> expected = new ArrayList<>();
    try (AvroContractSerializer<Object> producer = new AvroContractSerializer<>(props(url, "use.latest.with.metadata",
        "v=1"), false);
        AvroContractDeserializer<Object> reference = new AvroContractDeserializer<>(props(url,
            "use.latest.with.metadata", "v=2", "jsonata.compiled", false, "migration.fast.path", false), false)) {
      for (int i = 0; i < 16; i++) {
        boolean isA = i % 2 == 0;
        GenericRecord r = new GenericData.Record(new Schema.Parser().parse(isA ? a1 : b1));
        if (isA) {
          r.put("drop_me", "d" + i);
          r.put("a", "a" + i);
          r.put("b", i);
        } else {
          r.put("x", (long) i);
          r.put("y", "y" + i);
          r.put("z", "z" + i);
          r.put("drop_me", i);
          r.put("w", "w" + i);
        }
        String topic = isA ? "a" : "b";
        byte[] bytes = producer.serialize(topic, r);
        topics.add(topic);
        payloads.add(bytes);
        expected.add((GenericRecord) reference.deserialize(topic, bytes));
      }
    }
    assertEquals(3, expected.get(0).get("n"));
    assertEquals(5, expected.get(1).get("n"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (AvroContractDeserializer<Object> shared = new AvroContractDeserializer<>(props(url, "use.latest.with.metadata",
        "v=2"), false)) {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 5_000; i++) {
            int k = (i + offset) % payloads.size();
            Object got = shared.deserialize(topics.get(k), payloads.get(k));
            if (!expected.get(k).equals(got)) {
              return "record " + k + " of topic " + topics.get(k) + ": " + got + " instead of " + expected.get(k);
            }
          }
          return "ok";
        }));
      }
      for (Future<String> f : results) {
        assertEquals("ok", f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
