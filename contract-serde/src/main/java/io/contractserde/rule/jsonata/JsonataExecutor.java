package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.contractserde.contract.RuleKind;
import io.contractserde.format.RecordView;
import io.contractserde.rule.RuleContext;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.RuleExecutor;
import io.contractserde.rule.regex.BoundedRegex;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code JSONATA} rules.
 *
 * <p>Each expression is parsed once and kept in a bounded cache (a parse error too, so a bad
 * expression is not re-parsed per record). An expression inside the compiled subset (see the
 * README) runs as compiled code; any other runs in the {@code com.dashjoin:jsonata} interpreter,
 * which stays the reference: the compiled form gives its answers, and a record on which the
 * compiled form would fail is re-run in the interpreter, so errors are the interpreter's too.
 * {@link #compilation(String)} says which way an expression runs, and the first use of each
 * expression logs it at DEBUG.
 *
 * <p>Every evaluation gets fresh state with its own bounds: nothing mutable is shared between
 * threads, and every evaluation ends within {@code jsonata.timeout.ms} and
 * {@code jsonata.max.depth}. Ranges are bounded by the library (a million items) and {@code $pad}
 * here (a million characters). {@code $now()} and {@code $millis()} read one clock, once per
 * evaluation, on both paths. The regular expressions of {@code $match}, {@code $contains},
 * {@code $replace} and {@code $split} run on {@link io.contractserde.rule.regex.BoundedRegex} on
 * both paths: each such call ends within {@code jsonata.timeout.ms} too, though the interpreter only
 * checks its bound between steps. (In the interpreter, a regex literal applied directly as a
 * function, {@code /re/(s)}, is not bounded; such an expression is outside the compiled subset.)
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
  /** Parameter: {@code false} runs every expression in the interpreter. */
  public static final String COMPILED = "jsonata.compiled";
  /** Parameter (the serde's key, passed to executors): {@code false} runs migrations in the interpreter. */
  public static final String MIGRATION_FAST_PATH = "migration.fast.path";
  static final long DEFAULT_TIMEOUT_MS = 1000;
  static final int DEFAULT_MAX_DEPTH = 200;
  /** The widest {@code $pad} allowed: the built-in one builds its result in one long step. */
  static final int MAX_PAD = 1_000_000;
  /** How many expressions are kept by identity before the cache (a power of two). */
  private static final int RECENT = 8;
  private static final Logger LOG = LoggerFactory.getLogger(JsonataExecutor.class);

  private final Clock clock;
  private volatile long timeoutMs = DEFAULT_TIMEOUT_MS;
  private volatile int maxDepth = DEFAULT_MAX_DEPTH;
  private final RegexBuiltins regexBuiltins = new RegexBuiltins(() -> Duration.ofMillis(timeoutMs));
  private volatile boolean compiledDomain = true;
  private volatile boolean compiledMigrations = true;
  private volatile LoadingCache<String, Prepared> prepared = cache(1000, DEFAULT_MAX_DEPTH);
  private volatile AtomicReferenceArray<Recent> recent = new AtomicReferenceArray<>(RECENT);

  public JsonataExecutor() {
    this(Clock.systemUTC());
  }

  /** An executor whose {@code $now()} and {@code $millis()} read {@code clock}. */
  JsonataExecutor(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public void configure(Map<String, ?> params) {
    timeoutMs = number(params, TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
    maxDepth = (int) number(params, MAX_DEPTH, DEFAULT_MAX_DEPTH);
    compiledDomain = flag(params, COMPILED);
    compiledMigrations = compiledDomain && flag(params, MIGRATION_FAST_PATH);
    prepared = cache((int) number(params, CACHE_SIZE, 1000), maxDepth);
    recent = new AtomicReferenceArray<>(RECENT);
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

  private static boolean flag(Map<String, ?> params, String key) {
    Object value = params.get(key);
    if (value == null) {
      return true;
    }
    String s = String.valueOf(value).trim();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw new ConfigException(key, value, "Expected true or false");
  }

  /**
   * The prepared form of {@code expr}: a rule's expression is one String object for as long as its
   * contract is cached, so the expressions met last are kept by identity, each in the slot of its
   * identity hash, and found there before the cache is asked.
   */
  private Prepared prepared(String expr) {
    AtomicReferenceArray<Recent> slots = recent;
    int slot = System.identityHashCode(expr) & (RECENT - 1);
    Recent r = slots.get(slot);
    if (r != null && r.expr == expr) {
      return r.prepared; // an expression kept here was not blank
    }
    if (expr == null || expr.isBlank()) {
      throw new RuleException("The rule has no expression");
    }
    Prepared p = prepared.get(expr);
    slots.set(slot, new Recent(expr, p));
    return p;
  }

  /** An expression met lately, by identity, and its prepared form. */
  private record Recent(String expr, Prepared prepared) {}

  private LoadingCache<String, Prepared> cache(int size, int maxDepth) {
    return Caffeine.newBuilder().maximumSize(size).build(expr -> Prepared.of(expr, maxDepth, regexBuiltins));
  }

  /** Whether an expression runs compiled, and if not, why. */
  public record Compilation(boolean compiled, String reason) {}

  /**
   * Whether {@code expr} runs as compiled code here as a domain rule ({@code migration} false) or as
   * a migration rule: what the migration metrics report as the {@code engine}.
   */
  public boolean runsCompiled(String expr, boolean migration) {
    Prepared p = prepared.get(expr);
    return p.compiled != null && (migration ? compiledMigrations : compiledDomain);
  }

  /**
   * Whether {@code expr} runs as compiled code in this executor (as configured) or in the
   * interpreter, and why not. An expression that does not parse is not compiled; the reason is the
   * parse error, with its position.
   */
  public Compilation compilation(String expr) {
    Prepared p = prepared.get(expr);
    if (p.compiled != null && !compiledDomain) {
      return new Compilation(false, COMPILED + "=false");
    }
    return p.compiled != null ? new Compilation(true, null) : new Compilation(false, p.notCompiled);
  }

  @Override
  public Object transform(RuleContext ctx, Object message) {
    Prepared p = prepared(ctx.rule().expr());
    Object result;
    if (p.compiled != null && (ctx.modelMessages() ? compiledMigrations : compiledDomain)) {
      result = evaluateCompiled(p, ctx.toModelView(message));
    } else {
      result = evaluate(p, ctx.toModel(message));
    }
    if (ctx.rule().kind() == RuleKind.CONDITION) {
      return asCondition(result);
    }
    return result == null ? message : ctx.fromModel(result);
  }

  private Object evaluateCompiled(Prepared p, Object input) {
    try {
      return p.compiled.evaluate(input, clock, timeoutMs);
    } catch (RuleException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      // The interpreter is the reference: its answer, or its error, for this record.
      return evaluate(p, input);
    }
  }

  private Object evaluate(Prepared p, Object input) {
    Jsonata expression = p.interpreter();
    Jsonata.Frame frame = expression.createFrame();
    frame.setRuntimeBounds(timeoutMs, maxDepth);
    if (p.readsClock) {
      long now = clock.millis();
      frame.bind("millis", Jsonata.function("millis", (Jsonata.Fn0<Long>) () -> now, "<:n>"));
      frame.bind("now", Jsonata.function("now", (Jsonata.Fn2<String, String, String>)
          (picture, zone) -> Functions.dateTimeFromMillis(now, picture, zone), "<s?s?:s>"));
    }
    try {
      return expression.evaluate(RecordView.toPlain(input), frame);
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

  /** Evaluates in the interpreter only (for tests that compare both paths). */
  Object interpret(String expr, Object input) {
    return evaluate(prepared.get(expr), input);
  }

  /** Evaluates compiled, falling back to the interpreter as {@link #transform} does (for tests). */
  Object evaluate(String expr, Object input) {
    Prepared p = prepared.get(expr);
    return p.compiled != null ? evaluateCompiled(p, input) : evaluate(p, input);
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

  /**
   * The plain field operations an expression performs, for planning migrations as schema
   * resolution: {@code drops} are the fields removed, {@code renames} map an old field name to its
   * new one (every renamed field is also removed under its old name). Empty for {@code $} itself.
   */
  public record FieldOperations(List<String> drops, Map<String, String> renames) {
    public FieldOperations {
      drops = List.copyOf(drops);
      renames = Map.copyOf(renames);
    }
  }

  /**
   * The field operations of {@code expr} when it is nothing but field renames and drops, in any
   * spelling ({@code $merge([$sift($, function($v, $k) {$k != 'a'}), {'b': $.'a'}])}, {@code $},
   * {@code $sift($, function($v, $k) {$k != 'a' and $k != 'b'})}, ...); empty otherwise. Read from
   * the syntax tree, never from the text.
   */
  public static Optional<FieldOperations> fieldOperations(String expr) {
    if (expr == null) {
      return Optional.empty();
    }
    try {
      return FieldShapes.of(JsonataParser.parse(expr));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** An expression ready to run: the interpreter's form, and the compiled form when there is one. */
  private static final class Prepared {
    private final Jsonata interpreter;
    private final String parseError;
    private final CompiledExpression compiled;
    private final String notCompiled;
    private final boolean readsClock;

    private Prepared(Jsonata interpreter, String parseError, CompiledExpression compiled, String notCompiled,
        boolean readsClock) {
      this.interpreter = interpreter;
      this.parseError = parseError;
      this.compiled = compiled;
      this.notCompiled = notCompiled;
      this.readsClock = readsClock;
    }

    static Prepared of(String expr, int maxDepth, RegexBuiltins regexBuiltins) {
      Jsonata interpreter;
      try {
        interpreter = Jsonata.jsonata(expr);
        interpreter.setValidateInput(false);
        interpreter.registerFunction("pad", Jsonata.function("pad", (Jsonata.Fn3<String, Number, String, String>)
            JsonataExecutor::boundedPad, "<s-ns?:s>"));
        regexBuiltins.registerOn(interpreter);
      } catch (RuntimeException e) {
        String error = "Could not parse expression: " + e.getMessage();
        try {
          JsonataParser.parse(expr);
        } catch (JsonataParser.SyntaxError ours) {
          error = "Could not parse expression: " + ours.getMessage();
        } catch (RuntimeException ignored) {
          // the interpreter's message stands
        }
        LOG.debug("JSONata expression '{}' does not parse: {}", expr, error);
        return new Prepared(null, error, null, error, false);
      }
      boolean readsClock = expr.contains("$now") || expr.contains("$millis");
      try {
        CompiledExpression compiled = CompiledExpression.compile(expr, maxDepth);
        LOG.debug("JSONata expression '{}' runs compiled", expr);
        return new Prepared(interpreter, null, compiled, null, readsClock);
      } catch (RuntimeException e) {
        String reason = e instanceof JsonataParser.Unsupported ? "not in the compiled subset: " + e.getMessage()
            : "not compiled: " + e.getMessage();
        LOG.debug("JSONata expression '{}' runs in the interpreter, {}", expr, reason);
        return new Prepared(interpreter, null, null, reason, readsClock);
      }
    }

    Jsonata interpreter() {
      if (parseError != null) {
        throw new RuleException(parseError);
      }
      return interpreter;
    }
  }
}
