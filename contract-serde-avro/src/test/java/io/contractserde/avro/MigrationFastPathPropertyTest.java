package io.contractserde.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.contractserde.contract.Metadata;
import io.contractserde.contract.Rule;
import io.contractserde.contract.RuleKind;
import io.contractserde.contract.RuleMode;
import io.contractserde.contract.RuleSet;
import io.contractserde.contract.SchemaDefinition;
import io.contractserde.registry.MockContractRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Differential test of the compiled migration fast path: for generated record schemas, generated
 * chains of versions (JSONata renames and drops in the recognized shapes, in both directions, and
 * rule-less hops that add or drop defaulted fields) and generated records, every writer x reader
 * combination must give exactly what the JSONata interpreter gives, or fail in both.
 */
class MigrationFastPathPropertyTest {
  private static final String[] NAMES = {"id", "name", "ssn", "email", "score", "kind", "address", "tags",
      "active", "balance", "city", "zip", "owner", "level", "note"};
  private static final AtomicInteger COMPARED = new AtomicInteger();
  private static final AtomicInteger AGREED_FAILURES = new AtomicInteger();

  /** One field: its name and type JSON (named types carry their own unique names). */
  private record Field(String name, String type, String defaultJson) {
    String json() {
      return "{\"name\":\"" + name + "\",\"type\":" + type + (defaultJson == null ? "" : ",\"default\":" + defaultJson) + "}";
    }
  }

  @Property(tries = 120)
  void theFastPathGivesTheInterpretersResult(@ForAll long seed) {
    Random random = new Random(seed);
    String scope = "fast-path-" + seed + "-" + System.nanoTime();
    MockContractRegistry registry = MockContractRegistry.scope(scope);
    try {
      List<List<Field>> versions = new ArrayList<>();
      List<Field> fields = new ArrayList<>();
      int count = 2 + random.nextInt(5);
      List<String> pool = new ArrayList<>(List.of(NAMES));
      java.util.Collections.shuffle(pool, random);
      for (int i = 0; i < count; i++) {
        fields.add(field(pool.remove(0), random, i));
      }
      versions.add(fields);
      register(registry, 1, fields, null, null);
      int hops = 1 + random.nextInt(3);
      for (int v = 2; v <= hops + 1; v++) {
        List<Field> next = new ArrayList<>(fields);
        List<String[]> ops = new ArrayList<>();
        boolean rules = random.nextInt(3) != 0;
        if (rules) {
          for (int k = 0; k < 1 + random.nextInt(2) && !next.isEmpty(); k++) {
            Field f = next.get(random.nextInt(next.size()));
            if (random.nextBoolean() && !pool.isEmpty()) {
              String to = pool.remove(0);
              next.set(next.indexOf(f), new Field(to, f.type(), f.defaultJson()));
              ops.add(new String[] {"rename", f.name(), to});
            } else if (next.size() > 1) {
              next.remove(f);
              ops.add(new String[] {"drop", f.name()});
            }
          }
        }
        if (random.nextInt(3) == 0 && !pool.isEmpty()) {
          next.add(withDefault(field(pool.remove(0), random, 100 + v), random));
        }
        if (!rules && random.nextBoolean() && next.size() > 1) {
          next.remove(random.nextInt(next.size()));
        }
        versions.add(next);
        register(registry, v, next, rules ? upgrade(ops) : null, rules ? downgrade(ops) : null);
        fields = next;
      }
      compareAll(scope, versions, random);
    } finally {
      MockContractRegistry.dropScope(scope);
    }
  }

  @AfterContainer
  static void notVacuous() {
    assertEquals(true, COMPARED.get() > 500, "compared " + COMPARED.get() + " records");
  }

  private static void compareAll(String scope, List<List<Field>> versions, Random random) {
    String url = "mock://" + scope;
    for (int w = 1; w <= versions.size(); w++) {
      Schema writerSchema = new Schema.Parser().parse(schema(versions.get(w - 1)));
      AvroContractSerializer<Object> producer = new AvroContractSerializer<>(Accounts.props(url,
          "use.latest.with.metadata", "v=" + w), false);
      for (int n = 0; n < 3; n++) {
        byte[] bytes = producer.serialize("t", record(writerSchema, random));
        for (int r = 1; r <= versions.size(); r++) {
          Object fast = read(url, r, true, bytes);
          Object interpreted = read(url, r, false, bytes);
          assertEquals(interpreted, fast, "writer v" + w + " -> reader v" + r + " of " + versions);
          if (fast instanceof GenericRecord record) {
            assertEquals(((GenericRecord) interpreted).getSchema(), record.getSchema());
          } else {
            AGREED_FAILURES.incrementAndGet();
          }
          COMPARED.incrementAndGet();
        }
      }
    }
  }

