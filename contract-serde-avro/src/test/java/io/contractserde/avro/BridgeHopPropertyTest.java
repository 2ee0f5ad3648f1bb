package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Differential test of migration hops without rules against Avro's own resolution. Each generated
 * chain is v1 -(JSONata rule adds {@code stamp})-> v2 -(no rules: generated schema changes)-> v3
 * -(JSONata rule adds {@code stamp2})-> v4. The changes of the rule-less hop are the ones Avro
 * resolution handles, and some it rejects: renames by alias (with and without a default, aliases on
 * either side), dropped and added fields, numeric and string-to-bytes promotions, a type widened to
 * a union, an enum symbol replaced (with and without an enum default). Reading every writer version
 * as every reader version puts the rule-less hop first, in the middle and last, upgrading and
 * downgrading; each result must be what the rules plus {@code GenericDatumReader(v2, v3)} (or
 * {@code (v3, v2)}) give, or fail where Avro's resolution fails.
 */
class BridgeHopPropertyTest {
  private static final String[] NAMES = {"id", "name", "ssn", "email", "score", "kind", "address", "tags",
      "active", "balance", "city", "zip", "owner", "level", "note", "region", "rank", "code"};
  private static final Pattern ENUM_NAME = Pattern.compile("\"name\":\"(E\\d+)\"");
  private static final AtomicInteger COMPARED = new AtomicInteger();
  private static final AtomicInteger RESOLVED = new AtomicInteger();

  /** One field: name, type JSON, default JSON (or null), aliases JSON array (or null). */
  private record Field(String name, String type, String defaultJson, String aliases) {
    String json() {
      return "{\"name\":\"" + name + "\",\"type\":" + type
          + (defaultJson == null ? "" : ",\"default\":" + defaultJson)
          + (aliases == null ? "" : ",\"aliases\":" + aliases) + "}";
    }

    Field named(String newName) {
      return new Field(newName, type, defaultJson, aliases);
    }
  }

