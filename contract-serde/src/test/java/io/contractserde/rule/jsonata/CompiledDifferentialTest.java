package io.contractserde.rule.jsonata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The differential test: expressions generated from the compiled subset's grammar, run on generated
 * records (shaped like Avro's JSON encoding, with unions wrapped, and like free JSON documents),
 * compiled and in the dashjoin interpreter. Both must give the same value, number types and key
 * order included; where the interpreter fails, the compiled form must hand the record over to it
 * (so the error is the interpreter's), never answer. Each expression runs on a {@code RecordView} of
 * the record too, as a format gives it, with the same answers.
 */
class CompiledDifferentialTest {
  private static final String[] NAMES = {"a", "b", "c", "d", "e"};
  private static final String[] STRINGS = {"", "x", "a", "hello world", "12", "1.5", "true", "A-b-C", " pad "};
  private static final String[] UNARY_STRING_FUNCTIONS = {"uppercase", "lowercase", "trim", "length", "string"};
  private static final String[] NUMBER_FUNCTIONS = {"abs", "floor", "ceil", "round", "string", "number"};
  private static final String[] ARRAY_FUNCTIONS = {"count", "sum", "max", "min", "average", "distinct", "string"};
  private static final String[] ANY_FUNCTIONS = {"exists", "type", "boolean", "not", "string", "keys", "count"};
  private static final String[] OPS = {"+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "&", "in", "and", "or"};

  @Property(tries = 4000)
  void compiledExpressionsGiveTheInterpretersAnswerOnRecords(@ForAll("expressions") String expr,
      @ForAll("records") Map<String, Object> record) {
    compare(expr, record);
  }

  @Property(tries = 1500)
  void compiledMigrationsGiveTheInterpretersRecord(@ForAll("migrations") String expr,
      @ForAll("records") Map<String, Object> record) {
    compare(expr, record);
  }

  private static void compare(String expr, Object input) {
    Differential.Outcome reference = Differential.interpreted(expr, input);
    Assume.that(reference.error() == null || !reference.error().startsWith("Could not parse"));
    assertTrue(Differential.compiles(expr), () -> expr + " does not compile");
    Differential.check(expr, input, false);
    Differential.checkOnView(expr, input);
    boolean handed = Differential.compiled(expr, input).fellBack();
    Statistics.collect(!handed ? "compiled answer" : reference.error() != null ? "handed over an error"
        : "handed over a value");
  }

  @Provide
  Arbitrary<String> expressions() {
    return Arbitraries.randomValue(r -> expr(r, 3));
  }

  @Provide
  Arbitrary<String> migrations() {
    return Arbitraries.randomValue(CompiledDifferentialTest::migration);
  }

  @Provide
  Arbitrary<Map<String, Object>> records() {
    return Arbitraries.randomValue(r -> record(r, 2));
  }

  // ---------------------------------------------------------------- records

  static Map<String, Object> record(Random r, int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String name : NAMES) {
      if (r.nextInt(6) > 0) {
        m.put(name, value(r, depth));
      }
    }
    return m;
  }

  private static Object value(Random r, int depth) {
    switch (r.nextInt(depth > 0 ? 12 : 9)) {
      case 0:
        return r.nextInt(21) - 10;
      case 1:
        return (long) r.nextInt(1000) * (r.nextBoolean() ? 1 : 3_000_000_000L);
      case 2:
        return r.nextInt(9) / 4.0 - 1;
      case 3:
      case 4:
        return STRINGS[r.nextInt(STRINGS.length)];
      case 5:
        return r.nextBoolean();
      case 6:
        return null;
      case 7:
        return Map.of("string", STRINGS[r.nextInt(STRINGS.length)]); // an Avro union holding a string
      case 8: {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          l.add(r.nextBoolean() ? r.nextInt(5) : STRINGS[r.nextInt(STRINGS.length)]);
        }
        return l;
      }
      case 9:
      case 10:
        return record(r, depth - 1);
      default: {
        List<Object> l = new ArrayList<>();
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
          l.add(record(r, depth - 1));
        }
        return l;
      }
    }
  }

  // ---------------------------------------------------------------- expressions

  static String expr(Random r, int depth) {
    if (depth <= 0) {
      return leaf(r);
    }
    switch (r.nextInt(16)) {
      case 0:
      case 1:
        return leaf(r);
      case 2:
      case 3:
        return "(" + expr(r, depth - 1) + " " + OPS[r.nextInt(OPS.length)] + " " + expr(r, depth - 1) + ")";
      case 4:
        return "(" + expr(r, depth - 1) + " ? " + expr(r, depth - 1) + (r.nextBoolean() ? " : " + expr(r, depth - 1) : "") + ")";
      case 5:
        return "[" + expr(r, depth - 1) + ", " + expr(r, depth - 1) + "]";
      case 6:
        return "{'k': " + expr(r, depth - 1) + ", 'm': " + expr(r, depth - 1) + "}";
      case 7:
        return "($x := " + expr(r, depth - 1) + "; " + expr(r, depth - 1).replaceAll("(?<!\\$)\\$\\.", "\\$x.") + ")";
      case 8:
        return path(r) + "[" + predicate(r, depth - 1) + "]";
      case 9:
        return "$" + UNARY_STRING_FUNCTIONS[r.nextInt(UNARY_STRING_FUNCTIONS.length)] + "(" + expr(r, depth - 1) + ")";
      case 10:
        return "$" + NUMBER_FUNCTIONS[r.nextInt(NUMBER_FUNCTIONS.length)] + "(" + expr(r, depth - 1) + ")";
      case 11:
        return "$" + ARRAY_FUNCTIONS[r.nextInt(ARRAY_FUNCTIONS.length)] + "(" + expr(r, depth - 1) + ")";
      case 12:
        return "$" + ANY_FUNCTIONS[r.nextInt(ANY_FUNCTIONS.length)] + "(" + expr(r, depth - 1) + ")";
      case 13:
        return switch (r.nextInt(4)) {
          case 0 -> "$map(" + expr(r, depth - 1) + ", function($v, $i) {" + lambdaBody(r, depth - 1) + "})";
          case 1 -> "$filter(" + expr(r, depth - 1) + ", function($v, $i) {" + lambdaBody(r, depth - 1) + "})";
          case 2 -> "$reduce(" + expr(r, depth - 1) + ", function($i, $v) {" + lambdaBody(r, depth - 1) + "})";
          default -> "$sift(" + expr(r, depth - 1) + ", function($v, $i) {" + lambdaBody(r, depth - 1) + "})";
        };
      case 14:
        return switch (r.nextInt(7)) {
          case 0 -> "$substring(" + expr(r, depth - 1) + ", " + (r.nextInt(5) - 2) + ")";
          case 1 -> "$substringBefore(" + expr(r, depth - 1) + ", '" + STRINGS[r.nextInt(STRINGS.length)] + "')";
          case 2 -> "$join(" + expr(r, depth - 1) + ", ',')";
          case 3 -> "$split(" + expr(r, depth - 1) + ", ' ')";
          case 4 -> "$contains(" + expr(r, depth - 1) + ", 'a')";
          case 5 -> "$merge([" + expr(r, depth - 1) + ", " + expr(r, depth - 1) + "])";
          default -> "$lookup(" + expr(r, depth - 1) + ", '" + NAMES[r.nextInt(NAMES.length)] + "')";
        };
      default:
        return "-" + leaf(r);
    }
  }

  private static String lambdaBody(Random r, int depth) {
    String[] uses = {"$v", "$i", "$v + 1", "$v & $i", "$v > $i", "$string($v)", "$exists($v)", "$v.a", "$i = 'a'"};
    return r.nextBoolean() ? uses[r.nextInt(uses.length)] : expr(r, depth);
  }

  private static String predicate(Random r, int depth) {
    return switch (r.nextInt(4)) {
      case 0 -> String.valueOf(r.nextInt(5) - 2);
      case 1 -> "$ > " + r.nextInt(3);
      case 2 -> NAMES[r.nextInt(NAMES.length)];
      default -> expr(r, depth);
    };
  }

  private static String path(Random r) {
    String name = NAMES[r.nextInt(NAMES.length)];
    String first = switch (r.nextInt(5)) {
      case 0 -> name;
      case 1 -> "$." + name;
      case 2 -> "$.'" + name + "'";
      case 3 -> "`" + name + "`";
      default -> "$$." + name;
    };
    return r.nextInt(3) == 0 ? first + "." + NAMES[r.nextInt(NAMES.length)] : first;
  }

  private static String leaf(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> String.valueOf(r.nextInt(21) - 5);
      case 1 -> (r.nextInt(9) / 4.0) + "";
      case 2 -> "'" + STRINGS[r.nextInt(STRINGS.length)] + "'";
      case 3 -> r.nextBoolean() ? "true" : r.nextBoolean() ? "false" : "null";
      case 4 -> "$";
      default -> path(r);
    };
  }

  /** A migration as real contracts write them: renames, drops, computed and nested fields. */
  static String migration(Random r) {
    String a = NAMES[r.nextInt(NAMES.length)];
    String b = NAMES[r.nextInt(NAMES.length)];
    String sift = "$sift($, function($v, $k) {$k != '" + a + "'})";
    return switch (r.nextInt(8)) {
      case 0 -> "$merge([" + sift + ", {'" + a + "_new': $.'" + a + "'}])";
      case 1 -> sift;
      case 2 -> "$merge([" + sift + ", {'first': $substringBefore($." + a + ", ' '), 'last': $substringAfter($." + a
          + ", ' ')}])";
      case 3 -> "$merge([$, {'joined': $." + a + " & ' ' & $." + b + "}])";
      case 4 -> "$merge([$, {'amount': $." + a + " / 100}])";
      case 5 -> "$merge([" + sift + ", {'nested': {'" + a + "': $." + a + ", 'other': $." + b + "}}])";
      case 6 -> "$merge([$, {'flag': $." + a + " = 'x' ? 'X' : $." + a + " in ['a', 'hello world'] ? 'A' : null}])";
      default -> "$merge([$sift($, function($v, $k) {$k != '" + a + "' and $k != '" + b + "'}), {'" + b + "': $." + a
          + ", '" + a + "': $lookup($, '" + b + "')}])";
    };
  }
}
