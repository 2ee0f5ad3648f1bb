package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import io.contractserde.format.RecordView;
import io.contractserde.rule.jsonata.JsonataCompiler.Closure;
import io.contractserde.rule.jsonata.JsonataCompiler.Env;
import io.contractserde.rule.jsonata.JsonataCompiler.Fallback;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in functions of the compiled subset. Each checks its arguments the way the
 * interpreter's signature does and, for anything its signature would reject or coerce in a way not
 * written here, throws {@link Fallback}: the interpreter then runs the record and gives its own
 * answer or error. The leaf functions call the interpreter's own {@link Functions}, so formatting
 * and rounding are the reference's; the higher-order ones ({@code $map}, {@code $filter},
 * {@code $reduce}, {@code $sift}, {@code $each}) call compiled lambdas.
 */
final class Builtins {
  private Builtins() {}

  /** One built-in: its name, how many arguments it takes, and what it does. */
  interface Builtin {
    Object apply(Object[] args, Env env) throws Exception;
  }

  record Spec(int minArgs, int maxArgs, Builtin fn) {}

  /** Every built-in the compiler knows, by name (without the {@code $}). */
  static final Map<String, Spec> ALL = Map.ofEntries(
      Map.entry("merge", new Spec(1, 1, (a, e) -> merge(typedArray(a[0], Map.class)))),
      Map.entry("sift", new Spec(2, 2, (a, e) -> sift(a[0], a[1], e))),
      Map.entry("each", new Spec(2, 2, (a, e) -> each(a[0], a[1], e))),
      Map.entry("keys", new Spec(1, 1, (a, e) -> Functions.keys(a[0]))),
      Map.entry("lookup", new Spec(2, 2, (a, e) -> Functions.lookup(a[0], str(a[1])))),
      Map.entry("exists", new Spec(1, 1, (a, e) -> Functions.exists(a[0]))),
      Map.entry("string", new Spec(1, 2, (a, e) -> Functions.string(a[0], bool(a[1])))),
      Map.entry("number", new Spec(1, 1, (a, e) -> Functions.number(numberArg(a[0])))),
      Map.entry("boolean", new Spec(1, 1, (a, e) -> Functions.toBoolean(a[0]))),
      Map.entry("not", new Spec(1, 1, (a, e) -> Functions.not(a[0]))),
      Map.entry("length", new Spec(1, 1, (a, e) -> Functions.length(str(a[0])))),
      Map.entry("substring", new Spec(2, 3, (a, e) -> Functions.substring(str(a[0]), num(a[1]), num(a[2])))),
      Map.entry("substringBefore", new Spec(2, 2, (a, e) -> Functions.substringBefore(str(a[0]), str(a[1])))),
      Map.entry("substringAfter", new Spec(2, 2, (a, e) -> Functions.substringAfter(str(a[0]), str(a[1])))),
      Map.entry("uppercase", new Spec(1, 1, (a, e) -> Functions.uppercase(str(a[0])))),
      Map.entry("lowercase", new Spec(1, 1, (a, e) -> Functions.lowercase(str(a[0])))),
      Map.entry("trim", new Spec(1, 1, (a, e) -> Functions.trim(str(a[0])))),
      Map.entry("pad", new Spec(2, 3, (a, e) -> pad(str(a[0]), num(a[1]), str(a[2])))),
      Map.entry("contains", new Spec(2, 2, (a, e) -> regex(e).contains(str(a[0]), stringOrRegex(a[1])))),
      Map.entry("split", new Spec(2, 3, (a, e) -> regex(e).split(str(a[0]), stringOrRegex(a[1]), num(a[2])))),
      Map.entry("join", new Spec(1, 2, (a, e) -> Functions.join(typedArray(a[0], String.class), str(a[1])))),
      Map.entry("match", new Spec(2, 3, (a, e) -> regex(e).match(str(a[0]), regex(a[1]), integer(a[2])))),
      Map.entry("replace", new Spec(3, 4,
          (a, e) -> regex(e).replace(str(a[0]), stringOrRegex(a[1]), replacement(a[2]), integer(a[3])))),
      Map.entry("abs", new Spec(1, 1, (a, e) -> Functions.abs(num(a[0])))),
      Map.entry("floor", new Spec(1, 1, (a, e) -> Functions.floor(num(a[0])))),
      Map.entry("ceil", new Spec(1, 1, (a, e) -> Functions.ceil(num(a[0])))),
      Map.entry("round", new Spec(1, 2, (a, e) -> Functions.round(num(a[0]), num(a[1])))),
      Map.entry("power", new Spec(2, 2, (a, e) -> Functions.power(num(a[0]), num(a[1])))),
      Map.entry("sum", new Spec(1, 1, (a, e) -> Functions.sum(typedArray(a[0], Number.class)))),
      Map.entry("max", new Spec(1, 1, (a, e) -> Functions.max(typedArray(a[0], Number.class)))),
      Map.entry("min", new Spec(1, 1, (a, e) -> Functions.min(typedArray(a[0], Number.class)))),
      Map.entry("average", new Spec(1, 1, (a, e) -> Functions.average(typedArray(a[0], Number.class)))),
      Map.entry("count", new Spec(1, 1, (a, e) -> Functions.count(array(a[0])))),
      Map.entry("append", new Spec(2, 2, (a, e) -> Functions.append(a[0], a[1]))),
      Map.entry("map", new Spec(2, 2, (a, e) -> map(a[0], a[1], e, false))),
      Map.entry("filter", new Spec(2, 2, (a, e) -> map(a[0], a[1], e, true))),
      Map.entry("reduce", new Spec(2, 3, (a, e) -> reduce(a[0], a[1], a[2], e))),
      Map.entry("distinct", new Spec(1, 1, (a, e) -> Functions.distinct(a[0]))),
      Map.entry("type", new Spec(1, 1, (a, e) -> Functions.type(a[0]))),
      Map.entry("now", new Spec(0, 2, (a, e) -> Functions.dateTimeFromMillis(e.millis(), str(a[0]), str(a[1])))),
      Map.entry("millis", new Spec(0, 0, (a, e) -> e.millis())),
      Map.entry("toMillis", new Spec(1, 2, (a, e) -> Functions.dateTimeToMillis(str(a[0]), str(a[1])))),
      Map.entry("fromMillis", new Spec(1, 3,
          (a, e) -> Functions.dateTimeFromMillis(num(a[0]), str(a[1]), str(a[2])))));

