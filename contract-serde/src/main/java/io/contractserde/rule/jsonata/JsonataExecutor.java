package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.contractserde.contract.RuleKind;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import io.contractserde.rule.regex.BoundedRegex;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Runs {@code JSONATA} rules.
 *
 * <p>Each expression is parsed once and kept in a bounded cache (a parse error too, so a bad
 * expression is not re-parsed per record). Every evaluation gets a fresh frame from
 * {@code createFrame()} with its own runtime bounds: nothing mutable is shared between threads,
 * and every evaluation ends within {@code jsonata.timeout.ms} and {@code jsonata.max.depth}.
 * Ranges are bounded by the library (a million items) and {@code $pad} here (a million characters).
 * The regular expressions of {@code $match}, {@code $contains}, {@code $replace} and {@code $split}
 * run on {@link io.contractserde.rule.regex.BoundedRegex}: each such call ends within
 * {@code jsonata.timeout.ms} too, though the interpreter only checks its bound between steps. (A
 * regex literal applied directly as a function, {@code /re/(s)}, runs inside the interpreter and is
 * not bounded yet.)
 *
 * <p>CONDITION: no result counts as true; a boolean is itself; a number is true unless zero; the
 * strings "true"/"false" are read as booleans; anything else is true (the incumbent's coercion).
 * TRANSFORM: the result, converted back to the target's native form for domain rules; no result
 * leaves the message unchanged.
 */
public final class JsonataExecutor implements RuleExecutor {
  public static final String TYPE = "JSONATA";
  public static final String TIMEOUT_MS = "jsonata.timeout.ms";
  public static final String MAX_DEPTH = "jsonata.max.depth";
  public static final String CACHE_SIZE = "jsonata.cache.size";
  static final long DEFAULT_TIMEOUT_MS = 1000;
  static final int DEFAULT_MAX_DEPTH = 200;
  /** The widest {@code $pad} allowed: the built-in one builds its result in one long step. */
  static final int MAX_PAD = 1_000_000;

  private volatile long timeoutMs = DEFAULT_TIMEOUT_MS;
  private volatile int maxDepth = DEFAULT_MAX_DEPTH;
  private final RegexBuiltins regexBuiltins = new RegexBuiltins(() -> Duration.ofMillis(timeoutMs));
  private volatile LoadingCache<String, Compiled> compiled = cache(1000);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void configure(Map<String, ?> params) {
    timeoutMs = number(params, TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    maxDepth = (int) number(params, MAX_DEPTH, DEFAULT_MAX_DEPTH);
    compiled = cache((int) number(params, CACHE_SIZE, 1000));
  }

  private static long number(Map<String, ?> params, String key, long fallback) {
    Object value = params.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      long parsed = Long.parseLong(String.valueOf(value).trim());
      if (parsed <= 0) {
        throw new NumberFormatException("must be positive");
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "Cannot parse as a positive number");
    }
  }

  private LoadingCache<String, Compiled> cache(int size) {
    return Caffeine.newBuilder().maximumSize(size).build(expr -> Compiled.parse(expr, regexBuiltins));
  }

  @Override
  public Object transform(RuleContext ctx, Object message) {
    String expr = ctx.rule().expr();
    if (expr == null || expr.isBlank()) {
      throw new RuleException("The rule has no expression");
    }
    Jsonata expression = compiled.get(expr).expression();
    Object result = evaluate(expression, ctx.toModel(message));
    if (ctx.rule().kind() == RuleKind.CONDITION) {
      return asCondition(result);
    }
    return result == null ? message : ctx.fromModel(result);
  }

  private Object evaluate(Jsonata expression, Object input) {
    Jsonata.Frame frame = expression.createFrame();
    frame.setRuntimeBounds(timeoutMs, maxDepth);
    try {
      return expression.evaluate(input, frame);
    } catch (StackOverflowError e) {
      throw new RuleException("Could not evaluate expression: it recursed deeper than the Java stack allows");
    } catch (RuntimeException e) {
      BoundedRegex.BoundExceeded exceeded = BoundedRegex.exceeded(e);
      if (exceeded != null) {
        throw exceeded;
      }
      throw new RuleException("Could not evaluate expression: " + e.getMessage(), e);
    }
  }

  static Boolean asCondition(Object result) {
    if (result == null || result instanceof Boolean) {
      return result == null ? Boolean.TRUE : (Boolean) result;
    }
    if (result instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (result instanceof String s) {
      return !"false".equals(s.trim());
    }
    return Boolean.TRUE;
  }

  /**
   * {@code $pad} with a bound on the width: one call of the built-in can take minutes, and a
   * single built-in call is not interrupted by the time bound.
   */
  static String boundedPad(String str, Number width, String chr) {
    if (str == null) {
      return null;
    }
    if (Math.abs(width.doubleValue()) > MAX_PAD) {
      throw new RuleException("$pad width " + width + " exceeds " + MAX_PAD);
    }
    return Functions.pad(str, width, chr);
  }

  /** A parsed expression, or the parse error to report on every use. */
  private record Compiled(Jsonata expression, String error) {
    static Compiled parse(String expr, RegexBuiltins regexBuiltins) {
      try {
        Jsonata expression = Jsonata.jsonata(expr);
        expression.setValidateInput(false);
        expression.registerFunction("pad", Jsonata.function("pad", (Jsonata.Fn3<String, Number, String, String>)
            JsonataExecutor::boundedPad, "<s-ns?:s>"));
        regexBuiltins.registerOn(expression);
        return new Compiled(expression, null);
      } catch (RuntimeException e) {
        return new Compiled(null, "Could not parse expression: " + e.getMessage());
      }
    }

    @Override
    public Jsonata expression() {
      if (error != null) {
        throw new RuleException(error);
      }
      return expression;
    }
  }
}
