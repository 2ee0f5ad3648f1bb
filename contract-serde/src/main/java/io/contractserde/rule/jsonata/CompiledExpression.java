package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Jsonata;
import io.contractserde.format.RecordView;
import io.contractserde.rule.jsonata.JsonataCompiler.Env;
import io.contractserde.rule.jsonata.JsonataCompiler.Frame;
import io.contractserde.rule.jsonata.JsonataCompiler.Program;
import java.time.Clock;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;

/**
 * One JSONata expression compiled into evaluator objects, shared by every thread (what they remember
 * is kept in immutable entries, see {@link JsonataCompiler}); each {@link #evaluate} has its own {@link Env}.
 */
final class CompiledExpression {
  private final Program program;
  private final int maxCalls;

  private CompiledExpression(Program program, int maxCalls) {
    this.program = program;
    this.maxCalls = maxCalls;
  }

  /**
   * Parses and compiles {@code source}.
   *
   * @param maxDepth the interpreter's depth bound: an expression that could come near it is not
   *     compiled, and nested lambda calls that could are handed back to the interpreter
   * @throws JsonataParser.SyntaxError when the text is not JSONata
   * @throws JsonataParser.Unsupported when it is outside the compiled subset
   */
  static CompiledExpression compile(String source, int maxDepth) {
    Expr expr = JsonataParser.parse(source);
    Program program = JsonataCompiler.compile(expr);
    int perLevel = 2 * program.depth() + 10;
    if (perLevel > maxDepth) {
      throw new JsonataParser.Unsupported("the expression nests too deep for jsonata.max.depth " + maxDepth);
    }
    return new CompiledExpression(program, Math.min(8, maxDepth / perLevel - 1));
  }

  /**
   * The value of the expression on {@code input}, as the interpreter returns it (JSON null as Java
   * null, undefined as null).
   *
   * @throws JsonataCompiler.Fallback when the interpreter must answer for this input
   */
  Object evaluate(Object input, Clock clock, long timeoutMs) {
    Env env = new Env(input, clock, timeoutMs, maxCalls);
    if (program.rootFrameSize() > 0) {
      env.frame = new Frame(program.rootFrameSize(), null);
    }
    Object result = program.root().eval(input, env);
    return result == Jsonata.NULL_VALUE ? null : withoutNullValues(result);
  }

  /** Replaces the evaluation-time JSON null by Java null inside maps and lists built by the expression. */
  @SuppressWarnings("unchecked")
  private static Object withoutNullValues(Object value) {
    if (value instanceof Boolean || value instanceof String || value instanceof Number) {
      return value;
    }
    if (value instanceof RecordView view) {
      // The record's own fields hold no marker; the entries put on top may.
      view.replaceAdded(v -> v == Jsonata.NULL_VALUE ? null : JsonataCompiler.isMap(v) || JsonataCompiler.isList(v)
          ? withoutNullValues(v) : v);
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<Object, Object> e : ((Map<Object, Object>) map).entrySet()) {
        Object v = e.getValue();
        if (v == Jsonata.NULL_VALUE) {
          e.setValue(null);
        } else if (JsonataCompiler.isMap(v) || JsonataCompiler.isList(v)) {
          withoutNullValues(v);
        }
      }
    } else if (value instanceof List<?> list) {
      for (ListIterator<Object> it = ((List<Object>) list).listIterator(); it.hasNext(); ) {
        Object v = it.next();
        if (v == Jsonata.NULL_VALUE) {
          it.set(null);
        } else if (JsonataCompiler.isMap(v) || JsonataCompiler.isList(v)) {
          withoutNullValues(v);
        }
      }
    }
    return value;
  }
}