  @Property(tries = 150)
  void everyRuleLessHopGivesAvrosOwnResolution(@ForAll long seed) {
    Random random = new Random(seed);
    String scope = "bridge-hop-" + seed + "-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    try {
      List<String> pool = new ArrayList<>(List.of(NAMES));
      Collections.shuffle(pool, random);
      List<Field> v1 = new ArrayList<>();
      for (int i = 0, n = 2 + random.nextInt(5); i < n; i++) {
        v1.add(field(pool.remove(0), random, i));
      }
      List<Field> v2 = new ArrayList<>(v1);
      v2.add(new Field("stamp", "\"string\"", null, null));
      List<Field> v3 = new ArrayList<>();
      for (int i = 0; i < v2.size(); i++) {
        Field f = v2.get(i);
        Field changed = change(f, random, pool, v2.size() - i + v3.size() > 1);
        if (changed == null) {
          continue;
        }
        if (!changed.name().equals(f.name()) && random.nextBoolean()) {
          // The older version may know the new name too, for reading newer records.
          Field reverse = new Field(f.name(), f.type(), f.defaultJson(), "[\"" + changed.name() + "\"]");
          v2.set(i, reverse);
          if (i < v1.size()) {
            v1.set(i, reverse);
          }
        }
        v3.add(changed);
      }
      if (random.nextInt(3) == 0 && !pool.isEmpty()) {
        v3.add(withDefault(field(pool.remove(0), random, 50), random));
      }
      List<Field> v4 = new ArrayList<>(v3);
      v4.add(new Field("stamp2", "\"string\"", null, null));
      List<List<Field>> versions = List.of(v1, v2, v3, v4);
      register(registry, 1, v1, null);
      register(registry, 2, v2, "stamp");
      register(registry, 3, v3, null);
      register(registry, 4, v4, "stamp2");
      compareAll("mock://" + scope, versions.stream().map(BridgeHopPropertyTest::schema).toList(), random);
    } finally {
      MockContractRegistry.dropScope(scope);
    }
  }

  @AfterContainer
  static void notVacuous() {
    assertEquals(true, COMPARED.get() > 1000, "compared " + COMPARED.get() + " reads");
    assertEquals(true, RESOLVED.get() > 300, RESOLVED.get() + " reads crossed the rule-less hop and resolved");
  }

  private static void compareAll(String url, List<Schema> schemas, Random random) {
    for (int w = 1; w <= 4; w++) {
      AvroContractSerializer<Object> producer = new AvroContractSerializer<>(Accounts.props(url,
          "use.latest.with.metadata", "v=" + w), false);
      for (int n = 0; n < 3; n++) {
        GenericRecord written = record(schemas.get(w - 1), random);
        byte[] bytes = producer.serialize("t", written);
        for (int r = 1; r <= 4; r++) {
          Object expected = expected(schemas, written, w, r);
          Object actual = read(url, r, bytes);
          String combination = "writer v" + w + " -> reader v" + r + " of " + schemas;
          if (expected instanceof String failed) {
            assertEquals(failed, actual instanceof GenericRecord ? "resolved: " + actual : actual, combination);
          } else {
            assertEquals(expected, actual, combination);
            if ((w <= 2) != (r <= 2)) {
              RESOLVED.incrementAndGet();
            }
          }
          COMPARED.incrementAndGet();
        }
      }
    }
  }

  /**
   * What the chain gives, hop by hop: a rule hop adds or drops its stamp by name; the rule-less
   * hop between v2 and v3 is Avro's resolution; "failed" where that resolution fails.
   */
  private static Object expected(List<Schema> schemas, GenericRecord written, int w, int r) {
    GenericRecord current = written;
    int at = w;
    try {
      while (at != r) {
        int next = at < r ? at + 1 : at - 1;
        Schema target = schemas.get(next - 1);
        boolean bridge = Math.min(at, next) == 2;
        current = bridge ? AvroBridgeHopTest.avroResolution(current, target.toString()) : byName(current, target);
        at = next;
      }
      return current;
    } catch (RuntimeException e) {
      return "failed";
    }
  }

  /** The rule hops: every target field from the source field of its name, the stamp set. */
  private static GenericRecord byName(GenericRecord source, Schema target) {
    GenericRecord out = new GenericData.Record(target);
    for (Schema.Field f : target.getFields()) {
      Schema.Field own = source.getSchema().getField(f.name());
      out.put(f.pos(), own != null ? source.get(own.pos()) : f.name().equals("stamp") ? "x" : "y");
    }
    return out;
  }

  private static Object read(String url, int version, byte[] bytes) {
    try {
      return new AvroContractDeserializer<>(Accounts.props(url, "use.latest.with.metadata", "v=" + version), false)
          .deserialize("t", bytes);
    } catch (RuntimeException e) {
      return "failed";
    }
  }

  private static void register(MockContractRegistry registry, int version, List<Field> fields, String stamp) {
    List<Rule> rules = stamp == null ? List.of() : List.of(
        Rule.of("add_" + stamp, RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA",
            "$merge([$, {'" + stamp + "': '" + (stamp.equals("stamp") ? "x" : "y") + "'}])"),
        Rule.of("drop_" + stamp, RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
            "$sift($, function($v, $k) {$k != '" + stamp + "'})"));
    registry.register("t-value", SchemaDefinition.of("AVRO", schema(fields).toString())
        .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(version))))
        .withRuleSet(rules.isEmpty() ? null : RuleSet.ofMigrationRules(rules)));
  }

  private static Schema schema(List<Field> fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Rec\",\"namespace\":\"gen\",\"fields\":["
        + String.join(",", fields.stream().map(Field::json).toList()) + "]}");
  }

  /** A change Avro's resolution may or may not accept; null drops the field. */
  private static Field change(Field f, Random random, List<String> pool, boolean mayDrop) {
    String type = f.type();
    switch (random.nextInt(10)) {
      case 0, 1 -> {
        if (pool.isEmpty()) {
          return f;
        }
        Field renamed = new Field(pool.remove(0), type, null, "[\"" + f.name() + "\"]");
        return random.nextBoolean() ? renamed : withDefault(renamed, random);
      }
      case 2 -> {
        return mayDrop ? null : f;
      }
      case 3 -> {
        String promoted = switch (type) {
          case "\"int\"" -> random.nextBoolean() ? "\"long\"" : "\"double\"";
          case "\"long\"" -> "\"double\"";
          case "\"string\"" -> "\"bytes\"";
          default -> type;
        };
        return new Field(f.name(), promoted, promoted.equals(type) ? f.defaultJson() : null, f.aliases());
      }
      case 4 -> {
        return type.startsWith("[") ? f : new Field(f.name(), "[\"null\"," + type + "]", "null", f.aliases());
      }
      case 5, 6 -> {
        Matcher m = ENUM_NAME.matcher(type);
        if (!type.contains("\"enum\"") || !m.find()) {
          return f;
        }
        return new Field(f.name(), enumType(m.group(1), "\"A\",\"B\",\"Z\"", random.nextBoolean()), null, f.aliases());
      }
      default -> {
        return f;
      }
    }
  }

  private static String enumType(String name, String symbols, boolean withDefault) {
    return "{\"type\":\"enum\",\"name\":\"" + name + "\",\"symbols\":[" + symbols + "]"
        + (withDefault ? ",\"default\":\"A\"" : "") + "}";
  }

  private static Field field(String name, Random random, int id) {
    return switch (random.nextInt(9)) {
      case 0 -> new Field(name, "\"string\"", null, null);
      case 1 -> new Field(name, "\"int\"", null, null);
      case 2 -> new Field(name, "\"long\"", random.nextBoolean() ? "9" : null, null);
      case 3 -> new Field(name, "\"double\"", null, null);
      case 4 -> new Field(name, "\"boolean\"", null, null);
      case 5 -> new Field(name, "[\"null\",\"string\"]", "null", null);
      case 6, 7 -> new Field(name, enumType("E" + id, "\"A\",\"B\",\"C\"", random.nextBoolean()), null, null);
      default -> new Field(name, "{\"type\":\"record\",\"name\":\"R" + id + "\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
          + "{\"name\":\"y\",\"type\":[\"null\",\"string\"],\"default\":null}]}", null, null);
    };
  }

  private static Field withDefault(Field f, Random random) {
    String type = f.type();
    String def = type.equals("\"string\"") ? "\"d\"" : type.equals("\"int\"") ? "7" : type.equals("\"long\"") ? "9"
        : type.equals("\"double\"") ? "1.5" : type.equals("\"boolean\"") ? "true" : type.startsWith("[") ? "null"
        : type.contains("enum") ? "\"B\"" : "{\"x\":1,\"y\":null}";
    return new Field(f.name(), type, def, f.aliases());
  }

  private static GenericRecord record(Schema schema, Random random) {
    GenericRecord r = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      r.put(f.pos(), value(f.schema(), random));
    }
    return r;
  }

  private static Object value(Schema s, Random random) {
    return switch (s.getType()) {
      case STRING -> "s" + random.nextInt(1000) + (random.nextBoolean() ? "é" : "");
      case BYTES -> ByteBuffer.wrap(("b" + random.nextInt(100) + "é").getBytes(StandardCharsets.UTF_8));
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case DOUBLE -> random.nextDouble() * 1e6;
      case BOOLEAN -> random.nextBoolean();
      case UNION -> random.nextBoolean() ? null : value(s.getTypes().get(1), random);
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(random.nextInt(s.getEnumSymbols().size())));
      case RECORD -> record(s, random);
      default -> throw new IllegalArgumentException(s.toString());
    };
  }
}
