package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import com.dashjoin.jsonata.Utils.JList;
import io.contractserde.format.RecordView;
import io.contractserde.rule.RuleException;
import io.contractserde.rule.jsonata.Expr.ArrayCons;
import io.contractserde.rule.jsonata.Expr.Binary;
import io.contractserde.rule.jsonata.Expr.Bind;
import io.contractserde.rule.jsonata.Expr.Block;
import io.contractserde.rule.jsonata.Expr.Call;
import io.contractserde.rule.jsonata.Expr.Condition;
import io.contractserde.rule.jsonata.Expr.Context;
import io.contractserde.rule.jsonata.Expr.Filter;
import io.contractserde.rule.jsonata.Expr.Lambda;
import io.contractserde.rule.jsonata.Expr.Literal;
import io.contractserde.rule.jsonata.Expr.Logical;
import io.contractserde.rule.jsonata.Expr.Name;
import io.contractserde.rule.jsonata.Expr.Negate;
import io.contractserde.rule.jsonata.Expr.ObjectCons;
import io.contractserde.rule.jsonata.Expr.Path;
import io.contractserde.rule.jsonata.Expr.Regex;
import io.contractserde.rule.jsonata.Expr.Step;
import io.contractserde.rule.jsonata.Expr.Variable;
import io.contractserde.rule.jsonata.JsonataParser.Unsupported;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiles an {@link Expr} into a tree of small evaluator objects ({@link Node}) with the
 * interpreter's semantics: Java null is "undefined", {@link Jsonata#NULL_VALUE} is JSON null while
 * evaluating, sequences are the interpreter's {@link JList}s and are unwrapped where it unwraps
 * them, and numbers go through {@link Utils#convertNumber} as its operators do. Variables are
 * resolved to frame slots at compile time. A compiled tree's answers never change after compilation;
 * what it remembers to get them faster (a path step's field position per record layout, a key-only
 * lambda's verdicts) is kept in immutable entries that a thread replaces whole, so one tree is shared
 * by every thread; per evaluation state lives in an {@link Env}.
 *
 * <p>Where an answer would be an error, or a case the compiled form does not cover, evaluation
 * throws {@link Fallback} and the caller runs the interpreter, whose answer (or error) is the
 * reference.
 */
final class JsonataCompiler {
  private JsonataCompiler() {}

  /** One compiled node. */
  interface Node {
    Object eval(Object in, Env env);
  }

  /** Hand this record to the interpreter: its answer is the reference. */
  static final class Fallback extends RuntimeException {
    static final Fallback INSTANCE = new Fallback();

    private Fallback() {
      super("compiled code hands this record to the interpreter", null, false, false);
    }
  }

  /**
   * The raw result of a call in tail position of a lambda body, when it is a sequence the
   * interpreter would otherwise unwrap: the interpreter runs such a call as a trampolined tail call,
   * so the enclosing conditionals and blocks pass it on as it is, and the lambda returns it as it is.
   */
  record Thunked(Object value) {}

  /** Variable slots of one scope at run time; a slot not yet bound holds {@link #UNBOUND}. */
  static final class Frame {
    static final Object UNBOUND = new Object();
    final Object[] slots;
    final Frame parent;

    Frame(int size, Frame parent) {
      this.slots = new Object[size];
      java.util.Arrays.fill(slots, UNBOUND);
      this.parent = parent;
    }
  }

  /** The state of one evaluation: never shared between threads. */
  static final class Env {
    final Object root;
    final Clock clock;
    /**
     * When the evaluation must end, set at the first lambda call: only lambda calls repeat work,
     * so an evaluation that makes none runs in time bounded by the expression and its input, and
     * reads no clock.
     */
    private long deadline;
    private boolean timed;
    final long timeoutMs;
    final int maxCalls;
    Frame frame;
    int calls;
    private Long millis;

    Env(Object root, Clock clock, long timeoutMs, int maxCalls) {
      this.root = root;
      this.clock = clock;
      this.timeoutMs = timeoutMs;
      this.maxCalls = maxCalls;
    }

    /** The time of this evaluation: every {@code $now()} and {@code $millis()} in it agree. */
    Long millis() {
      if (millis == null) {
        millis = clock.millis();
      }
      return millis;
    }

    void checkTime() {
      if (!timed) {
        deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        timed = true;
      } else if (System.nanoTime() - deadline > 0) {
        throw new RuleException("Could not evaluate expression: it ran longer than jsonata.timeout.ms ("
            + timeoutMs + " ms)");
      }
    }
  }

  /** A lambda value: its definition, the frame it closes over, and the context it was made in. */
  static final class Closure {
    private final LambdaNode def;
    private final Frame frame;
    private final Object input;

    Closure(LambdaNode def, Frame frame, Object input) {
      this.def = def;
      this.frame = frame;
      this.input = input;
    }

    int arity() {
      return def.params;
    }

    /** Whether the body reads the first parameter. */
    boolean readsValue() {
      return def.readsValue;
    }

    /**
     * For a body that reads nothing but its second parameter (a key) and literals, its truth value
     * for each field name of {@code fields}, worked out once per record schema; otherwise null.
     * Null too when the body fails on a name: each call then runs it, as the reference does.
     */
    boolean[] verdictsByKey(RecordView.Fields fields, Env env) {
      if (!def.keyOnly) {
        return null;
      }
      KeyVerdicts known = def.verdicts;
      if (known != null && known.schemaKey().equals(fields.schemaKey())) {
        return known.byField();
      }
      boolean[] byField = new boolean[fields.count()];
      try {
        for (int i = 0; i < byField.length; i++) {
          byField[i] = verdict(fields.name(i), env);
        }
      } catch (Fallback e) {
        return null;
      }
      def.verdicts = new KeyVerdicts(fields.schemaKey(), byField);
      return byField;
    }

    /**
     * For a body that reads nothing but its second parameter (a key) and literals, its truth value
     * for {@code key}, remembered per key name (the keys an object constructor adds are the same
     * few names record after record); otherwise, or when the body fails on the key, null.
     */
    Boolean verdictForKey(String key, Env env) {
      if (!def.keyOnly) {
        return null;
      }
      Map<String, Boolean> known = def.verdictsByName;
      Boolean verdict = known.get(key);
      if (verdict == null) {
        try {
          verdict = verdict(key, env);
        } catch (Fallback e) {
          return null;
        }
        if (known.size() < LambdaNode.NAMES_REMEMBERED) {
          known.put(key, verdict);
        }
      }
      return verdict;
    }

    /** A key-only body's truth value for {@code key}. */
    private boolean verdict(String key, Env env) {
      return truthy(call(env, new Object[] {null, key, null}));
    }

    Object call(Env env, Object[] args) {
      env.checkTime();
      if (++env.calls > env.maxCalls) {
        throw Fallback.INSTANCE;
      }
      Frame saved = env.frame;
      try {
        if (def.frameSize > 0) {
          Frame f = new Frame(def.frameSize, frame);
          System.arraycopy(args, 0, f.slots, 0, Math.min(args.length, def.params));  // others stay unbound
          env.frame = f;
        } else {
          env.frame = frame;
        }
        Object result = def.body.eval(input, env);
        return result instanceof Thunked t ? t.value() : result;
      } finally {
        env.frame = saved;
        env.calls--;
      }
    }
  }

  /** A compiled expression's root node, how many slots its top scope has, and its nesting depth. */
  record Program(Node root, int rootFrameSize, int depth) {}

  /** Compiles {@code expr}; throws {@link Unsupported} for what the compiled form does not cover. */
  static Program compile(Expr expr) {
    Scope root = new Scope(null, boundNames(expr, new ArrayList<>()));
    Node node = new JsonataCompiler.Builder().node(expr, root);
    return new Program(node, root.names.size(), depth(expr));
  }

  // ---------------------------------------------------------------- scopes

  /** A block, lambda or the whole expression: the names bound directly in it. */
  private record Scope(Scope parent, List<String> names, Set<String> used) {
    Scope(Scope parent, List<String> names) {
      this(parent, names, new HashSet<>());
    }

    boolean hasFrame() {
      return !names.isEmpty();
    }
  }

  /** The names bound by {@code :=} in {@code e} itself, not inside nested blocks or lambdas. */
  private static List<String> boundNames(Expr e, List<String> into) {
    if (e instanceof Bind b) {
      if (!into.contains(b.name())) {
        into.add(b.name());
      }
      boundNames(b.value(), into);
    } else if (e instanceof Block || e instanceof Lambda) {
      return into;
    } else {
      for (Expr child : children(e)) {
        boundNames(child, into);
      }
    }
    return into;
  }

  private static List<Expr> children(Expr e) {
    List<Expr> out = new ArrayList<>();
    if (e instanceof Path p) {
      for (Step s : p.steps()) {
        out.add(s.expr());
        out.addAll(s.stages());
      }
    } else if (e instanceof Filter f) {
      out.add(f.base());
      out.addAll(f.predicates());
    } else if (e instanceof Binary b) {
      out.add(b.lhs());
      out.add(b.rhs());
    } else if (e instanceof Logical l) {
      out.add(l.lhs());
      out.add(l.rhs());
    } else if (e instanceof Negate n) {
      out.add(n.expr());
    } else if (e instanceof ArrayCons a) {
      out.addAll(a.items());
    } else if (e instanceof ObjectCons o) {
      out.addAll(o.keys());
      out.addAll(o.values());
    } else if (e instanceof Condition c) {
      out.add(c.condition());
      out.add(c.then());
      if (c.otherwise() != null) {
        out.add(c.otherwise());
      }
    } else if (e instanceof Block b) {
      out.addAll(b.expressions());
    } else if (e instanceof Bind b) {
      out.add(b.value());
    } else if (e instanceof Lambda l) {
      out.add(l.body());
    } else if (e instanceof Call c) {
      out.addAll(c.args());
      if (c.chained() != null) {
        out.add(c.chained());
      }
    }
    return out;
  }

  static int depth(Expr e) {
    int max = 0;
    for (Expr child : children(e)) {
      max = Math.max(max, depth(child));
    }
    return max + (e instanceof Path ? 2 : 1);
  }

  /** Where a variable may live: {@code hops} frames up, slot {@code slot}; innermost first. */
  private record Slot(int hops, int slot) {}

  // ---------------------------------------------------------------- building

  private static final class Builder {

    Node node(Expr e, Scope scope) {
      return node(e, scope, false);
    }

    /**
     * {@code tail}: the expression is in tail position of a lambda body (the body, a branch of a
     * conditional there, the last expression of a block there). The interpreter runs a call there as
     * a tail call, whose result is not unwrapped from a singleton sequence.
     */
    Node node(Expr e, Scope scope, boolean tail) {
      if (e instanceof Literal l) {
        Object v = l.value() == null ? Jsonata.NULL_VALUE : l.value();
        return (in, env) -> v;
      }
      if (e instanceof Regex r) {
        Pattern p = JsonataRegex.compile(r.pattern(), r.flags());
        return (in, env) -> p;
      }
      if (e instanceof Context) {
        return (in, env) -> mangle(in);
      }
      if (e instanceof Variable v) {
        return variable(v.name(), scope);
      }
      if (e instanceof Name n) {
        return new NameNode(n.name());
      }
      if (e instanceof Path p) {
        return path(p, scope);
      }
      if (e instanceof Filter f) {
        Node base = node(f.base(), scope);
        Node[] preds = predicates(f.predicates(), scope);
        return (in, env) -> {
          Object r = base.eval(in, env);
          for (Node p : preds) {
            r = ((PredicateNode) p).filter(r, env);
          }
          return mangle(r);
        };
      }
      if (e instanceof Binary b) {
        List<Object> constants = b.op().equals("in") ? literalItems(b.rhs()) : null;
        if (constants != null) {
          Node lhs = node(b.lhs(), scope);
          return (in, env) -> includes(lhs.eval(in, env), constants);
        }
        return binary(b.op(), node(b.lhs(), scope), node(b.rhs(), scope));
      }
      if (e instanceof Logical l) {
        Node lhs = node(l.lhs(), scope);
        Node rhs = node(l.rhs(), scope);
        if (l.and()) {
          return (in, env) -> truthy(lhs.eval(in, env)) && truthy(rhs.eval(in, env));
        }
        return (in, env) -> truthy(lhs.eval(in, env)) || truthy(rhs.eval(in, env));
      }
      if (e instanceof Negate n) {
        Node x = node(n.expr(), scope);
        return (in, env) -> {
          Object v = x.eval(in, env);
          if (v == null) {
            return null;
          }
          if (!Utils.isNumeric(v)) {
            throw Fallback.INSTANCE;
          }
          return number(-((Number) v).doubleValue());
        };
      }
      if (e instanceof ArrayCons a) {
        return arrayCons(a, scope);
      }
      if (e instanceof ObjectCons o) {
        return objectCons(o, scope);
      }
      if (e instanceof Condition c) {
        Node cond = node(c.condition(), scope);
        Node then = node(c.then(), scope, tail);
        Node otherwise = c.otherwise() == null ? null : node(c.otherwise(), scope, tail);
        return (in, env) -> mangle(truthy(cond.eval(in, env)) ? then.eval(in, env)
            : otherwise == null ? null : otherwise.eval(in, env));
      }
      if (e instanceof Block b) {
        return block(b, scope, tail);
      }
      if (e instanceof Bind b) {
        int slot = scope.names.indexOf(b.name());
        Node value = node(b.value(), scope);
        return (in, env) -> {
          Object v = value.eval(in, env);
          env.frame.slots[slot] = v;
          return mangle(v);
        };
      }
      if (e instanceof Lambda l) {
        List<String> names = new ArrayList<>(l.params());
        for (String bound : boundNames(l.body(), new ArrayList<>())) {
          if (!names.contains(bound)) {
            names.add(bound);
          }
        }
        if (names.size() != new java.util.HashSet<>(names).size()) {
          throw new Unsupported("a function with two parameters of the same name");
        }
        Scope inner = new Scope(scope, names);
        Node body = node(l.body(), inner, true);
        List<String> params = l.params();
        boolean readsValue = !params.isEmpty() && inner.used.contains(params.get(0));
        boolean keyOnly = params.size() >= 2 && readsOnly(l.body(), params.get(1));
        LambdaNode def = new LambdaNode(body, params.size(), names.size(), readsValue, keyOnly);
        return (in, env) -> new Closure(def, env.frame, in);
      }
      if (e instanceof Call c) {
        return call(c, scope, tail && c.chained() == null);
      }
      throw new Unsupported("the expression " + e.getClass().getSimpleName());
    }

    /**
     * The items of an array constructor of string, number and boolean literals (the list it makes
     * on every evaluation, made once); null for any other expression.
     */
    private static List<Object> literalItems(Expr e) {
      if (!(e instanceof ArrayCons a) || a.items().isEmpty()) {
        return null;
      }
      List<Object> items = new ArrayList<>();
      for (Expr item : a.items()) {
        if (!(item instanceof Literal l) || !(l.value() instanceof String || l.value() instanceof Number
            || l.value() instanceof Boolean)) {
          return null;
        }
        items.add(l.value());
      }
      return java.util.Collections.unmodifiableList(items);
    }

    /**
     * Whether {@code e} reads nothing but the variable {@code name} and literals: its value is then
     * a function of that variable alone.
     */
    private static boolean readsOnly(Expr e, String name) {
      if (e instanceof Literal) {
        return true;
      }
      if (e instanceof Variable v) {
        return v.name().equals(name);
      }
      if (e instanceof Binary || e instanceof Logical || e instanceof Negate || e instanceof Condition
          || e instanceof ArrayCons) {
        for (Expr child : children(e)) {
          if (!readsOnly(child, name)) {
            return false;
          }
        }
        return true;
      }
      return false;
    }

    private Node variable(String name, Scope scope) {
      if (name.equals("$")) {
        return (in, env) -> env.root;
      }
      Slot[] slots = resolve(name, scope);
      if (slots.length == 0) {
        throw new Unsupported("the variable $" + name + " is not bound in the expression");
      }
      return (in, env) -> mangle(lookup(slots, env));
    }

    private static Slot[] resolve(String name, Scope scope) {
      List<Slot> slots = new ArrayList<>();
      int hops = 0;
      for (Scope s = scope; s != null; s = s.parent) {
        int slot = s.names.indexOf(name);
        if (slot >= 0) {
          slots.add(new Slot(hops, slot));
          s.used.add(name);
        }
        if (s.hasFrame()) {
          hops++;
        }
      }
      return slots.toArray(new Slot[0]);
    }

    private Node path(Path p, Scope scope) {
      List<Step> steps = p.steps();
      Node[] nodes = new Node[steps.size()];
      Node[][] stages = new Node[steps.size()][];
      boolean simple = true;
      String[] names = new String[steps.size()];
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        nodes[i] = node(s.expr(), scope);
        stages[i] = predicates(s.stages(), scope);
        if (!s.stages().isEmpty()) {
          simple = false;
        } else if (s.expr() instanceof Name n) {
          names[i] = n.name();
        } else if (i > 0 || !(isVariable(s.expr()))) {
          simple = false;
        }
      }
      Expr first = steps.get(0).expr();
      boolean firstIsVariable = isVariable(first) || (first instanceof Filter f && isVariable(f.base()));
      return new PathNode(nodes, stages, firstIsVariable, simple ? names : null);
    }

    private static boolean isVariable(Expr e) {
      return e instanceof Context || e instanceof Variable;
    }

    private Node[] predicates(List<Expr> preds, Scope scope) {
      Node[] out = new Node[preds.size()];
      for (int i = 0; i < out.length; i++) {
        Expr p = preds.get(i);
        if (p instanceof Literal l && l.value() instanceof Number n) {
          out[i] = new PredicateNode(null, n.intValue());
        } else {
          out[i] = new PredicateNode(node(p, scope), 0);
        }
      }
      return out;
    }

    private Node binary(String op, Node lhs, Node rhs) {
      switch (op) {
        case "+": case "-": case "*": case "/": case "%": {
          char o = op.charAt(0);
          return (in, env) -> arithmetic(o, lhs.eval(in, env), rhs.eval(in, env));
        }
        case "=":
          return (in, env) -> equal(lhs.eval(in, env), rhs.eval(in, env));
        case "!=":
          return (in, env) -> {
            Object l = lhs.eval(in, env);
            Object r = rhs.eval(in, env);
            return l != null && r != null && !equal(l, r);
          };
        case "<": case "<=": case ">": case ">=": {
          java.util.function.IntPredicate holds = switch (op) {
            case "<" -> c -> c < 0;
            case "<=" -> c -> c <= 0;
            case ">" -> c -> c > 0;
            default -> c -> c >= 0;
          };
          return (in, env) -> {
            Object l = lhs.eval(in, env);
            Object r = rhs.eval(in, env);
            Integer c = compare(l, r);
            return c == null ? null : holds.test(c);
          };
        }
        case "&":
          return (in, env) -> {
            Object l = lhs.eval(in, env);
            Object r = rhs.eval(in, env);
            return (l == null ? "" : Functions.string(l, null)) + (r == null ? "" : Functions.string(r, null));
          };
        case "in":
          return (in, env) -> includes(lhs.eval(in, env), rhs.eval(in, env));
        default:
          throw new Unsupported("the operator " + op);
      }
    }

    private Node arrayCons(ArrayCons a, Scope scope) {
      Node[] items = new Node[a.items().size()];
      boolean[] nested = new boolean[items.length];
      for (int i = 0; i < items.length; i++) {
        items[i] = node(a.items().get(i), scope);
        nested[i] = a.nested().get(i);
      }
      return (in, env) -> {
        Object result = new JList<>();
        for (int i = 0; i < items.length; i++) {
          Object v = items[i].eval(in, env);
          if (v != null) {
            if (nested[i] || !isList(v)) {
              // a value that is not an array is appended as one item, as Functions.append would
              @SuppressWarnings("unchecked")
              List<Object> list = (List<Object>) result;
              list.add(v);
            } else {
              result = Functions.append(result, v);
            }
          }
        }
        return mangle(result);
      };
    }

    private Node objectCons(ObjectCons o, Scope scope) {
      int n = o.keys().size();
      Node[] keys = new Node[n];
      Node[] values = new Node[n];
      for (int i = 0; i < n; i++) {
        keys[i] = node(o.keys().get(i), scope);
        values[i] = node(o.values().get(i), scope);
      }
      String[] names = new String[n];
      for (int i = 0; i < n && names != null; i++) {
        if (o.keys().get(i) instanceof Literal l && l.value() instanceof String key
            && !java.util.Arrays.asList(names).subList(0, i).contains(key)) {
          names[i] = key;
        } else {
          names = null;
        }
      }
      return new ObjectNode(keys, values, names);
    }

    private Node block(Block b, Scope scope, boolean tail) {
      List<String> names = boundNames(new Block(List.of()), new ArrayList<>());
      for (Expr x : b.expressions()) {
        boundNames(x, names);
      }
      Scope inner = new Scope(scope, names);
      Node[] nodes = new Node[b.expressions().size()];
      for (int i = 0; i < nodes.length; i++) {
        nodes[i] = node(b.expressions().get(i), inner, tail && i == nodes.length - 1);
      }
      int size = names.size();
      return (in, env) -> {
        Frame saved = env.frame;
        if (size > 0) {
          env.frame = new Frame(size, saved);
        }
        try {
          Object result = null;
          for (Node x : nodes) {
            result = x.eval(in, env);
          }
          return mangle(result);
        } finally {
          env.frame = saved;
        }
      };
    }

    private Node call(Call c, Scope scope, boolean tail) {
      Node[] args = new Node[c.args().size()];
      for (int i = 0; i < args.length; i++) {
        args[i] = node(c.args().get(i), scope);
      }
      Node chained = c.chained() == null ? null : node(c.chained(), scope);
      Slot[] slots = resolve(c.name(), scope);
      if (slots.length > 0) {
        return (in, env) -> {
          Object f = lookup(slots, env);
          Object[] values = arguments(args, chained, in, env);
          if (!(f instanceof Closure closure)) {
            throw Fallback.INSTANCE;
          }
          Object result = closure.call(env, values);
          return tail ? thunk(result) : mangle(result);
        };
      }
      Builtins.Spec spec = Builtins.ALL.get(c.name());
      if (spec == null) {
        throw new Unsupported("the function $" + c.name());
      }
      int count = args.length + (chained == null ? 0 : 1);
      if (count < spec.minArgs() || count > spec.maxArgs()) {
        throw new Unsupported("$" + c.name() + " with " + count + " arguments");
      }
      int width = spec.maxArgs();
      Builtins.Builtin fn = spec.fn();
      return (in, env) -> {
        Object[] values = arguments(args, chained, in, env);
        if (values.length < spec.minArgs()) {
          throw Fallback.INSTANCE;
        }
        Object[] padded = values.length == width ? values : java.util.Arrays.copyOf(values, width);
        Object result;
        try {
          result = fn.apply(padded, env);
        } catch (Fallback | RuleException e) {
          throw e;
        } catch (Exception e) {
          throw Fallback.INSTANCE;
        }
        if (result instanceof Number n && !(result instanceof Boolean)) {
          return Utils.convertNumber(n);
        }
        return tail ? thunk(result) : mangle(result);
      };
    }

    private static Object[] arguments(Node[] args, Node chained, Object in, Env env) {
      Object first = chained == null ? null : chained.eval(in, env);
      int offset = first == null ? 0 : 1;
      Object[] values = new Object[args.length + offset];
      if (first != null) {
        values[0] = first;
      }
      for (int i = 0; i < args.length; i++) {
        values[i + offset] = args[i].eval(in, env);
      }
      return values;
    }
  }

  // ---------------------------------------------------------------- nodes and semantics

  static final class LambdaNode {
    final Node body;
    final int params;
    final int frameSize;
    /** Whether the body reads the first parameter (the value, for {@code $sift} and {@code $each}). */
    final boolean readsValue;
    /** Whether the body reads nothing but the second parameter (the key) and literals. */
    final boolean keyOnly;
    /** For a key-only body: its verdict on each field of the last record schema it was applied to. */
    private volatile KeyVerdicts verdicts;
    /** How many key names {@link #verdictsByName} keeps at most. */
    static final int NAMES_REMEMBERED = 256;
    /** For a key-only body: its verdict on key names met outside a record's fields (added entries). */
    final Map<String, Boolean> verdictsByName = new ConcurrentHashMap<>();

    LambdaNode(Node body, int params, int frameSize, boolean readsValue, boolean keyOnly) {
      this.body = body;
      this.params = params;
      this.frameSize = frameSize;
      this.readsValue = readsValue;
      this.keyOnly = keyOnly;
    }
  }

  /** A field name's position in one record layout (see {@code PathNode#positionIn}). */
  private record NamePosition(Object layout, int index) {}

  /** A key-only lambda's truth value on each field of one record schema; immutable. */
  private record KeyVerdicts(Object schemaKey, boolean[] byField) {}

  private static Object lookup(Slot[] slots, Env env) {
    for (Slot s : slots) {
      Frame f = env.frame;
      for (int h = 0; h < s.hops; h++) {
        f = f.parent;
      }
      Object v = f.slots[s.slot];
      if (v != Frame.UNBOUND) {
        return v;
      }
    }
    return null;
  }

  /** A field of the context: a map entry (present with null: JSON null), or the reference's lookup. */
  static final class NameNode implements Node {
    final String name;

    NameNode(String name) {
      this.name = name;
    }

    @Override
    public Object eval(Object in, Env env) {
      if (isMap(in)) {
        Map<?, ?> m = (Map<?, ?>) in;
        Object v = m.get(name);
        if (v == null) {
          return m.containsKey(name) ? Jsonata.NULL_VALUE : null;
        }
        return mangle(v);
      }
      return mangle(Functions.lookup(in, name));
    }
  }

  /** A predicate: an index literal, or an expression per item (numbers select by index). */
  static final class PredicateNode implements Node {
    final Node expr;
    final int index;

    PredicateNode(Node expr, int index) {
      this.expr = expr;
      this.index = index;
    }

    @Override
    public Object eval(Object in, Env env) {
      throw new IllegalStateException("a predicate is applied with filter()");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Object filter(Object input, Env env) {
      List results = Utils.createSequence();
      List list = input instanceof List ? (List) input : Utils.createSequence(input);
      if (expr == null) {
        int i = index < 0 ? list.size() + index : index;
        Object item = i >= 0 && i < list.size() ? list.get(i) : null;
        if (item != null) {
          if (item instanceof List) {
            return item;
          }
          results.add(item);
        }
        return results;
      }
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        Object res = expr.eval(item, env);
        if (Utils.isNumeric(res)) {
          res = Utils.createSequence(res);
        }
        if (Utils.isArrayOfNumbers(res)) {
          for (Object o : (List) res) {
            int ii = ((Number) o).intValue();
            if (ii < 0) {
              ii = list.size() + ii;
            }
            if (ii == i) {
              results.add(item);
            }
          }
        } else if (truthy(res)) {
          results.add(item);
        }
      }
      return results;
    }
  }

  /** A path: the reference's step-by-step walk, with a direct walk for plain field names on maps. */
  static final class PathNode implements Node {
    final Node[] steps;
    final Node[][] stages;
    final boolean firstIsVariable;
    /** The step names when every step but a leading variable is a plain name; else null. */
    final String[] names;
    /**
     * Per name step, where its name was in the record layout met there last (a record view's
     * shared layout): records of one schema find their field by position. Entries are immutable;
     * threads may replace them.
     */
    private final NamePosition[] positions;
    /** True for a path of one plain name ({@code balance}, {@code $.balance} is two steps). */
    private final boolean single;

    PathNode(Node[] steps, Node[][] stages, boolean firstIsVariable, String[] names) {
      this.steps = steps;
      this.stages = stages;
      this.firstIsVariable = firstIsVariable;
      this.names = names;
      this.positions = names == null ? null : new NamePosition[names.length];
      this.single = names != null && names.length == 1 && names[0] != null;
    }

    /** The position of step {@code i}'s name among {@code view}'s fields, remembered per shared layout. */
    private int positionIn(RecordView view, int i) {
      Object layout = view.sharedLayout();
      if (layout == null) {
        return view.indexOf(names[i]);
      }
      NamePosition p = positions[i];
      if (p == null || p.layout() != layout) {
        p = new NamePosition(layout, view.indexOf(names[i]));
        positions[i] = p;
      }
      return p.index();
    }

    @Override
    public Object eval(Object in, Env env) {
      if (single && in instanceof RecordView view) {
        // One name on a record view, the common case: what the loop below does for it, without its type tests.
        Object v = view.get(names[0], positionIn(view, 0));
        if (v == null) {
          return view.containsKey(names[0]) ? Jsonata.NULL_VALUE : null;
        }
        return v instanceof JList<?> j && j.sequence ? mangle(walk(in, env)) : v;
      }
      if (names != null) {
        Object cur;
        int from;
        if (names[0] == null) {
          cur = steps[0].eval(in, env);
          from = 1;
        } else {
          cur = in;
          from = 0;
        }
        if (!isList(cur)) {
          for (int i = from; i < names.length; i++) {
            if (isMap(cur)) {
              Map<?, ?> m = (Map<?, ?>) cur;
              Object v = cur instanceof RecordView view ? view.get(names[i], positionIn(view, i)) : m.get(names[i]);
              if (v == null) {
                if (!m.containsKey(names[i])) {
                  return null;
                }
                v = Jsonata.NULL_VALUE;
              }
              cur = v;
            } else if (isList(cur)) {
              return mangle(walk(in, env));
            } else {
              return null;
            }
          }
          if (!(cur instanceof JList<?> j && j.sequence)) {
            return cur;
          }
        }
      }
      return mangle(walk(in, env));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object walk(Object in, Env env) {
      List inputSequence = in instanceof List && !firstIsVariable ? (List) in : Utils.createSequence(in);
      List resultSequence = null;
      for (int i = 0; i < steps.length; i++) {
        resultSequence = step(i, inputSequence, env, i == steps.length - 1);
        if (resultSequence.isEmpty()) {
          break;
        }
        inputSequence = resultSequence;
      }
      return resultSequence;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List step(int i, List input, Env env, boolean last) {
      List result = Utils.createSequence();
      for (Object item : input) {
        Object res = steps[i].eval(item, env);
        for (Node stage : stages[i]) {
          res = ((PredicateNode) stage).filter(res, env);
        }
        if (res != null) {
          result.add(res);
        }
      }
      if (last && result.size() == 1 && result.get(0) instanceof List && !Utils.isSequence(result.get(0))) {
        return (List) result.get(0);
      }
      List out = Utils.createSequence();
      for (Object res : result) {
        if (!(res instanceof List) || (res instanceof JList && ((JList) res).cons)) {
          out.add(res);
        } else {
          out.addAll((List) res);
        }
      }
      return out;
    }
  }

  /** {@code {k: v}}: keys are evaluated per context item, then each group's value once. */
  static final class ObjectNode implements Node {
    final Node[] keys;
    final Node[] values;

    /** The keys when every one is a distinct string literal; else null. */
    final String[] constantNames;

    ObjectNode(Node[] keys, Node[] values, String[] constantNames) {
      this.keys = keys;
      this.values = values;
      this.constantNames = constantNames;
    }

    @Override
    public Object eval(Object in, Env env) {
      if (!isList(in)) {
        String[] names = constantNames != null ? constantNames : names(in, env);
        Map<Object, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
          Object v = values[i].eval(in, env);
          if (v != null) {
            result.put(names[i], v);
          }
        }
        return result;
      }
      return grouped((List<?>) in, env);
    }

    /** The keys evaluated on {@code in}: each a string, no two the same (else the interpreter answers). */
    private String[] names(Object in, Env env) {
      String[] names = new String[keys.length];
      for (int i = 0; i < keys.length; i++) {
        Object k = keys[i].eval(in, env);
        if (!(k instanceof String s)) {
          throw Fallback.INSTANCE;
        }
        for (int j = 0; j < i; j++) {
          if (names[j].equals(s)) {
            throw Fallback.INSTANCE;
          }
        }
        names[i] = s;
      }
      return names;
    }

    private Object grouped(List<?> input, Env env) {
      List<Object> items = new ArrayList<>(input);
      if (items.isEmpty()) {
        items.add(null);
      }
      Map<String, Object[]> groups = new LinkedHashMap<>();
      for (Object item : items) {
        for (int i = 0; i < keys.length; i++) {
          Object k = keys[i].eval(item, env);
          if (!(k instanceof String s)) {
            throw Fallback.INSTANCE;
          }
          Object[] group = groups.get(s);
          if (group == null) {
            groups.put(s, new Object[] {item, i});
          } else if ((Integer) group[1] != i) {
            throw Fallback.INSTANCE;
          } else {
            group[0] = Functions.append(group[0], item);
          }
        }
      }
      Map<Object, Object> result = new LinkedHashMap<>();
      for (Map.Entry<String, Object[]> g : groups.entrySet()) {
        Object v = values[(Integer) g.getValue()[1]].eval(g.getValue()[0], env);
        if (v != null) {
          result.put(g.getKey(), v);
        }
      }
      return result;
    }
  }

  /*
   * Type tests on the hot path ask about classes before interfaces: a failing instanceof against an
   * interface (a number tested for List) scans the class's interfaces every time, a test against a
   * class does not.
   */

  /** {@code v instanceof List}, answered by class checks for the usual values. */
  static boolean isList(Object v) {
    if (v instanceof ArrayList) {
      return true;
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof HashMap
        || v instanceof RecordView) {
      return false;
    }
    return v instanceof List;
  }

  /** {@code v instanceof Map}, answered by class checks for the usual values. */
  static boolean isMap(Object v) {
    if (v instanceof HashMap || v instanceof RecordView) {
      return true;
    }
    if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof ArrayList) {
      return false;
    }
    return v instanceof Map;
  }

  /** The interpreter's truth value ({@code Jsonata.boolize}), a boolean answered first. */
  static boolean truthy(Object v) {
    return v instanceof Boolean b ? b : Jsonata.boolize(v);
  }

  /** The interpreter's unwrapping of a sequence: empty is undefined, one item is that item. */
  static Object mangle(Object r) {
    if (r instanceof Thunked) {
      return r;
    }
    if (r instanceof JList<?> l && l.sequence && !l.tupleStream) {
      if (l.isEmpty()) {
        return null;
      }
      if (l.size() == 1) {
        return l.keepSingleton ? l : l.get(0);
      }
    }
    return r;
  }

  private static Object thunk(Object r) {
    return r instanceof JList<?> l && l.sequence && l.size() <= 1 ? new Thunked(r) : r;
  }

  static Object number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw Fallback.INSTANCE;
    }
    return Utils.convertNumber(d);
  }

  static Object arithmetic(char op, Object l, Object r) {
    if ((l != null && !Utils.isNumeric(l)) || (r != null && !Utils.isNumeric(r))) {
      throw Fallback.INSTANCE;
    }
    if (l == null || r == null) {
      return null;
    }
    double a = ((Number) l).doubleValue();
    double b = ((Number) r).doubleValue();
    return number(switch (op) {
      case '+' -> a + b;
      case '-' -> a - b;
      case '*' -> a * b;
      case '/' -> a / b;
      default -> a % b;
    });
  }

  static boolean equal(Object l, Object r) {
    if (l == null || r == null) {
      return false;
    }
    if (l instanceof Number a && r instanceof Number b) {
      return a.doubleValue() == b.doubleValue();
    }
    return l.equals(r);
  }

  /** The sign of l compared with r; null when either is undefined. */
  static Integer compare(Object l, Object r) {
    if (!comparable(l) || !comparable(r)) {
      throw Fallback.INSTANCE;
    }
    if (l == null || r == null) {
      return null;
    }
    if (l instanceof Number a && r instanceof Number b && !(l instanceof Boolean) && !(r instanceof Boolean)) {
      return Double.compare(a.doubleValue(), b.doubleValue());
    }
    if (l instanceof String a && r instanceof String b) {
      return a.compareTo(b);
    }
    throw Fallback.INSTANCE;
  }

  private static boolean comparable(Object v) {
    return v == null || v instanceof String || (v instanceof Number && !(v instanceof Boolean));
  }

  static boolean includes(Object l, Object r) {
    if (l == null || r == null) {
      return false;
    }
    if (r instanceof List<?> list) {
      for (Object item : list) {
        if (equal(item, l)) {
          return true;
        }
      }
      return false;
    }
    return equal(r, l);
  }
}
