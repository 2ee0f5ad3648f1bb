package io.contractserde.cel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelStandardFunctions.StandardFunction;
import dev.cel.runtime.CelVariableResolver;
import io.contractserde.contract.Rule;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.regex.BoundedRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigException;

/**
 * A CEL environment (the variables an executor binds, the extension functions) and its compiled
 * programs, one per expression, kept in a bounded cache. The variables are dynamically typed, so
 * one compiled program serves every schema. Thread-safe.
 */
final class CelPrograms {
  /** As many compiled expressions as the incumbent keeps per executor. */
  static final int CACHE_SIZE = 1000;
  /** The most iterations one comprehension ({@code all}, {@code map}, ...) may make. */
  static final int MAX_ITERATIONS = 1_000_000;

  private static final Map<String, Predicate<String>> EXTENSIONS = Map.of(
      "isEmail", Validators::isEmail,
      "isHostname", Validators::isHostname,
      "isIpv4", Validators::isIpv4,
      "isIpv6", Validators::isIpv6,
      "isUri", Validators::isUri,
      "isUriRef", Validators::isUriRef,
      "isUuid", Validators::isUuid);

  /** The executor parameter bounding each {@code matches} call, in milliseconds. */
  static final String REGEX_TIMEOUT_MS = "cel.regex.timeout.ms";
  static final Duration DEFAULT_REGEX_BOUND = Duration.ofMillis(1000);

  private final Cache<String, BoundedRegex> regexes = Caffeine.newBuilder().maximumSize(CACHE_SIZE).build();
  private volatile Duration regexBound = DEFAULT_REGEX_BOUND;
  private final CelCompiler compiler;
  private final CelRuntime runtime;
  private final LoadingCache<Key, Program> programs =
      Caffeine.newBuilder().maximumSize(CACHE_SIZE).build(this::compile);

