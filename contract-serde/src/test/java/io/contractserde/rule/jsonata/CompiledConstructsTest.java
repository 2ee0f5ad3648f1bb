package io.contractserde.rule.jsonata;

import static io.contractserde.rule.jsonata.Differential.assertCompiledAnswer;
import static io.contractserde.rule.jsonata.Differential.assertSameAnswer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per construct of the compiled subset: each expression must compile and give the
 * interpreter's answer (value, number type and key order) on a record with nulls, nested records,
 * arrays and every number type the formats produce.
 */
class CompiledConstructsTest {

  static Map<String, Object> record() {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", "1 Main St");
    address.put("zip", "12345");
    address.put("geo", new LinkedHashMap<>(Map.of("lat", 1.5)));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "Ada Lovelace");
    m.put("ssn", "123-45-6789");
    m.put("age", 36);
    m.put("cents", 123456L);
    m.put("ratio", 0.25);
    m.put("active", true);
    m.put("nickname", null);
    m.put("status", "ACTIVE");
    m.put("tags", new ArrayList<>(List.of("a", "b", "c")));
    m.put("scores", new ArrayList<>(List.of(3, 1, 2)));
    m.put("address", address);
    m.put("items", new ArrayList<>(List.of(
        new LinkedHashMap<>(Map.of("sku", "x", "qty", 2)),
        new LinkedHashMap<>(Map.of("sku", "y", "qty", 5)))));
    m.put("empty", new ArrayList<>());
    m.put("nulls", new ArrayList<>(Arrays.asList(1, null, 2)));
    m.put("my field", "spaced");
    return m;
  }

  private static void all(String... exprs) {
    for (String e : exprs) {
      assertCompiledAnswer(e, record());
    }
  }

  @Test
  void contextAndRootGiveTheRecord() {
    all("$", "$$", "$.$", "$$.name");
  }

  @Test
  void fieldPathsInEverySpelling() {
    all("name", "$.name", "$.'name'", "$.\"name\"", "`my field`", "$.`my field`", "$.'my field'", "address.street",
        "$.address.geo.lat", "address.nope", "nope", "nope.deeper", "nickname", "$.nickname", "name.x", "items.sku",
        "items.qty", "tags", "$.tags", "address.geo", "'name'", "empty", "nulls");
  }

  @Test
  void literalsOfEveryType() {
    all("'text'", "\"text\"", "'esc\\n\\u0041\\\"'", "1", "1.0", "1.5", "-1", "-1.5", "1e3", "2.5e-3", "0", "true",
        "false", "null", "9007199254740993", "12345678901");
  }

  @Test
  void objectAndArrayConstructors() {
    all("{}", "[]", "{'a': 1, 'b': name, 'c': nope, 'd': null, 'e': nickname}", "[1, 2, [3, 4], tags, nope, null]",
        "[tags]", "[[tags]]", "{'n': {'m': age}}", "{name: age}", "[{'a': 1}, {'b': 2}]", "[1]", "[nickname]",
        "{'x': [nope]}", "items.{'s': sku}", "address.{'z': zip}", "$.{'a': age}");
  }

  @Test
  void stringConcatenationCoercesAsTheInterpreterDoes() {
    all("name & '!'", "age & ''", "ratio & ''", "cents & ''", "active & ''", "nickname & ''", "nope & 'x'",
        "tags & ''", "address & ''", "1.5e21 & ''", "0.1 + 0.2 & ''", "1/3 & ''", "null & 'x'", "age/7 & ''");
  }

  @Test
  void arithmeticKeepsTheInterpreterNumberTypes() {
    all("age + 1", "age - 1.5", "cents * 2", "cents / 100", "age % 5", "ratio * 4", "-age", "-ratio", "age + nope",
        "nope * 2", "-nope", "cents / 3", "2147483647 + 1", "cents * cents", "7 % -3", "-7 % 3", "0.1 + 0.2",
        "age / 4", "1 - 1", "1.5 - 0.5");
  }

  @Test
  void comparisonsAndEquality() {
    all("age = 36", "age = 36.0", "cents = 123456", "age != 36", "name = 'Ada Lovelace'", "nickname = null",
        "null = null", "nope = nope", "nope != 1", "age < 40", "age <= 36", "age > ratio", "age >= cents",
        "name < 'B'", "name >= 'Ada'", "nope < 1", "tags = tags", "address = address", "active = true",
        "age = '36'", "[1,2] = [1,2]", "{'a': 1} = {'a': 1}", "cents = 123456.0", "ratio = 0.25");
  }

  @Test
  void membershipWithIn() {
    all("status in ['ACTIVE', 'PENDING']", "status in ['X']", "'a' in tags", "age in [36]", "cents in [123456]",
        "nope in [1]", "1 in nope", "'ACTIVE' in status", "age in scores", "null in [null]");
  }

  @Test
  void booleanOperatorsShortCircuit() {
    all("active and age > 18", "active or nope", "nope and true", "nope or false", "name and tags",
        "empty or 0", "'' or 'x'", "nickname or false", "true and true and false", "false or false or true");
  }

  @Test
  void conditionalsWithAndWithoutElse() {
    all("age > 18 ? 'adult' : 'minor'", "nope ? 1 : 2", "nope ? 1", "active ? name", "tags ? 'has' : 'none'",
        "age > 100 ? 'old' : age > 30 ? 'mid' : 'young'");
  }

  @Test
  void blocksAndBindings() {
    all("($x := 5; $x * 2)", "($a := age; $b := $a + 1; $b)", "($x := 1; ($x := 2); $x)", "($x := 1; ($x := nope; $x))",
        "()", "(1; 2; 3)", "($f := function($v) { $v * 2 }; $f(age))", "($x := 3; $f := function() { $x }; $x := 4; $f())",
        "$y := 7", "($n := name; {'n': $n})");
  }

  @Test
  void predicatesAndIndexes() {
    all("tags[0]", "tags[-1]", "tags[5]", "tags[1.7]", "scores[$ > 1]", "items[qty > 3].sku", "items[0].sku",
        "items[sku = 'y']", "tags[[0, 2]]", "scores[$ = 9]", "$.tags[1]", "items[qty > 1][1]", "nulls[1]",
        "address[zip = '12345'].street", "name[0]", "tags[$ != 'b']");
  }

  @Test
  void lambdasGivenToBuiltIns() {
    all("$map(tags, function($v) { $uppercase($v) })", "$map(scores, function($v, $i) { $v * $i })",
        "$filter(scores, function($v) { $v > 1 })", "$reduce(scores, function($a, $b) { $a + $b })",
        "$reduce(scores, function($a, $b) { $a + $b }, 10)", "$sift($, function($v, $k) { $k != 'ssn' })",
        "$sift($, function($v) { $v })", "$sift($, function($v) { $exists($v) })",
        "$each(address, function($v, $k) { $k & '=' & $string($v) })", "$map(nope, function($v) { $v })",
        "$filter(items, function($i) { $i.qty > 2 }).sku", "$map(tags, function($v, $i, $a) { $count($a) })");
  }

  @Test
  void objectAndArrayBuiltIns() {
    all("$merge([$, {'x': 1}])", "$merge([{'a': 1}, {'a': 2}])", "$keys($)", "$keys(address)", "$lookup($, 'name')",
        "$lookup($, 'nickname')", "$lookup(items, 'sku')", "$exists(name)", "$exists(nope)", "$exists(nickname)",
        "$count(tags)", "$count(nope)", "$count(name)", "$append(tags, 'd')", "$append(nope, 1)", "$distinct([1, 1, 2])",
        "$distinct(tags)", "$type(name)", "$type(nickname)", "$type(nope)", "$type(tags)", "$type(age)", "$type($)",
        "$type(active)", "$keys(nope)");
  }

  @Test
  void stringBuiltIns() {
    all("$string(age)", "$string(ratio)", "$string(tags)", "$string($.address)", "$string(nickname)", "$string(nope)",
        "$string(1e21)", "$string(cents / 7)", "$string(active)", "$length(name)", "$substring(name, 4)",
        "$substring(name, 0, 3)", "$substring(name, -3)", "$substringBefore(name, ' ')", "$substringAfter(name, ' ')",
        "$uppercase(name)", "$lowercase(name)", "$trim('  a  b  ')", "$pad(name, 15, '*')", "$pad(name, -15)",
        "$contains(name, 'Love')", "$contains(name, /love/i)", "$split(name, ' ')", "$split(ssn, '-', 2)",
        "$split(name, /\\s+/)", "$join(tags, ',')", "$join(tags)", "$match(ssn, /([0-9]+)-/)",
        "$replace(ssn, '-', '')", "$replace(name, /a/i, 'X')", "$replace(ssn, '-', '', 1)", "$uppercase(nope)",
        "$string(ssn) ~> $substringAfter('-')", "name ~> $uppercase()");
  }

  @Test
  void numberBuiltIns() {
    all("$number('12')", "$number('1.5')", "$number(age)", "$number(true)", "$abs(-5)", "$abs(ratio)", "$floor(2.7)",
        "$ceil(2.1)", "$round(2.5)", "$round(3.14159, 2)", "$power(2, 10)", "$power(2, 0.5)", "$sum(scores)",
        "$max(scores)", "$min(scores)", "$average(scores)", "$sum(items.qty)", "$boolean(0)", "$boolean(name)",
        "$boolean(nickname)", "$not(active)", "$not(nope)", "$sum([])", "$max([])", "$round(cents / 100)");
  }

  @Test
  void timeBuiltInsReadTheInjectedClock() {
    assertEquals("2026-03-01T12:34:56.789Z", assertCompiledAnswer("$now()", record()));
    assertEquals(Differential.CLOCK.millis(), assertCompiledAnswer("$millis()", record()));
    all("$now() = $now()", "$toMillis('2026-01-01T00:00:00.000Z')", "$fromMillis(0)", "$fromMillis(cents)",
        "{'at': $millis(), 'again': $millis()}");
  }

  @Test
  void realMigrationShapes() {
    all("$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.'ssn'}])",
        "$merge([$sift($, function($v, $k) {$k != 'name'}), {'first': $substringBefore(name, ' '),"
            + " 'last': $substringAfter(name, ' ')}])",
        "$merge([$, {'amount': cents / 100}])",
        "$merge([$, {'status': status = 'ACTIVE' ? 1 : 0}])",
        "$merge([$sift($, function($v, $k) {$k != 'address'}), {'location': {'street': address.street}}])",
        "$sift($, function($v, $k) {$k != 'ssn' and $k != 'age'})");
  }

  @Test
  void errorsAreTheInterpretersBecauseTheCompiledFormHandsThemOver() {
    for (String e : List.of("name + 1", "age < 'x'", "$uppercase(age)", "{age: 1}", "1/0", "$number('abc')",
        "{'a': 1, 'a': 2}", "tags < 1", "-name")) {
      assertSameAnswer(e, record());
      assertFalse(Differential.interpreted(e, record()).error() == null, e + " should fail in the interpreter");
      assertTrue(Differential.compiled(e, record()).fellBack(), e);
    }
  }

  @Test
  void expressionsOutsideTheSubsetRunInTheInterpreterWithAReason() {
    JsonataExecutor executor = new JsonataExecutor();
    for (String e : List.of("items.*", "**.sku", "items^(qty)", "[1..3]", "$formatNumber(1, '#')", "$eval('1')",
        "items@$i", "$string#$i", "tags[]", "$sort(tags)", "$unknown")) {
      JsonataExecutor.Compilation c = executor.compilation(e);
      assertFalse(c.compiled(), e);
      assertTrue(c.reason().startsWith("not in the compiled subset: "), c.reason());
    }
  }

  @Test
  void parseErrorsGiveAPositionAndASnippet() {
    JsonataParser.SyntaxError e = assertThrows(JsonataParser.SyntaxError.class,
        () -> JsonataParser.parse("name = 'unterminated"));
    assertEquals(7, e.position());
    assertEquals("Syntax error at position 7: string literal must be terminated by a matching quote\n"
        + "  name = 'unterminated\n         ^", e.getMessage());
    JsonataExecutor.Compilation c = new JsonataExecutor().compilation("(a; ");
    assertFalse(c.compiled());
    assertTrue(c.reason().startsWith("Could not parse expression: Syntax error at position 4"), c.reason());
  }

  @Test
  void theMigrationFastPathAsksWhichFieldsMove() {
    for (String rename : List.of("$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.'ssn'}])",
        "$merge([$sift($, function($v, $k) {$k != \"ssn\"}), {\"national_id\": $.ssn}])",
        "$merge([ $sift($, function($val, $key) { 'ssn' != $key }), { 'national_id': ssn } ])",
        "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $lookup($, 'ssn')}])",
        "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': `ssn`}])",
        "/* rename */ $merge([$sift($, function($v, $k) {$k != 'ssn'}), {'national_id': $.`ssn`}])")) {
      JsonataExecutor.FieldOperations ops = JsonataExecutor.fieldOperations(rename).orElseThrow(() ->
          new AssertionError(rename));
      assertEquals(List.of("ssn"), ops.drops(), rename);
      assertEquals(Map.of("ssn", "national_id"), ops.renames(), rename);
    }
    assertEquals(List.of("a", "b"), JsonataExecutor.fieldOperations(
        "$sift($, function($v, $k) {$k != 'a' and $k != 'b'})").orElseThrow().drops());
    assertTrue(JsonataExecutor.fieldOperations("$").orElseThrow().renames().isEmpty());
    for (String other : List.of("$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'id': $.name}])",
        "$merge([$sift($, function($v, $k) {$k = 'ssn'}), {'id': $.ssn}])",
        "$merge([{'id': $.ssn}, $sift($, function($v, $k) {$k != 'ssn'})])", "$sift($, function($v) {$v})",
        "$merge([$sift($, function($v, $k) {$k != 'ssn'}), {'id': $.ssn.x}])", "name", "(")) {
      assertTrue(JsonataExecutor.fieldOperations(other).isEmpty(), other);
    }
    assertNull(JsonataExecutor.fieldOperations(null).orElse(null));
  }
}