  // ---------------------------------------------------------------- argument checks

  static String str(Object v) {
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw Fallback.INSTANCE;
  }

  static Number num(Object v) {
    if (v == null || (v instanceof Number && !(v instanceof Boolean))) {
      return (Number) v;
    }
    throw Fallback.INSTANCE;
  }

  static Boolean bool(Object v) {
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    throw Fallback.INSTANCE;
  }

  /** An optional integer argument: a whole number, passed as the Integer the reference's method takes. */
  static Integer integer(Object v) {
    Number n = num(v);
    if (n == null) {
      return null;
    }
    double d = n.doubleValue();
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw Fallback.INSTANCE;
    }
    return (int) d;
  }

  static Object numberArg(Object v) {
    if (v == null || v instanceof Number || v instanceof String || v instanceof Boolean) {
      return v;
    }
    throw Fallback.INSTANCE;
  }

  static Object stringOrRegex(Object v) {
    if (v instanceof String || v instanceof Pattern) {
      return v;
    }
    throw Fallback.INSTANCE;
  }

  static Object replacement(Object v) {
    if (v instanceof String) {
      return v;
    }
    throw Fallback.INSTANCE;
  }

  /**
   * The regex built-ins bounded by this evaluation's {@code jsonata.timeout.ms}, as in the
   * interpreter: the same answers as the library's own functions, each regex call bounded in time.
   */
  private static RegexBuiltins regex(Env env) {
    return new RegexBuiltins(() -> java.time.Duration.ofMillis(env.timeoutMs));
  }

  static Pattern regex(Object v) {
    if (v instanceof Pattern p) {
      return p;
    }
    throw Fallback.INSTANCE;
  }

  /** An array argument: a value that is not an array is wrapped in one, as the signature does. */
  @SuppressWarnings("unchecked")
  static List<Object> array(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof List<?> l) {
      return (List<Object>) l;
    }
    if (v == Jsonata.NULL_VALUE) {
      throw Fallback.INSTANCE;
    }
    return Utils.createSequence(v);
  }

  @SuppressWarnings("unchecked")
  static <T> List<T> typedArray(Object v, Class<T> type) {
    List<Object> list = array(v);
    if (list != null) {
      for (Object item : list) {
        if (!type.isInstance(item) || item instanceof Boolean && type == Number.class) {
          throw Fallback.INSTANCE;
        }
      }
    }
    return (List<T>) list;
  }

  static Closure function(Object v) {
    if (v instanceof Closure c) {
      return c;
    }
    throw Fallback.INSTANCE;
  }

  // ---------------------------------------------------------------- functions

  static String pad(String s, Number width, String chr) {
    if (width == null) {
      throw Fallback.INSTANCE;
    }
    return JsonataExecutor.boundedPad(s, width, chr);
  }

  /** {@code $map} (or, with {@code filter}, {@code $filter}): the function gets value, index, array. */
  static Object map(Object arr, Object fn, Env env, boolean filter) {
    List<Object> list = array(arr);
    Closure f = function(fn);
    if (list == null) {
      return null;
    }
    List<Object> result = Utils.createSequence();
    int arity = f.arity();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      Object res = f.call(env, hofArgs(arity, item, i, list));
      if (filter) {
        if (JsonataCompiler.truthy(res)) {
          result.add(item);
        }
      } else if (res != null) {
        result.add(res);
      }
    }
    return result;
  }

  private static Object[] hofArgs(int arity, Object a, Object b, Object c) {
    if (arity >= 3) {
      return new Object[] {a, b, c};
    }
    if (arity == 2) {
      return new Object[] {a, b};
    }
    return new Object[] {a};
  }

  static Object reduce(Object arr, Object fn, Object init, Env env) {
    List<Object> list = array(arr);
    Closure f = function(fn);
    if (list == null) {
      return null;
    }
    int arity = f.arity();
    if (arity < 2) {
      throw Fallback.INSTANCE;
    }
    Object result;
    int index;
    if (init == null && !list.isEmpty()) {
      result = list.get(0);
      index = 1;
    } else {
      result = init;
      index = 0;
    }
    while (index < list.size()) {
      Object[] args = arity >= 4 ? new Object[] {result, list.get(index), index, list}
          : arity == 3 ? new Object[] {result, list.get(index), index} : new Object[] {result, list.get(index)};
      result = f.call(env, args);
      index++;
    }
    return result;
  }

  /** {@code $sift}: the entries for which the function (value, key, object) is truthy; none: undefined. */
  static Object sift(Object obj, Object fn, Env env) {
    Closure f = function(fn);
    if (obj == null) {
      return null;
    }
    if (!(obj instanceof Map<?, ?> map)) {
      throw Fallback.INSTANCE;
    }
    int arity = f.arity();
    if (map instanceof RecordView view && !view.isCopied()) {
      boolean[] byKey = f.verdictsByKey(view.fields(), env);
      boolean readsValue = f.readsValue();
      RecordView kept = view.retain(i -> {
        if (byKey != null && i < byKey.length) {
          return byKey[i];
        }
        Boolean byName = byKey != null ? f.verdictForKey(view.keyAt(i), env) : null; // an added entry
        return byName != null ? byName
            : JsonataCompiler.truthy(f.call(env, hofArgs(arity, readsValue ? view.valueAt(i) : null, view.keyAt(i), view)));
      });
      return kept.isEmpty() ? null : kept;
    }
    Map<Object, Object> result = new LinkedHashMap<>();
    map.forEach((k, v) -> {
      if (JsonataCompiler.truthy(f.call(env, hofArgs(arity, v, k, map)))) {
        result.put(k, v);
      }
    });
    return result.isEmpty() ? null : result;
  }

  /**
   * {@code $merge}: the entries of every object, later ones over earlier ones. When the first is a
   * record's view and no other is, the result is that view with the others put on top, so no
   * field of the record is read.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Object merge(List<Map> objects) {
    if (objects != null && !objects.isEmpty() && objects.get(0) instanceof RecordView view && !view.isCopied()) {
      for (int i = 1; i < objects.size(); i++) {
        if (objects.get(i) instanceof RecordView) {
          return Functions.merge(objects);
        }
      }
      if (objects.size() == 2) {
        return view.with(objects.get(1));
      }
      Map<Object, Object> later = new LinkedHashMap<>();
      for (int i = 1; i < objects.size(); i++) {
        later.putAll(objects.get(i));
      }
      return view.with(later);
    }
    return Functions.merge(objects);
  }

  /** {@code $each}: the defined results of the function (value, key, object) per entry. */
  static Object each(Object obj, Object fn, Env env) {
    Closure f = function(fn);
    if (obj == null) {
      return null;
    }
    if (!(obj instanceof Map<?, ?> map)) {
      throw Fallback.INSTANCE;
    }
    List<Object> result = Utils.createSequence();
    int arity = f.arity();
    map.forEach((k, v) -> {
      Object res = f.call(env, hofArgs(arity, v, k, map));
      if (res != null) {
        result.add(res);
      }
    });
    return result;
  }
}
