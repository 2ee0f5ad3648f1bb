package io.contractserde.rule.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.contractserde.format.MapFields;
import io.contractserde.format.RecordView;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one expression both ways, on the same input and the same fixed clock: compiled (with no
 * fallback) and in the dashjoin interpreter, and compares what each gives, value or error. The
 * compiled side runs on plain maps and on {@link RecordView}s of the same records (as formats give
 * them, {@link MapFields}), the interpreter on plain maps.
 */
final class Differential {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:34:56.789Z"), ZoneOffset.UTC);
  private static final JsonataExecutor EXECUTOR = new JsonataExecutor(CLOCK);

  private Differential() {}

  /** What one side gave: a value, an error, or (compiled only) a hand-over to the interpreter. */
  record Outcome(Object value, String error, boolean fellBack) {
    String render() {
      return fellBack ? "<fallback>" : error != null ? "<error>" : Differential.render(value);
    }
  }

  static Outcome interpreted(String expr, Object input) {
    try {
      return new Outcome(EXECUTOR.interpret(expr, input), null, false);
    } catch (RuntimeException e) {
      return new Outcome(null, String.valueOf(e.getMessage()), false);
    }
  }

  static Outcome compiled(String expr, Object input) {
    CompiledExpression c = CompiledExpression.compile(expr, 200);
    try {
      return new Outcome(c.evaluate(input, CLOCK, 1000), null, false);
    } catch (JsonataCompiler.Fallback e) {
      return new Outcome(null, null, true);
    } catch (RuntimeException e) {
      return new Outcome(null, e.toString(), false);
    }
  }

  /**
   * The compiled form on {@code input} as a format gives it (every record a {@link RecordView}),
   * with no fallback; the value with its views copied into plain maps.
   */
  static Outcome compiledOnView(String expr, Object input) {
    return compiledOn(CompiledExpression.compile(expr, 200), MapFields.view(input));
  }

  static Outcome compiledOn(CompiledExpression c, Object input) {
    try {
      return new Outcome(RecordView.toPlain(c.evaluate(input, CLOCK, 1000)), null, false);
    } catch (JsonataCompiler.Fallback e) {
      return new Outcome(null, null, true);
    } catch (RuntimeException e) {
      return new Outcome(null, e.toString(), false);
    }
  }

  /**
   * Asserts that on a view of {@code input} the compiled form does what it does on the plain
   * record (the same value, error or hand-over), that its value is the interpreter's, that the
   * executor (compiled with its fallback, the expression's compiled form shared with every other
   * record) gives the interpreter's answer on the view, and that the record is not written to.
   */
  static void checkOnView(String expr, Object input) {
    String before = render(input);
    Outcome onPlain = compiled(expr, input);
    Outcome onView = compiledOnView(expr, input);
    assertEquals(onPlain.render(), onView.render(), () -> expr + " on a view of " + before);
    assertEquals(onPlain.error, onView.error, () -> expr + " on a view of " + before);
    Outcome reference = interpreted(expr, input);
    if (!onView.fellBack && onView.error == null) {
      assertEquals(reference.render(), onView.render(), () -> expr + " on a view of " + before
          + ", against the interpreter");
    }
    Outcome interpretedOnView = interpreted(expr, MapFields.view(input));
    assertEquals(reference.render(), interpretedOnView.render(), () -> "the interpreter on a view: " + expr);
    assertEquals(reference.error, interpretedOnView.error, () -> "the interpreter on a view: " + expr);
    Outcome executor;
    try {
      executor = new Outcome(RecordView.toPlain(EXECUTOR.evaluate(expr, MapFields.view(input))), null, false);
    } catch (RuntimeException e) {
      executor = new Outcome(null, e.getMessage(), false);
    }
    Outcome viaExecutor = executor;
    assertEquals(reference.render(), viaExecutor.render(), () -> "the executor on a view: " + expr + " on " + before);
    assertEquals(before, render(input), () -> expr + " wrote to the record");
  }

  /** True when the expression compiles. */
  static boolean compiles(String expr) {
    return EXECUTOR.compilation(expr).compiled();
  }

  /**
   * Asserts that {@code expr} compiles and gives the interpreter's answer on {@code input}: the same
   * value, or (when the interpreter fails) a hand-over to it. Returns the answer.
   */
  static Object assertSameAnswer(String expr, Object input) {
    assertTrue(compiles(expr), () -> expr + " does not compile: " + EXECUTOR.compilation(expr).reason());
    return check(expr, input, false);
  }

  /** As {@link #assertSameAnswer}, and the compiled form answers itself (no hand-over). */
  static Object assertCompiledAnswer(String expr, Object input) {
    assertTrue(compiles(expr), () -> expr + " does not compile: " + EXECUTOR.compilation(expr).reason());
    return check(expr, input, true);
  }

  /**
   * Compares both sides; a compiled value where the interpreter fails, or a different value, is a
   * failure. A hand-over is fine unless {@code mustAnswer}.
   */
  static Object check(String expr, Object input, boolean mustAnswer) {
    Outcome i = interpreted(expr, input);
    Outcome c = compiled(expr, input);
    if (c.fellBack) {
      if (mustAnswer) {
        fail(expr + " on " + render(input) + ": the compiled form handed over to the interpreter, which gave "
            + i.render() + (i.error != null ? " (" + i.error + ")" : ""));
      }
      return i.value;
    }
    if (c.error != null) {
      fail(expr + " on " + render(input) + ": the compiled form threw " + c.error + "; the interpreter gave "
          + i.render());
    }
    if (i.error != null) {
      fail(expr + " on " + render(input) + ": the interpreter fails (" + i.error + ") but the compiled form gave "
          + c.render());
    }
    assertEquals(render(i.value), render(c.value), () -> expr + " on " + render(input));
    return c.value;
  }

  /** A rendering that keeps key order and number types, so that both must agree on them too. */
  static String render(Object v) {
    if (v == null) {
      return "undefined";
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.forEach((k, x) -> sb.append(k).append(": ").append(render(x)).append(", "));
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      l.forEach(x -> sb.append(render(x)).append(", "));
      return sb.append(']').toString();
    }
    if (v instanceof String s) {
      return '"' + s + '"';
    }
    return v + ":" + v.getClass().getSimpleName();
  }

  static boolean same(Object a, Object b) {
    return Objects.equals(render(a), render(b));
  }
}