  /** An environment declaring {@code variables} (name to type) besides {@code now}. */
  CelPrograms(Map<String, CelType> variables) {
    CelOptions options = CelOptions.current()
        .enableHeterogeneousNumericComparisons(true)
        .comprehensionMaxIterations(MAX_ITERATIONS)
        .build();
    CelCompilerBuilder compilerBuilder = CelCompilerFactory.standardCelCompilerBuilder()
        .setOptions(options)
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addLibraries(CelExtensions.strings())
        .addVar("now", SimpleType.TIMESTAMP);
    variables.forEach(compilerBuilder::addVar);
    List<CelFunctionBinding> bindings = new ArrayList<>();
    EXTENSIONS.forEach((name, check) -> {
      compilerBuilder.addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration(name,
          CelOverloadDecl.newMemberOverload(name + "_member", SimpleType.BOOL, SimpleType.STRING),
          CelOverloadDecl.newGlobalOverload(name + "_global", SimpleType.BOOL, SimpleType.STRING)));
      bindings.add(CelFunctionBinding.from(name + "_member", String.class, check::test));
      bindings.add(CelFunctionBinding.from(name + "_global", String.class, check::test));
    });
    // matches: java.util.regex (the incumbent's default, PCRE-like flavour) instead of RE2, whole-string,
    // bounded in time. cel-java replaces a standard binding only with the standard set narrowed.
    bindings.add(CelFunctionBinding.from("matches", String.class, String.class, this::matches));
    bindings.add(CelFunctionBinding.from("matches_string", String.class, String.class, this::matches));
    this.compiler = compilerBuilder.build();
    this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .setOptions(options)
        .setStandardEnvironmentEnabled(false)
        .setStandardFunctions(CelStandardFunctions.newBuilder().excludeFunctions(StandardFunction.MATCHES).build())
        .addLibraries(CelExtensions.strings())
        .addFunctionBindings(bindings)
        .build();
  }

  /** The most time one {@code matches} call may take; from {@value #REGEX_TIMEOUT_MS}, default 1000. */
  void regexBound(Duration bound) {
    this.regexBound = bound;
  }

  /**
   * Reads {@value #REGEX_TIMEOUT_MS} from an executor's parameters.
   *
   * @throws ConfigException when it is not a positive number
   */
  void configure(Map<String, ?> params) {
    Object value = params.get(REGEX_TIMEOUT_MS);
    if (value == null) {
      return;
    }
    try {
      long millis = Long.parseLong(String.valueOf(value).trim());
      if (millis <= 0) {
        throw new NumberFormatException("must be positive");
      }
      regexBound(Duration.ofMillis(millis));
    } catch (NumberFormatException e) {
      throw new ConfigException(REGEX_TIMEOUT_MS, value, "Cannot parse as a positive number");
    }
  }

  /** CEL's {@code matches}: the whole of {@code value} matches {@code regex}, decided within the bound. */
  private boolean matches(String value, String regex) throws CelEvaluationException {
    BoundedRegex compiled;
    try {
      compiled = regexes.get(regex, BoundedRegex::compile);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException("Invalid regular expression '" + regex + "': " + e.getDescription());
    }
    return compiled.matches(value, regexBound);
  }

  /**
   * The compiled form of a rule's expression: the text before the first {@code ;} is a guard
   * unless {@code ignoreGuard}. Compiled on first use; a compilation error is kept and reported on
   * every use.
   */
  Program program(String expr, boolean ignoreGuard) {
    if (expr == null || expr.isBlank()) {
      throw new RuleException("The rule has no expression");
    }
    return programs.get(new Key(expr, ignoreGuard));
  }

  /**
   * The compilation error of a rule's expression, with its guard unless the rule's
   * {@value CelExecutor#IGNORE_GUARD_SEPARATOR} parameter is true; empty when it compiles.
   */
  Optional<String> check(Rule rule) {
    if (rule.expr() == null || rule.expr().isBlank()) {
      return Optional.of("The rule has no expression");
    }
    boolean ignoreGuard = Boolean.parseBoolean(rule.params().get(CelExecutor.IGNORE_GUARD_SEPARATOR));
    return Optional.ofNullable(program(rule.expr(), ignoreGuard).error());
  }

  private Program compile(Key key) {
    String expr = key.expr();
    int semicolon = key.ignoreGuard() ? -1 : expr.indexOf(';');
    try {
      if (semicolon < 0) {
        return new Program(expr, null, compile(expr), null);
      }
      String guard = expr.substring(0, semicolon);
      return new Program(expr, guard.isBlank() ? null : compile(guard), compile(expr.substring(semicolon + 1)), null);
    } catch (CelValidationException | CelEvaluationException e) {
      return new Program(expr, null, null, "Could not compile expression '" + expr + "': " + e.getMessage());
    }
  }

  private CelRuntime.Program compile(String expr) throws CelValidationException, CelEvaluationException {
    CelAbstractSyntaxTree ast = compiler.compile(expr).getAst();
    return runtime.createProgram(ast);
  }

  private record Key(String expr, boolean ignoreGuard) {}

  /** A compiled rule expression: an optional guard and the body; or the error it did not compile with. */
  record Program(String expr, CelRuntime.Program guard, CelRuntime.Program body, String error) {
    /** What {@link #evaluate} returns when the guard did not hold: the rule does not apply. */
    static final Object SKIPPED = new Object();

    /**
     * Evaluates the guard, then, if it gave {@code true}, the body, with the variables
     * {@code resolver} gives. A guard that fails or gives anything else skips the body.
     *
     * @return the body's result, or {@link #SKIPPED}
     * @throws RuleException when the expression did not compile or the body's evaluation fails
     */
    Object evaluate(CelVariableResolver resolver) {
      if (error != null) {
        throw new RuleException(error);
      }
      if (guard != null) {
        Object holds;
        try {
          holds = guard.eval(resolver);
        } catch (CelEvaluationException e) {
          // A guard that fails skips the rule, but a regex past its bound fails it: a crafted value
          // must not switch a rule off.
          BoundedRegex.BoundExceeded exceeded = BoundedRegex.exceeded(e);
          if (exceeded != null) {
            throw exceeded;
          }
          return SKIPPED;
        }
        if (!Boolean.TRUE.equals(holds)) {
          return SKIPPED;
        }
      }
      try {
        return body.eval(resolver);
      } catch (CelEvaluationException e) {
        BoundedRegex.BoundExceeded exceeded = BoundedRegex.exceeded(e);
        if (exceeded != null) {
          throw exceeded;
        }
        throw new RuleException("Could not evaluate expression '" + expr + "': " + e.getMessage(), e);
      }
    }
  }
}