  private static Object read(String url, int version, boolean fast, byte[] bytes) {
    try {
      return new AvroContractDeserializer<>(Accounts.props(url, "use.latest.with.metadata", "v=" + version,
          "migration.fast.path", fast), false).deserialize("t", bytes);
    } catch (RuntimeException e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }

  private static void register(MockContractRegistry registry, int version, List<Field> fields, List<Rule> up,
      List<Rule> down) {
    List<Rule> rules = new ArrayList<>();
    if (up != null) {
      rules.addAll(up);
      rules.addAll(down);
    }
    registry.register("t-value", SchemaDefinition.of("AVRO", schema(fields))
        .withMetadata(Metadata.ofProperties(Map.of("v", String.valueOf(version))))
        .withRuleSet(rules.isEmpty() ? null : RuleSet.ofMigrationRules(rules)));
  }

  private static String schema(List<Field> fields) {
    return "{\"type\":\"record\",\"name\":\"Rec\",\"namespace\":\"gen\",\"fields\":["
        + String.join(",", fields.stream().map(Field::json).toList()) + "]}";
  }

  private static List<Rule> upgrade(List<String[]> ops) {
    List<Rule> rules = new ArrayList<>();
    for (String[] op : ops) {
      rules.add(Rule.of("up_" + rules.size(), RuleKind.TRANSFORM, RuleMode.UPGRADE, "JSONATA", expr(op, false)));
    }
    return rules;
  }

  /** The inverse operations, in reverse order (the engine runs DOWNGRADE rules reversed). */
  private static List<Rule> downgrade(List<String[]> ops) {
    List<Rule> rules = new ArrayList<>();
    for (String[] op : ops) {
      if (op[0].equals("rename")) {
        rules.add(Rule.of("down_" + rules.size(), RuleKind.TRANSFORM, RuleMode.DOWNGRADE, "JSONATA",
            expr(new String[] {"rename", op[2], op[1]}, rules.size() % 2 == 1)));
      }
    }
    return rules;
  }

  private static String expr(String[] op, boolean lookupStyle) {
    if (op[0].equals("drop")) {
      return "$sift($, function($v, $k) {$k != '" + op[1] + "'})";
    }
    String value = lookupStyle ? "$lookup($, '" + op[1] + "')" : "$." + op[1];
    return "$merge([$sift($, function($v, $k) {$k != '" + op[1] + "'}), {'" + op[2] + "': " + value + "}])";
  }

  private static Field field(String name, Random random, int id) {
    return switch (random.nextInt(9)) {
      case 0 -> new Field(name, "\"string\"", null);
      case 1 -> new Field(name, "\"int\"", null);
      case 2 -> new Field(name, "\"long\"", random.nextBoolean() ? "9" : null);
      case 3 -> new Field(name, "\"double\"", null);
      case 4 -> new Field(name, "\"boolean\"", null);
      case 5 -> new Field(name, "[\"null\",\"string\"]", "null");
      case 6 -> new Field(name, "{\"type\":\"enum\",\"name\":\"E" + id + "\",\"symbols\":[\"A\",\"B\",\"C\"]}", null);
      case 7 -> new Field(name, "{\"type\":\"record\",\"name\":\"R" + id + "\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
          + "{\"name\":\"y\",\"type\":[\"null\",\"string\"],\"default\":null}]}", null);
      default -> new Field(name, "{\"type\":\"array\",\"items\":\"long\"}", null);
    };
  }

  private static Field withDefault(Field f, Random random) {
    String type = f.type();
    String def = type.equals("\"string\"") ? "\"d\"" : type.equals("\"int\"") ? "7" : type.equals("\"long\"") ? "9"
        : type.equals("\"double\"") ? "1.5" : type.equals("\"boolean\"") ? "true" : type.startsWith("[") ? "null"
        : type.contains("enum") ? "\"B\"" : type.contains("record") ? "{\"x\":1,\"y\":null}" : "[]";
    return new Field(f.name(), type, def);
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
      case INT -> random.nextInt();
      case LONG -> random.nextLong();
      case DOUBLE -> random.nextDouble() * 1e6;
      case BOOLEAN -> random.nextBoolean();
      case UNION -> random.nextBoolean() ? null : "u" + random.nextInt(100);
      case ENUM -> new GenericData.EnumSymbol(s, s.getEnumSymbols().get(random.nextInt(s.getEnumSymbols().size())));
      case RECORD -> record(s, random);
      case ARRAY -> {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(random.nextLong());
        }
        yield new GenericData.Array<>(s, items);
      }
      default -> throw new IllegalArgumentException(s.toString());
    };
  }
}
