package io.contractserde.rule.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils;
import io.contractserde.rule.regex.BoundedRegex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * {@code $match}, {@code $contains}, {@code $replace} and {@code $split} with their regular
 * expressions run through {@link BoundedRegex}: each call that takes a regex ends within the
 * executor's {@code jsonata.timeout.ms}. The interpreter checks its time bound only between steps,
 * and one built-in call is one step, so an unbounded regex could run for minutes.
 *
 * <p>The results are those of {@code com.dashjoin:jsonata}'s own functions, which these replace
 * (the same match objects, the same {@code $replace} handling of {@code $0}..{@code $9}, the same
 * limits); calls without a regex go to the originals.
 */
final class RegexBuiltins {
  private final Supplier<Duration> bound;

  /** Built-ins bounded by {@code bound}, read at each call (the executor's current timeout). */
  RegexBuiltins(Supplier<Duration> bound) {
    this.bound = bound;
  }

  /** Replaces the four built-ins of {@code expression} (and of what it {@code $eval}s). */
  void registerOn(Jsonata expression) {
    expression.registerFunction("match", Jsonata.function("match",
        (Jsonata.Fn3<String, Object, Number, List<Map<String, Object>>>) this::match, "<s-f<s:o>n?:a<o>>"));
    expression.registerFunction("contains", Jsonata.function("contains",
        (Jsonata.Fn2<String, Object, Boolean>) this::contains, "<s-(sf):b>"));
    expression.registerFunction("replace", Jsonata.function("replace",
        (Jsonata.Fn4<String, Object, Object, Number, String>) this::replace, "<s-(sf)(sf)n?:s>"));
    expression.registerFunction("split", Jsonata.function("split",
        (Jsonata.Fn3<String, Object, Number, List<String>>) this::split, "<s-(sf)n?:a<s>>"));
  }

  private static Pattern pattern(String function, Object pattern) {
    if (pattern instanceof Pattern p) {
      return p;
    }
    throw new JException("The second argument of $" + function + " must be a regular expression", -1);
  }

  List<Map<String, Object>> match(String str, Object regex, Number limit) {
    if (str == null) {
      return null;
    }
    if (limit != null && limit.intValue() < 0) {
      throw new JException("D3040", -1, limit);
    }
    List<Map<String, Object>> all = new ArrayList<>();
    for (MatchResult matcher : BoundedRegex.of(pattern("match", regex)).results(str, bound.get())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("match", matcher.group());
      m.put("index", matcher.start());
      List<String> groups = new ArrayList<>();
      for (int g = 1; g <= matcher.groupCount(); g++) {
        groups.add(matcher.group(g));
      }
      m.put("groups", groups);
      all.add(m);
    }
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<Map<String, Object>> result = (List) Utils.createSequence();
    int max = limit == null ? Integer.MAX_VALUE : limit.intValue();
    for (int i = 0; i < all.size(); i++) {
      result.add(all.get(i));
      if (i >= max) {
        break;
      }
    }
    return result;
  }

  Boolean contains(String str, Object token) {
    if (str == null || !(token instanceof Pattern p)) {
      return Functions.contains(str, token);
    }
    return BoundedRegex.of(p).find(str, bound.get());
  }

  String replace(String str, Object pattern, Object replacement, Number limit) {
    if (str == null) {
      return null;
    }
    if (pattern instanceof String s && (s.isEmpty() || limit == null)) {
      return Functions.replace(str, pattern, replacement, limit == null ? null : limit.intValue());
    }
    if (limit == null) {
      return replaceAll(str, pattern("replace", pattern), replacement);
    }
    if (limit.intValue() < 0) {
      throw new JException("Fourth argument of replace function must evaluate to a positive number", 0);
    }
    // As the original: a string pattern with a limit is a regex (its replacement taken as it is),
    // and each round replaces the first match.
    String result = str;
    for (int i = 0; i < limit.intValue(); i++) {
      result = pattern instanceof String s
          ? BoundedRegex.compile(s).replaceFirst(result, (String) replacement, bound.get())
          : replaceFirst(result, pattern("replace", pattern), (String) replacement);
    }
    return result;
  }

  private String replaceAll(String str, Pattern pattern, Object replacement) {
    BoundedRegex regex = BoundedRegex.of(pattern);
    if (!(replacement instanceof String r)) {
      return regex.replaceAll(str, match -> applyReplacer(replacement, match), bound.get());
    }
    String safe = safeReplacement(r);
    String result = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return regex.replaceAll(str, safe, bound.get());
      } catch (IndexOutOfBoundsException e) {
        safe = withoutMissingGroup(safe, e);
      }
    }
    return result;
  }

  private String replaceFirst(String str, Pattern pattern, String replacement) {
    BoundedRegex regex = BoundedRegex.of(pattern);
    String safe = safeReplacement(replacement);
    String result = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      try {
        return regex.replaceFirst(str, safe, bound.get());
      } catch (IndexOutOfBoundsException e) {
        safe = withoutMissingGroup(safe, e);
      }
    }
    return result;
  }

  /** A reference to a group the pattern does not have is dropped, as the original does. */
  private static String withoutMissingGroup(String replacement, IndexOutOfBoundsException e) {
    String message = e.getMessage();
    if (message == null || !message.contains("No group")) {
      throw e;
    }
    return replacement.replace("$" + message.charAt(message.length() - 1), "");
  }

  /** JSONata's {@code $$} is a literal {@code $}; a {@code $} not before a digit is literal too. */
  private static String safeReplacement(String replacement) {
    return replacement.replaceAll("\\$\\$", "\\\\\\$")
        .replaceAll("([^\\\\]|^)\\$([^0-9^<])", "$1\\\\\\$$2")
        .replaceAll("\\$$", "\\\\\\$");
  }

  private static String applyReplacer(Object replacer, MatchResult match) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("match", match.group());
    List<String> groups = new ArrayList<>();
    for (int g = 0; g <= match.groupCount(); g++) {
      groups.add(match.group(g));
    }
    m.put("groups", groups);
    Object result;
    try {
      result = Functions.funcApply(replacer, List.of(m));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new JException(t, "D3012", -1, null, null);
    }
    if (result instanceof String s) {
      return s;
    }
    throw new JException("D3012", -1, result);
  }

  List<String> split(String str, Object separator, Number limit) {
    if (str == null || !(separator instanceof Pattern p)) {
      return Functions.split(str, separator, limit);
    }
    if (limit != null && limit.intValue() < 0) {
      throw new JException("D3020", -1, str);
    }
    if (limit != null && limit.intValue() == 0) {
      return new ArrayList<>();
    }
    List<String> result = Arrays.asList(BoundedRegex.of(p).split(str, -1, bound.get()));
    if (limit != null && limit.intValue() < result.size()) {
      result = result.subList(0, limit.intValue());
    }
    return result;
  }
}
